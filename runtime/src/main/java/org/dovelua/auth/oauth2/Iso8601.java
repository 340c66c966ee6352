package org.dovelua.auth.oauth2;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * iso8601-date.c {@code iso8601_date_parse()} for a JWT's string time claims (RFC 3339
 * date-time: {@code 2030-01-02T03:04:05Z}, an offset or fraction allowed). Dovecot also takes a
 * few looser forms (a date alone); those are not emulated and read as malformed.
 */
final class Iso8601 {
    private Iso8601() {
    }

    /** Seconds since the epoch, or null when {@code s} is no date-time. */
    static Long parse(String s) {
        try {
            return OffsetDateTime.parse(s).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
