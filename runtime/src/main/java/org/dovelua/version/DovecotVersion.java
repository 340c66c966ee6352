package org.dovelua.version;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
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
    /** Rows answered otherwise than the release would ({@code dovelua migrate}'s reverts), or null. */
    private final Map<Since, Boolean> answers;
    /** Where {@link #has} notes each row it is asked about ({@code dovelua migrate}), or null. */
    private final Set<Since> consulted;
    /**
     * {@link #has} per row, worked out on first ask (1 yes, -1 no): rows are asked on every
     * request. Made on first use, as Since's own rows are versions made while Since loads.
     */
    private byte[] known;

    private DovecotVersion(int major, int minor, int patch, String text) {
        this(major, minor, patch, text, null, null);
    }

    private DovecotVersion(int major, int minor, int patch, String text, Map<Since, Boolean> answers,
            Set<Since> consulted) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.text = text;
        this.answers = answers;
        this.consulted = consulted;
    }

    /** Parses {@code 2.3.19}, {@code 2.3.19.1}, {@code 2.4.1}, {@code 2.4.5}; only 2.3.x and 2.4.x are supported. */
    public static DovecotVersion parse(String s) {
        Matcher m = FORM.matcher(s == null ? "" : s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid Dovecot version '" + s
                    + "' (expected a release such as 2.3.19, 2.3.21, 2.4.0, 2.4.1, 2.4.3 or 2.4.5)");
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
        // a plain release has neither (two null checks); only dovelua migrate's variants do
        if (consulted != null) {
            consulted.add(rule);
        }
        byte[] memo = known;
        if (memo == null) {
            memo = new byte[Since.values().length];
            known = memo; // a race makes two arrays of the same answers
        }
        byte k = memo[rule.ordinal()];
        if (k != 0) {
            return k > 0;
        }
        boolean yes = answer(rule);
        memo[rule.ordinal()] = (byte) (yes ? 1 : -1);
        return yes;
    }

    private boolean answer(Since rule) {
        if (answers != null) {
            Boolean a = answers.get(rule);
            if (a != null) {
                return a;
            }
        }
        return rule.in(this);
    }

    /**
     * This release with some rows answered as given instead ({@code dovelua migrate} reverts one
     * row to the old release's answer to see whether that row causes a difference). Such a variant
     * equals only a variant with the same answers.
     */
    public DovecotVersion answering(Map<Since, Boolean> rows) {
        Map<Since, Boolean> all = new EnumMap<>(Since.class);
        if (answers != null) {
            all.putAll(answers);
        }
        all.putAll(rows);
        return new DovecotVersion(major, minor, patch, text, Collections.unmodifiableMap(all), consulted);
    }

    /**
     * This release (with its answers) noting every row it is asked about in {@code into}, which
     * must be safe to add to from several threads (auth workers run on their own).
     */
    public DovecotVersion recording(Set<Since> into) {
        return new DovecotVersion(major, minor, patch, text, answers, into);
    }

    /** The rows answered otherwise than the release would (empty for a plain release). */
    public Map<Since, Boolean> answers() {
        return answers == null ? Map.of() : answers;
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

    /**
     * Orders releases only: a variant ({@link #answering}) compares equal to its release though it
     * does not equal it (a natural ordering inconsistent with equals; no sorted set holds variants).
     */
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
        return o instanceof DovecotVersion v && compareTo(v) == 0 && answers().equals(v.answers());
    }

    @Override
    public int hashCode() {
        return (major * 100 + minor) * 1000 + patch;
    }

    /**
     * {@code PACKAGE_VERSION} (DOVECOT_VERSION): Debian trixie's 2.4.1 package reports its package
     * version (seen as {@code 2.4.1-4} in case 218); other releases their own number (forky's
     * 2.4.5+dfsg1-4 reports {@code 2.4.5}, case 346).
     */
    public String packageVersion() {
        return PACKAGE_VERSIONS.getOrDefault(text, text);
    }

    private static final java.util.Map<String, String> PACKAGE_VERSIONS = java.util.Map.of("2.4.1", "2.4.1-4");

    @Override
    public String toString() {
        return text;
    }
}
