package org.dovelua.nauthilus.luatest;

/** A fixture Go's {@code json.Unmarshal} rejects; the message is Go's error text. */
public final class FixtureException extends Exception {
    public FixtureException(String goMessage) {
        super(goMessage);
    }
}
