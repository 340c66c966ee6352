package org.dovelua.lib;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * glibc's strftime(3) in the C locale, as lib/time-util.c's {@code t_strftime()} calls it for
 * 2.4.5's {@code date} filter: the C99/POSIX conversions and glibc's extensions ({@code %k %l %P
 * %s}), the {@code E}/{@code O} modifiers (no effect in the C locale) and the flags
 * {@code _ - 0 ^ #} with a field width. An unknown conversion is copied as it stands, as glibc does.
 */
public final class Strftime {
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};

    private Strftime() {
    }

    public static String format(String format, ZonedDateTime t) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i++;
            char pad = 0;
            boolean upper = false;
            boolean swapCase = false;
            while (i < format.length() && "_-0^#".indexOf(format.charAt(i)) >= 0) {
                char f = format.charAt(i++);
                if (f == '^') {
                    upper = true;
                } else if (f == '#') {
                    swapCase = true;
                } else {
                    pad = f;
                }
            }
            int width = -1;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                width = Math.max(width, 0) * 10 + (format.charAt(i++) - '0');
            }
            while (i < format.length() && (format.charAt(i) == 'E' || format.charAt(i) == 'O')) {
                i++;
            }
            if (i >= format.length()) {
                out.append(format, start, format.length());
                break;
            }
            char conv = format.charAt(i++);
            String text = conversion(conv, t, pad, width, upper, swapCase);
            if (text == null) {
                out.append(format, start, i); // unknown: copied
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }

    /** One conversion's text with its flags applied, or null when glibc does not know it. */
    private static String conversion(char conv, ZonedDateTime t, char pad, int width, boolean upper, boolean swap) {
        int dow = t.getDayOfWeek().getValue() % 7; // 0 = Sunday
        String s;
        boolean number = true;
        int defWidth;
        char defPad = '0';
        switch (conv) {
            case 'a' -> {
                s = DAYS[dow].substring(0, 3);
                number = false;
                defWidth = 0;
            }
            case 'A' -> {
                s = DAYS[dow];
                number = false;
                defWidth = 0;
            }
            case 'b', 'h' -> {
                s = MONTHS[t.getMonthValue() - 1].substring(0, 3);
                number = false;
                defWidth = 0;
            }
            case 'B' -> {
                s = MONTHS[t.getMonthValue() - 1];
                number = false;
                defWidth = 0;
            }
            case 'c' -> {
                s = format("%a %b %e %H:%M:%S %Y", t);
                number = false;
                defWidth = 0;
            }
            case 'C' -> {
                s = Integer.toString(Math.floorDiv(t.getYear(), 100));
                defWidth = 2;
            }
            case 'd' -> {
                s = Integer.toString(t.getDayOfMonth());
                defWidth = 2;
            }
            case 'D' -> {
                s = format("%m/%d/%y", t);
                number = false;
                defWidth = 0;
            }
            case 'e' -> {
                s = Integer.toString(t.getDayOfMonth());
                defWidth = 2;
                defPad = ' ';
            }
            case 'F' -> {
                s = format("%Y-%m-%d", t);
                number = false;
                defWidth = 0;
            }
            case 'g' -> {
                s = Integer.toString(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
                defWidth = 2;
            }
            case 'G' -> {
                s = Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
                defWidth = 1;
            }
            case 'H' -> {
                s = Integer.toString(t.getHour());
                defWidth = 2;
            }
            case 'I' -> {
                s = Integer.toString(hour12(t));
                defWidth = 2;
            }
            case 'j' -> {
                s = Integer.toString(t.getDayOfYear());
                defWidth = 3;
            }
            case 'k' -> {
                s = Integer.toString(t.getHour());
                defWidth = 2;
                defPad = ' ';
            }
            case 'l' -> {
                s = Integer.toString(hour12(t));
                defWidth = 2;
                defPad = ' ';
            }
            case 'm' -> {
                s = Integer.toString(t.getMonthValue());
                defWidth = 2;
            }
            case 'M' -> {
                s = Integer.toString(t.getMinute());
                defWidth = 2;
            }
            case 'n' -> {
                s = "\n";
                number = false;
                defWidth = 0;
            }
            case 'p' -> {
                s = t.getHour() < 12 ? "AM" : "PM";
                number = false;
                defWidth = 0;
                if (swap) {
                    s = s.toLowerCase();
                    swap = false;
                }
            }
            case 'P' -> {
                s = t.getHour() < 12 ? "am" : "pm";
                number = false;
                defWidth = 0;
            }
            case 'r' -> {
                s = format("%I:%M:%S %p", t);
                number = false;
                defWidth = 0;
            }
            case 'R' -> {
                s = format("%H:%M", t);
                number = false;
                defWidth = 0;
            }
            case 's' -> {
                s = Long.toString(t.toEpochSecond());
                defWidth = 1;
            }
            case 'S' -> {
                s = Integer.toString(t.getSecond());
                defWidth = 2;
            }
            case 't' -> {
                s = "\t";
                number = false;
                defWidth = 0;
            }
            case 'T' -> {
                s = format("%H:%M:%S", t);
                number = false;
                defWidth = 0;
            }
            case 'u' -> {
                s = Integer.toString(t.getDayOfWeek().getValue());
                defWidth = 1;
            }
            case 'U' -> {
                s = Integer.toString((t.getDayOfYear() - 1 - dow + 7) / 7);
                defWidth = 2;
            }
            case 'V' -> {
                s = Integer.toString(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                defWidth = 2;
            }
            case 'w' -> {
                s = Integer.toString(dow);
                defWidth = 1;
            }
            case 'W' -> {
                int mondayBased = (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue() + 7) % 7;
                s = Integer.toString((t.getDayOfYear() - 1 - mondayBased + 7) / 7);
                defWidth = 2;
            }
            case 'x' -> {
                s = format("%m/%d/%y", t);
                number = false;
                defWidth = 0;
            }
            case 'X' -> {
                s = format("%H:%M:%S", t);
                number = false;
                defWidth = 0;
            }
            case 'y' -> {
                s = Integer.toString(Math.floorMod(t.getYear(), 100));
                defWidth = 2;
            }
            case 'Y' -> {
                s = Integer.toString(t.getYear());
                defWidth = 1;
            }
            case 'z' -> {
                int m = t.getOffset().getTotalSeconds() / 60;
                s = String.format("%c%02d%02d", m < 0 ? '-' : '+', Math.abs(m) / 60, Math.abs(m) % 60);
                number = false;
                defWidth = 0;
            }
            case 'Z' -> {
                s = t.getZone().getId().equals("Z") ? "GMT" : t.getZone().getRules().isDaylightSavings(t.toInstant())
                        ? java.util.TimeZone.getTimeZone(t.getZone()).getDisplayName(true, java.util.TimeZone.SHORT)
                        : java.util.TimeZone.getTimeZone(t.getZone()).getDisplayName(false, java.util.TimeZone.SHORT);
                number = false;
                defWidth = 0;
            }
            case '%' -> {
                s = "%";
                number = false;
                defWidth = 0;
            }
            default -> {
                return null;
            }
        }
        if (upper) {
            s = s.toUpperCase();
        } else if (swap) {
            s = s.equals(s.toUpperCase()) ? s.toLowerCase() : s.toUpperCase();
        }
        if (number) {
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            int w = width >= 0 ? width : defWidth;
            if (pad == '-') {
                return s;
            }
            char p = pad == '_' ? ' ' : pad == '0' ? '0' : defPad;
            StringBuilder b = new StringBuilder();
            int len = digits.length() + (neg ? 1 : 0);
            if (p == ' ') {
                b.append(" ".repeat(Math.max(0, w - len))).append(neg ? "-" : "").append(digits);
            } else {
                b.append(neg ? "-" : "").append("0".repeat(Math.max(0, w - len))).append(digits);
            }
            return b.toString();
        }
        if (width > s.length()) {
            char p = pad == '0' ? '0' : ' ';
            return String.valueOf(p).repeat(width - s.length()) + s;
        }
        return s;
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }
}
