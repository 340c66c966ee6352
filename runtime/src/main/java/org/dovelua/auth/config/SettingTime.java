package org.dovelua.auth.config;

import java.util.Locale;

/**
 * A time setting ({@code auth_cache_ttl = 1 hour}): src/lib-settings/settings-parser.c
 * {@code settings_get_time()} (2.3.19): a number, optional spaces, a unit s/m/h/d/w or a prefix of
 * its long form (secs, seconds, mins, minutes, hours, days, weeks); milliseconds only when they
 * make whole seconds; a bare number only when it is 0.
 */
public final class SettingTime {
    private SettingTime() {
    }

    /** The seconds {@code str} means; throws with Dovecot's error text. */
    public static long parse(String str) throws SetupException {
        int p = 0;
        while (p < str.length() && str.charAt(p) >= '0' && str.charAt(p) <= '9') {
            p++;
        }
        long num;
        try {
            num = p == 0 ? -1 : Long.parseLong(str.substring(0, p));
        } catch (NumberFormatException e) {
            num = -1;
        }
        if (num < 0) {
            throw new SetupException("Invalid time interval: " + str);
        }
        while (p < str.length() && str.charAt(p) == ' ') {
            p++;
        }
        String rest = str.substring(p);
        if (rest.isEmpty() && num != 0) {
            throw new SetupException("Time interval '" + str + "' is missing units (add e.g. 's' for seconds)");
        }
        long multiply = 1;
        if (!rest.isEmpty()) {
            switch (Character.toUpperCase(rest.charAt(0))) {
                case 'S' -> rest = prefixOf(rest, "secs", "seconds");
                case 'M' -> {
                    multiply = 60;
                    String r = prefixOf(rest, "mins", "minutes");
                    if (!r.isEmpty() && prefixOf(rest, "msecs", "mseconds", "millisecs", "milliseconds").isEmpty()) {
                        if (num % 1000 != 0) {
                            throw new SetupException("Milliseconds not supported for this setting: " + str);
                        }
                        num /= 1000; // allow ms also for seconds, as long as it's divisible by seconds
                        multiply = 1;
                        r = "";
                    }
                    rest = r;
                }
                case 'H' -> { multiply = 60 * 60; rest = prefixOf(rest, "hours"); }
                case 'D' -> { multiply = 60 * 60 * 24; rest = prefixOf(rest, "days"); }
                case 'W' -> { multiply = 60 * 60 * 24 * 7; rest = prefixOf(rest, "weeks"); }
                default -> { }
            }
        }
        if (!rest.isEmpty()) {
            throw new SetupException("Invalid time interval: " + str);
        }
        if (num > 0xFFFFFFFFL / multiply) {
            throw new SetupException("Time interval is too large: " + str);
        }
        return num * multiply;
    }

    /** {@code strncasecmp(p, long, strlen(p)) == 0} for one of {@code forms}: "" when it is, else {@code p}. */
    private static String prefixOf(String p, String... forms) {
        String lower = p.toLowerCase(Locale.ROOT);
        for (String f : forms) {
            if (f.startsWith(lower)) {
                return "";
            }
        }
        return p;
    }
}
