package org.dovelua.auth.config;

import java.util.Locale;

/**
 * A size setting ({@code vsz_limit = 256M}): src/lib-settings/settings-parser.c
 * {@code settings_get_size()}. A number, optional spaces, then an optional unit B, k, M, G or T
 * (any case; powers of 1024), which may be followed by {@code i} and {@code B} ({@code kiB}).
 */
public final class SettingSize {
    private SettingSize() {
    }

    /** The bytes {@code str} means; throws with Dovecot's {@code Invalid size: <str>}. */
    public static long parse(String str) throws SetupException {
        int p = 0;
        while (p < str.length() && Character.isDigit(str.charAt(p))) {
            p++;
        }
        if (p == 0) {
            throw new SetupException("Invalid size: " + str);
        }
        long num;
        try {
            num = Long.parseUnsignedLong(str.substring(0, p));
        } catch (NumberFormatException e) {
            throw new SetupException("Invalid size: " + str);
        }
        while (p < str.length() && str.charAt(p) == ' ') {
            p++;
        }
        long multiply = 1;
        if (p < str.length()) {
            switch (Character.toUpperCase(str.charAt(p))) {
                case 'B' -> p++;
                case 'K' -> { multiply = 1L << 10; p++; }
                case 'M' -> { multiply = 1L << 20; p++; }
                case 'G' -> { multiply = 1L << 30; p++; }
                case 'T' -> { multiply = 1L << 40; p++; }
                default -> { }
            }
        }
        if (multiply > 1) {
            String rest = str.substring(p).toUpperCase(Locale.ROOT);
            if (rest.startsWith("I")) {
                p++;
                rest = rest.substring(1);
            }
            if (rest.startsWith("B")) {
                p++;
            }
        }
        if (p != str.length()) {
            throw new SetupException("Invalid size: " + str);
        }
        if (Long.compareUnsigned(num, Long.divideUnsigned(-1L, multiply)) > 0) {
            throw new SetupException("Size is too large: " + str);
        }
        long bytes = num * multiply;
        return bytes < 0 ? Long.MAX_VALUE : bytes; // past 2^63 bytes: as good as unlimited
    }

    /** {@code service <name> { vsz_limit }}, else {@code default_vsz_limit}, else {@code fallback}. */
    public static long vszLimit(DovecotConfig config, String service, long fallback) throws SetupException {
        String own = config.serviceSetting(service, "vsz_limit");
        String value = own != null ? own : config.setting("default_vsz_limit");
        if (value == null) {
            return fallback;
        }
        try {
            return parse(value.trim());
        } catch (SetupException e) {
            String where = own != null ? config.serviceSettingLocation(service, "vsz_limit") : null;
            throw new SetupException((where != null ? where : config.sourceFile().toString()) + ": "
                    + (own != null ? "service " + service + " { vsz_limit }" : "default_vsz_limit") + ": " + e.getMessage()
                    + " (a size such as 256M or 1G; 0 means no limit)");
        }
    }
}
