package org.dovelua.api;

/** A request doveadm would refuse before sending it (a malformed {@code -x} pair); a usage error. */
public final class BadRequestException extends IllegalArgumentException {
    BadRequestException(String message) {
        super(message);
    }
}
