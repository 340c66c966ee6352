package org.dovelua.varexpand.v24;

import static org.dovelua.varexpand.v24.VarExpand24.stringOrVar;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.dovelua.lib.Strftime;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.varexpand.v24.VarExpand24.State;
import org.dovelua.varexpand.v24.VarExpand24Filters.FilterError;
import org.dovelua.varexpand.v24.VarExpand24Program.Param;
import org.dovelua.varexpand.v24.VarExpand24Program.Statement;

/**
 * 2.4.5's time filters (expansion-filter.c, commits 6301da2bde, e7f78e19c5, 6ba7c76a70,
 * 483eda8167): {@code epoch([unit])} turns a {@code SECONDS[.FRACTION]} timestamp into whole
 * s/ms/us/ns, {@code from_epoch([unit])} the inverse into {@code SECONDS.NNNNNNNNN},
 * {@code date(format, [tz])} strftime()s it ({@link Strftime}) and {@code iso8601([tz])} gives
 * {@code iso8601_date_create_tm()}'s text. Registered by {@link VarExpand24Filters#find} from
 * {@code Since.VAR_EXPAND_TIME_FILTERS}; the texts are real 2.4.5's (case 474).
 */
final class VarExpand24TimeFilters {
    private VarExpand24TimeFilters() {
    }

    /** parse_unixtime()'s result. */
    private record UnixTime(long sec, int nsec) {
    }

    /**
     * parse_unixtime(): str_parse_intmax() (optional '-', digits) and an optional fraction of
     * digits, padded or cut to nanoseconds; anything else is {@code Invalid timestamp '%s'}.
     */
    private static UnixTime parseUnixtime(String str) throws FilterError {
        int i = str.startsWith("-") ? 1 : 0;
        int digits = i;
        while (digits < str.length() && str.charAt(digits) >= '0' && str.charAt(digits) <= '9') {
            digits++;
        }
        Long sec = digits == i ? null : VarExpand24.strToIntmax(str.substring(0, digits));
        if (sec == null) {
            throw invalid(str);
        }
        int nsec = 0;
        if (digits < str.length()) {
            if (str.charAt(digits) != '.') {
                throw invalid(str);
            }
            int scale = 100_000_000;
            for (int p = digits + 1; p < str.length(); p++) {
                char c = str.charAt(p);
                if (c < '0' || c > '9') {
                    throw invalid(str);
                }
                if (scale > 0) {
                    nsec += (c - '0') * scale;
                    scale /= 10;
                }
            }
        }
        return new UnixTime(sec, nsec);
    }

    private static FilterError invalid(String str) {
        return new FilterError("Invalid timestamp '" + str + "'");
    }

    /**
     * The filters' parameter loop: {@code key} or the positional parameter at {@code idx} fills
     * slot i; another key is {@code Unsupported key}, another positional one {@code Too many ...}.
     */
    private static String[] params(Statement stmt, State state, String[] keys, String[] defaults) throws FilterError {
        String[] out = defaults.clone();
        for (Param p : stmt.params()) {
            int slot = -1;
            for (int k = 0; k < keys.length; k++) {
                if (keys[k].equals(p.key()) || (p.key() == null && p.idx() == k)) {
                    slot = k;
                    break;
                }
            }
            if (slot >= 0) {
                out[slot] = stringOrVar(state, p);
            } else if (p.key() != null) {
                throw VarExpand24Filters.unsupportedKey(p.key());
            } else {
                throw VarExpand24Filters.tooManyPositional();
            }
        }
        return out;
    }

    private static void needTransfer(State state, String action) throws FilterError {
        if (!state.transferSet) {
            throw new FilterError("No value to " + action);
        }
    }

