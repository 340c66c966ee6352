package org.dovelua.conformance.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The verified-recordings cache: a marker per case whose real side agreed with its recording, keyed
 * by a SHA-256 of the case file's bytes and {@link RealSideIdentity} (the harness, the real
 * Dovecot's version and packages, and the extra software the case uses). While the marker is there
 * nothing the real answer depends on has changed, so the real side is reported as verified from the
 * cache instead of starting Dovecot again; the dovelua side always runs. The directory is
 * {@code -Ddifferential.cache=DIR}, else {@code ${XDG_CACHE_HOME:-~/.cache}/dovelua/differential-verified};
 * {@code -Ddifferential.cache=off} turns the cache off (docs/differential-testing.md).
 */
public final class VerifiedRecordings {
    private final Path dir; // null: off
    private volatile boolean unknownIdentity;

    private VerifiedRecordings(Path dir) {
        this.dir = dir;
    }

    /** The cache as {@code differential.cache} (a directory, {@code off}, or unset: the default) names it. */
    public static VerifiedRecordings of(String setting) {
        return new VerifiedRecordings(directory(setting));
    }

    /** The directory {@code differential.cache} names, or null for {@code off}. */
    static Path directory(String setting) {
        if ("off".equals(setting)) {
            return null;
        }
        if (setting != null && !setting.isEmpty()) {
            return Path.of(setting);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dovelua/differential-verified");
    }

    public boolean enabled() {
        return dir != null;
    }

    /** The hash markers are named by: the case file's bytes and what its real side depends on. */
    static String key(DifferentialCase c, String identity) throws IOException {
        var md = RealSideIdentity.sha256();
        md.update(("case " + c.name() + "\n").getBytes(StandardCharsets.UTF_8));
        md.update(Files.readAllBytes(c.file()));
        md.update(("\n" + identity).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** The day the case's real side was verified, when a marker for its current key is there. */
    public Optional<String> verifiedOn(DifferentialCase c, DovecotRoot root) throws Exception {
        Optional<String> id = identity(c, root);
        return id.isPresent() ? verifiedOn(key(c, id.get())) : Optional.empty();
    }

    Optional<String> verifiedOn(String key) throws IOException {
        if (!enabled() || !Files.isRegularFile(dir.resolve(key))) {
            return Optional.empty();
        }
        Path marker = dir.resolve(key);
        return Optional.of(Files.readString(marker).lines().findFirst().orElse("?"));
    }

    /** Records that the case's real side agreed with its recording now. */
    public void markVerified(DifferentialCase c, DovecotRoot root) throws Exception {
        Optional<String> id = identity(c, root);
        if (id.isPresent()) {
            markVerified(key(c, id.get()), c.name() + " on Dovecot " + root.describe());
        }
    }

    /**
     * What the case's real side depends on; empty (no marker is read or written, real Dovecot runs)
     * when the cache is off or that cannot be found out, e.g. on a host without dpkg-query.
     */
    private Optional<String> identity(DifferentialCase c, DovecotRoot root) {
        if (!enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RealSideIdentity.of(c, root));
        } catch (Exception e) {
            if (!unknownIdentity) {
                unknownIdentity = true;
                System.err.println("differential: verified-recordings cache not used, what real Dovecot " + root.describe()
                        + " depends on is unknown: " + e);
            }
            return Optional.empty();
        }
    }

    /** The marker: the day (UTC) it was verified, then what was verified, for a person looking. */
    void markVerified(String key, String what) throws IOException {
        if (!enabled()) {
            return;
        }
        writeAtomically(dir.resolve(key), LocalDate.now(ZoneOffset.UTC) + "\n" + what + "\n");
    }

    /** Writes {@code text} so that a reader sees the whole file or none (parallel test JVMs share the cache). */
    static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".marker", ".tmp");
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return enabled() ? dir.toString() : "off";
    }
}
