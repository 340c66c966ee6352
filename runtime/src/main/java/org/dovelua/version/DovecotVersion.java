package org.dovelua.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dovecot release whose behaviour is emulated ({@code --dovecot-version}). Every
 * version-dependent rule of the spec's timeline (§0.1) asks this object.
 */
public final class DovecotVersion implements Comparable<DovecotVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");
    /** Debian 12's and docker-mailserver's release, the one we can check against. */
    public static final DovecotVersion DEFAULT = parse("2.3.19");

    private final int major;
    private final int minor;
    private final int patch;
    private final String text;

    private DovecotVersion(int major, int minor, int patch, String text) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.text = text;
    }

    /** Parses {@code 2.3.19}, {@code 2.3.19.1}, {@code 2.4.1}; only 2.3.x and 2.4.x are supported. */
    public static DovecotVersion parse(String s) {
        Matcher m = FORM.matcher(s == null ? "" : s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid Dovecot version '" + s
                    + "' (expected a release such as 2.3.19, 2.3.21, 2.4.0, 2.4.1 or 2.4.3)");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (major != 2 || minor < 3 || minor > 4) {
            throw new IllegalArgumentException("Unsupported Dovecot version '" + s
                    + "' (dovelua emulates 2.3.x and 2.4.x)");
        }
        return new DovecotVersion(major, minor, patch, s.trim());
    }

    public boolean atLeast(int maj, int min, int pat) {
        return compareTo(new DovecotVersion(maj, min, pat, "")) >= 0;
    }

    public boolean before(int maj, int min, int pat) {
        return !atLeast(maj, min, pat);
    }

    /** The 2.4 line (new settings syntax, renamed request members, script_init(args)). */
    public boolean is24() {
        return minor >= 4;
    }

    @Override
    public int compareTo(DovecotVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DovecotVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return (major * 100 + minor) * 1000 + patch;
    }

    @Override
    public String toString() {
        return text;
    }
}
