package org.dovelua.conformance.differential;

import java.nio.file.Path;

/**
 * The differential suite's system properties: {@code -Ddifferential.record=true} rewrites the cases
 * from real Dovecot, {@code -Ddifferential.only=NNN} limits the cases to file names starting so
 * (several prefixes separated by commas),
 * {@code -Ddifferential.real=false} skips real Dovecot (the dovelua side only, a fast local loop),
 * {@code -Ddifferential.trixie=DIR} names the Dovecot 2.4.1 chroot, {@code -Ddifferential.forky=DIR} the 2.4.5 one,
 * {@code -Ddifferential.cache=DIR|off} the verified-recordings cache ({@link VerifiedRecordings}),
 * {@code -Ddifferential.jobs=N} how many real Dovecots run at once ({@link RealRunPool}).
 */
public record DifferentialOptions(boolean record, String only, boolean real, Path trixie,
        Path forky, VerifiedRecordings cache, int jobs) {

    public static DifferentialOptions fromSystemProperties() {
        return new DifferentialOptions(Boolean.getBoolean("differential.record"),
                System.getProperty("differential.only", ""),
                Boolean.parseBoolean(System.getProperty("differential.real", "true")),
                Path.of(System.getProperty("differential.trixie", DovecotRoot.TRIXIE)),
                Path.of(System.getProperty("differential.forky", DovecotRoot.FORKY)),
                VerifiedRecordings.of(System.getProperty("differential.cache", "")),
                Integer.getInteger("differential.jobs", RealRunPool.defaultJobs()));
    }

    /** Whether every case runs, as the known-divergence count needs. */
    public boolean allCases() {
        return !record && only.isEmpty();
    }
}
