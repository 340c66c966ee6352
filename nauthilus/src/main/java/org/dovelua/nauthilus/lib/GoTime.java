package org.dovelua.nauthilus.lib;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * Go's {@code Time.Format} and {@code time.Parse}/{@code ParseInLocation} (time/format.go) over the
 * layouts of {@link GoTimeLayout}, with {@code ParseError}'s texts:
 * {@code parsing time "v" as "l": cannot parse "rest" as "elem"}, {@code parsing time "v": month out
 * of range}, {@code parsing time "v": extra text: "x"}.
 */
final class GoTime {
    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};

    private GoTime() {
    }

    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    static String format(ZonedDateTime t, String layout) {
        StringBuilder b = new StringBuilder();
        for (GoTimeLayout.Chunk c : GoTimeLayout.split(layout)) {
            if (c.isLiteral()) {
                b.append(c.literal());
                continue;
            }
            String std = c.std();
            int hour = t.getHour();
            switch (std) {
                case "2006": b.append(pad(t.getYear(), 4)); break;
                case "06": b.append(pad(Math.floorMod(t.getYear(), 100), 2)); break;
                case "January": b.append(LONG_MONTHS[t.getMonthValue() - 1]); break;
                case "Jan": b.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3); break;
                case "1": b.append(t.getMonthValue()); break;
                case "01": b.append(pad(t.getMonthValue(), 2)); break;
                case "Monday": b.append(LONG_DAYS[t.getDayOfWeek().getValue() % 7]); break;
                case "Mon": b.append(LONG_DAYS[t.getDayOfWeek().getValue() % 7], 0, 3); break;
                case "2": b.append(t.getDayOfMonth()); break;
                case "_2": b.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth()); break;
                case "02": b.append(pad(t.getDayOfMonth(), 2)); break;
                case "__2": b.append(String.format("%3d", t.getDayOfYear())); break;
                case "002": b.append(pad(t.getDayOfYear(), 3)); break;
                case "15": b.append(pad(hour, 2)); break;
                case "3": b.append(hour % 12 == 0 ? 12 : hour % 12); break;
                case "03": b.append(pad(hour % 12 == 0 ? 12 : hour % 12, 2)); break;
                case "4": b.append(t.getMinute()); break;
                case "04": b.append(pad(t.getMinute(), 2)); break;
                case "5": b.append(t.getSecond()); break;
                case "05": b.append(pad(t.getSecond(), 2)); break;
                case "PM": b.append(hour >= 12 ? "PM" : "AM"); break;
                case "pm": b.append(hour >= 12 ? "pm" : "am"); break;
                case "MST": b.append(abbreviation(t)); break;
                default:
                    if (std.startsWith("-") || std.startsWith("Z")) {
                        b.append(offset(t.getOffset().getTotalSeconds(), std));
                    } else {
                        b.append(fraction(t.getNano(), std));
                    }
            }
        }
        return b.toString();
    }

    private static String pad(int n, int width) {
        String s = Integer.toString(Math.abs(n));
        StringBuilder b = new StringBuilder(n < 0 ? "-" : "");
        b.append("0".repeat(Math.max(0, width - s.length()))).append(s);
        return b.toString();
    }

    /** format.go stdTZ: the zone's abbreviation, or -0700 digits when it has none. */
    private static String abbreviation(ZonedDateTime t) {
        if (t.getZone().equals(ZoneOffset.UTC) || t.getZone().getId().equals("UTC")) {
            return "UTC";
        }
        String name = t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT);
        if (t.getZone() instanceof ZoneOffset || name.startsWith("GMT") || name.startsWith("+") || name.startsWith("-")) {
            int zone = t.getOffset().getTotalSeconds() / 60;
            return (zone < 0 ? "-" : "+") + pad(Math.abs(zone) / 60, 2) + pad(Math.abs(zone) % 60, 2);
        }
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
        return t.format(f);
    }

    /** format.go stdISO8601* (Z for UTC) and stdNumTZ*. */
    private static String offset(int seconds, String std) {
        if (seconds == 0 && std.startsWith("Z")) {
            return "Z";
        }
        int zone = seconds / 60;
        int abs = Math.abs(zone);
        StringBuilder b = new StringBuilder(zone < 0 ? "-" : "+");
        b.append(pad(abs / 60, 2));
        String body = std.substring(1);
        if (body.equals("07:00") || body.equals("07:00:00")) {
            b.append(':');
        }
        if (!body.equals("07")) {
            b.append(pad(abs % 60, 2));
        }
        if (body.equals("07:00:00")) {
            b.append(':').append(pad(Math.abs(seconds) % 60, 2));
        } else if (body.equals("070000")) {
            b.append(pad(Math.abs(seconds) % 60, 2));
        }
        return b.toString();
    }

    /** format.go formatNano: .000 keeps n digits, .999 trims trailing zeros (and the dot if all go). */
    private static String fraction(int nanos, String std) {
        int n = std.length() - 1;
        String digits = pad(nanos, 9).substring(0, Math.min(9, n));
        if (std.charAt(1) == '9') {
            digits = digits.replaceAll("0+$", "");
            if (digits.isEmpty()) {
                return "";
            }
        }
        return std.charAt(0) + digits;
    }

    /** time.Parse / ParseInLocation: the instant, in {@code loc} when the value names no zone. */
    static ZonedDateTime parse(String layout, String value, ZoneId loc) throws ParseError {
        String v = value;
        int year = 0;
        int month = -1;
        int day = -1;
        int hour = 0;
        int min = 0;
        int sec = 0;
        int nsec = 0;
        Integer zoneOffset = null;
        boolean pmSet = false;
        boolean amSet = false;
        List<GoTimeLayout.Chunk> chunks = GoTimeLayout.split(layout);
        for (int ci = 0; ci < chunks.size(); ci++) {
            GoTimeLayout.Chunk c = chunks.get(ci);
            if (c.isLiteral()) {
                String rest = skip(v, c.literal());
                if (rest == null) {
                    throw cannot(layout, value, v, c.literal());
                }
                v = rest;
                continue;
            }
            String std = c.std();
            String hold = v;
            String range = null;
            try {
                switch (std) {
                    case "2006":
                        if (v.length() < 4 || !allDigits(v.substring(0, 4))) {
                            throw cannot(layout, value, hold, std);
                        }
                        year = Integer.parseInt(v.substring(0, 4));
                        v = v.substring(4);
                        break;
                    case "06":
                        if (v.length() < 2 || !allDigits(v.substring(0, 2))) {
                            throw cannot(layout, value, hold, std);
                        }
                        year = Integer.parseInt(v.substring(0, 2));
                        year += year >= 69 ? 1900 : 2000;
                        v = v.substring(2);
                        break;
                    case "January":
                    case "Jan": {
                        int m = lookup(v, std.equals("Jan") ? 3 : 0, LONG_MONTHS);
                        if (m < 0) {
                            throw cannot(layout, value, hold, std);
                        }
                        month = m + 1;
                        v = v.substring(std.equals("Jan") ? 3 : LONG_MONTHS[m].length());
                        break;
                    }
                    case "Monday":
                    case "Mon": {
                        int d = lookup(v, std.equals("Mon") ? 3 : 0, LONG_DAYS);
                        if (d < 0) {
                            throw cannot(layout, value, hold, std);
                        }
                        v = v.substring(std.equals("Mon") ? 3 : LONG_DAYS[d].length());
                        break;
                    }
                    case "1":
                    case "01": {
                        int[] r = getnum(v, std.equals("01"), layout, value, std);
                        month = r[0];
                        v = v.substring(r[1]);
                        if (month <= 0 || month > 12) {
                            range = "month";
                        }
                        break;
                    }
                    case "2":
                    case "_2":
                    case "02": {
                        if (std.equals("_2") && v.startsWith(" ")) {
                            v = v.substring(1);
                        }
                        int[] r = getnum(v, std.equals("02"), layout, value, std);
                        day = r[0];
                        v = v.substring(r[1]);
                        break;
                    }
                    case "15": {
                        int[] r = getnum(v, false, layout, value, std);
                        hour = r[0];
                        v = v.substring(r[1]);
                        if (hour < 0 || hour >= 24) {
                            range = "hour";
                        }
                        break;
                    }
                    case "3":
                    case "03": {
                        int[] r = getnum(v, std.equals("03"), layout, value, std);
                        hour = r[0];
                        v = v.substring(r[1]);
                        if (hour < 0 || hour > 12) {
                            range = "hour";
                        }
                        break;
                    }
                    case "4":
                    case "04": {
                        int[] r = getnum(v, std.equals("04"), layout, value, std);
                        min = r[0];
                        v = v.substring(r[1]);
                        if (min < 0 || min >= 60) {
                            range = "minute";
                        }
                        break;
                    }
                    case "5":
                    case "05": {
                        int[] r = getnum(v, std.equals("05"), layout, value, std);
                        sec = r[0];
                        v = v.substring(r[1]);
                        if (sec < 0 || sec >= 60) {
                            range = "second";
                            break;
                        }
                        // a fractional second the layout does not mention is still read
                        boolean nextIsFrac = ci + 1 < chunks.size() && !chunks.get(ci + 1).isLiteral()
                                && (chunks.get(ci + 1).std().startsWith(".") || chunks.get(ci + 1).std().startsWith(","));
                        if (v.length() >= 2 && (v.charAt(0) == '.' || v.charAt(0) == ',')
                                && Character.isDigit(v.charAt(1)) && !nextIsFrac) {
                            int n = 1;
                            while (n < v.length() && Character.isDigit(v.charAt(n))) {
                                n++;
                            }
                            nsec = nanos(v.substring(1, n));
                            v = v.substring(n);
                        }
                        break;
                    }
                    case "PM":
                    case "pm": {
                        if (v.length() < 2) {
                            throw cannot(layout, value, hold, std);
                        }
                        String p = v.substring(0, 2);
                        if (p.equals(std.equals("PM") ? "PM" : "pm")) {
                            pmSet = true;
                        } else if (p.equals(std.equals("PM") ? "AM" : "am")) {
                            amSet = true;
                        } else {
                            throw cannot(layout, value, hold, std);
                        }
                        v = v.substring(2);
                        break;
                    }
                    case "MST": {
                        if (v.startsWith("UTC")) {
                            zoneOffset = 0;
                            v = v.substring(3);
                            break;
                        }
                        int n = 0;
                        while (n < v.length() && Character.isUpperCase(v.charAt(n))) {
                            n++;
                        }
                        if (n < 3) {
                            throw cannot(layout, value, hold, std);
                        }
                        zoneOffset = 0; // an unknown abbreviation: a fabricated zone at offset 0
                        v = v.substring(n);
                        break;
                    }
                    default:
                        if (std.startsWith("Z") && v.startsWith("Z")) {
                            zoneOffset = 0;
                            v = v.substring(1);
                        } else if (std.startsWith("-") || std.startsWith("Z")) {
                            int[] r = numericZone(v, std.substring(1));
                            if (r == null) {
                                throw cannot(layout, value, hold, std);
                            }
                            zoneOffset = r[0];
                            v = v.substring(r[1]);
                        } else {
                            // stdFracSecond0 / 9
                            int ndigit = std.length() - 1;
                            if (std.charAt(1) == '0') {
                                if (v.length() < ndigit + 1 || v.charAt(0) != std.charAt(0)
                                        || !allDigits(v.substring(1, ndigit + 1))) {
                                    throw cannot(layout, value, hold, std);
                                }
                                nsec = nanos(v.substring(1, ndigit + 1));
                                v = v.substring(ndigit + 1);
                            } else if (v.length() >= 2 && (v.charAt(0) == '.' || v.charAt(0) == ',')
                                    && Character.isDigit(v.charAt(1))) {
                                int n = 1;
                                while (n < v.length() && n < 10 && Character.isDigit(v.charAt(n))) {
                                    n++;
                                }
                                nsec = nanos(v.substring(1, n));
                                v = v.substring(n);
                            }
                        }
                }
            } catch (NumberFormatException e) {
                throw cannot(layout, value, hold, std);
            }
            if (range != null) {
                throw new ParseError("parsing time " + GoStrings.quote(value) + ": " + range + " out of range");
            }
        }
        if (!v.isEmpty()) {
            throw new ParseError("parsing time " + GoStrings.quote(value) + ": extra text: " + GoStrings.quote(v));
        }
        if (pmSet && hour < 12) {
            hour += 12;
        } else if (amSet && hour == 12) {
            hour = 0;
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            throw new ParseError("parsing time " + GoStrings.quote(value) + ": day out of range");
        }
        ZoneId zone = zoneOffset != null ? ZoneOffset.ofTotalSeconds(zoneOffset) : loc;
        return ZonedDateTime.of(year, month, day, hour, min, sec, nsec, zone);
    }

    private static ParseError cannot(String layout, String value, String rest, String elem) {
        return new ParseError("parsing time " + GoStrings.quote(value) + " as " + GoStrings.quote(layout)
                + ": cannot parse " + GoStrings.quote(rest) + " as " + GoStrings.quote(elem));
    }

    /** format.go skip: layout spaces match one or more value spaces; else exact bytes. */
    private static String skip(String value, String prefix) {
        while (!prefix.isEmpty()) {
            if (prefix.charAt(0) == ' ') {
                if (!value.isEmpty() && value.charAt(0) != ' ') {
                    return null;
                }
                prefix = prefix.stripLeading().isEmpty() ? "" : prefix.replaceFirst("^ +", "");
                value = value.replaceFirst("^ +", "");
                continue;
            }
            if (value.isEmpty() || value.charAt(0) != prefix.charAt(0)) {
                return null;
            }
            prefix = prefix.substring(1);
            value = value.substring(1);
        }
        return value;
    }

    /** format.go getnum: one or two digits (two required when fixed). */
    private static int[] getnum(String s, boolean fixed, String layout, String value, String std) throws ParseError {
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            throw cannot(layout, value, s, std);
        }
        if (s.length() < 2 || !Character.isDigit(s.charAt(1))) {
            if (fixed) {
                throw cannot(layout, value, s, std);
            }
            return new int[] {s.charAt(0) - '0', 1};
        }
        return new int[] {(s.charAt(0) - '0') * 10 + (s.charAt(1) - '0'), 2};
    }

    /** format.go lookup: a case-insensitive name (or its 3-letter prefix) at the start. */
    private static int lookup(String v, int prefixLen, String[] names) {
        for (int i = 0; i < names.length; i++) {
            String n = prefixLen > 0 ? names[i].substring(0, prefixLen) : names[i];
            if (v.length() >= n.length() && v.substring(0, n.length()).equalsIgnoreCase(n)) {
                return i;
            }
        }
        return -1;
    }

    private static int[] numericZone(String v, String body) {
        int need;
        switch (body) {
            case "07": need = 3; break;
            case "0700": need = 5; break;
            case "07:00": need = 6; break;
            case "070000": need = 7; break;
            default: need = 9; break; // 07:00:00
        }
        if (v.length() < need || (v.charAt(0) != '+' && v.charAt(0) != '-')) {
            return null;
        }
        String s = v.substring(0, need);
        try {
            int h = Integer.parseInt(s.substring(1, 3));
            int m = 0;
            int sec = 0;
            switch (body) {
                case "0700": m = Integer.parseInt(s.substring(3, 5)); break;
                case "07:00":
                    if (s.charAt(3) != ':') {
                        return null;
                    }
                    m = Integer.parseInt(s.substring(4, 6));
                    break;
                case "070000":
                    m = Integer.parseInt(s.substring(3, 5));
                    sec = Integer.parseInt(s.substring(5, 7));
                    break;
                case "07:00:00":
                    if (s.charAt(3) != ':' || s.charAt(6) != ':') {
                        return null;
                    }
                    m = Integer.parseInt(s.substring(4, 6));
                    sec = Integer.parseInt(s.substring(7, 9));
                    break;
                default:
                    break;
            }
            int total = (h * 60 + m) * 60 + sec;
            return new int[] {s.charAt(0) == '-' ? -total : total, need};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean allDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static int nanos(String digits) {
        String d = digits.length() > 9 ? digits.substring(0, 9) : digits;
        return Integer.parseInt(d + "0".repeat(9 - d.length()));
    }

}