    /** fn_epoch(). */
    static void epoch(Statement stmt, State state) throws FilterError {
        String unit = params(stmt, state, new String[] {"unit"}, new String[] {"s"})[0];
        needTransfer(state, "convert to epoch");
        String input = state.transfer.toString();
        UnixTime t = parseUnixtime(input);
        long result;
        if (unit.equals("s")) {
            result = t.sec();
        } else {
            long mul;
            long add;
            switch (unit) {
                case "ms" -> {
                    mul = 1000;
                    add = t.nsec() / 1_000_000;
                }
                case "us" -> {
                    mul = 1_000_000;
                    add = t.nsec() / 1000;
                }
                case "ns" -> {
                    mul = 1_000_000_000;
                    add = t.nsec();
                }
                default -> throw new FilterError("Unsupported unit '" + unit + "' for 'epoch'");
            }
            // epoch_scale(): sec * mul + add, or out of range
            if (t.sec() > Long.MAX_VALUE / mul || t.sec() < Long.MIN_VALUE / mul
                    || t.sec() * mul > Long.MAX_VALUE - add) {
                throw new FilterError("Timestamp '" + input + "' out of range for unit '" + unit + "'");
            }
            result = t.sec() * mul + add;
        }
        state.set(Long.toString(result));
    }

    /** fn_from_epoch(). */
    static void fromEpoch(Statement stmt, State state) throws FilterError {
        String unit = params(stmt, state, new String[] {"unit"}, new String[] {"s"})[0];
        needTransfer(state, "convert from epoch");
        Long value = VarExpand24.strToIntmax(state.transfer.toString());
        if (value == null) {
            throw invalid(state.transfer.toString());
        }
        long divisor = switch (unit) {
            case "s" -> 1;
            case "ms" -> 1000;
            case "us" -> 1_000_000;
            case "ns" -> 1_000_000_000;
            default -> throw new FilterError("Unsupported unit '" + unit + "' for 'from_epoch'");
        };
        boolean neg = value < 0;
        // -(uintmax_t)value: the magnitude, also of INTMAX_MIN
        long sec = Long.divideUnsigned(neg ? -value : value, divisor);
        long nsec = Long.remainderUnsigned(neg ? -value : value, divisor) * (1_000_000_000 / divisor);
        state.set((neg ? "-" : "") + Long.toUnsignedString(sec) + "." + String.format("%09d", nsec));
    }

    /** fn_date(). */
    static void date(Statement stmt, State state) throws FilterError {
        String[] p = params(stmt, state, new String[] {"format", "tz"}, new String[] {null, "utc"});
        if (p[0] == null) {
            throw new FilterError("Missing date format");
        }
        needTransfer(state, "format as date");
        UnixTime t = parseUnixtime(state.transfer.toString());
        ZonedDateTime tm = time(t, p[1], "date");
        String out = Strftime.format(p[0], tm);
        if (out.isEmpty()) {
            // strftime() returning 0 looks like a too small buffer to t_strftime() until its limit
            throw new ProcessDeath(ProcessDeath.Kind.PANIC,
                    "file time-util.c: line 111 (strftime_real): assertion failed: (bufsize <= STRFTIME_MAX_BUFSIZE)");
        }
        state.set(out);
    }

    /** fn_iso8601(): {@code %04d-%02d-%02dT%02d:%02d:%02d} and {@code Z} or the local offset. */
    static void iso8601(Statement stmt, State state) throws FilterError {
        String tz = params(stmt, state, new String[] {"tz"}, new String[] {"utc"})[0];
        needTransfer(state, "format as ISO 8601");
        UnixTime t = parseUnixtime(state.transfer.toString());
        ZonedDateTime tm = time(t, tz, "iso8601");
        String offset;
        if (tm.getZone().equals(ZoneOffset.UTC)) {
            offset = "Z";
        } else {
            int minutes = tm.getOffset().getTotalSeconds() / 60;
            offset = String.format("%c%02d:%02d", minutes < 0 ? '-' : '+', Math.abs(minutes) / 60, Math.abs(minutes) % 60);
        }
        state.set(String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", tm.getYear(), tm.getMonthValue(),
                tm.getDayOfMonth(), tm.getHour(), tm.getMinute(), tm.getSecond(), offset));
    }

    /** gmtime_r() for utc/gmt, localtime_r() for local, else {@code Unsupported timezone}. */
    private static ZonedDateTime time(UnixTime t, String tz, String filter) throws FilterError {
        ZoneId zone = switch (tz) {
            case "utc", "gmt" -> ZoneOffset.UTC;
            case "local" -> ZoneId.systemDefault();
            default -> throw new FilterError("Unsupported timezone '" + tz + "' for '" + filter + "'");
        };
        return Instant.ofEpochSecond(t.sec()).atZone(zone);
    }
}
