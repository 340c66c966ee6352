package org.dovelua.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dovecot release whose behaviour is emulated ({@code --dovecot-version}). Every
 * version-dependent rule is a row of {@link Since}; code asks {@link #has(Since)}.
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

    /** A release by number, for the rows of {@link Since}. */
    static DovecotVersion of(int maj, int min, int pat) {
        return new DovecotVersion(maj, min, pat, maj + "." + min + "." + pat);
    }

    /** Whether this release has the rule of the timeline's row {@code rule}. */
    public boolean has(Since rule) {
        return rule.in(this);
    }

    /** The release before this one: 2.3.21 (the last 2.3) before 2.4.0. */
    DovecotVersion previous() {
        if (patch > 0) {
            return of(major, minor, patch - 1);
        }
        if (minor == 4) {
            return of(2, 3, 21);
        }
        throw new IllegalStateException("no release before " + this + " is emulated");
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
