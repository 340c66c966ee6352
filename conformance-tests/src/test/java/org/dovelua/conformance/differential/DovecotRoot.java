package org.dovelua.conformance.differential;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Where a real Dovecot of one release is installed and how to run it: 2.3.19 on this host
 * (Debian 12's {@code dovecot-core}), 2.4.1 in the Debian 13 "trixie" chroot and 2.4.5 in the
 * Debian testing "forky" chroot that {@code conformance-tests/real-dovecot-24.sh} builds
 * ({@code chroot DIR doveadm ...}, with the case's files inside DIR at the same path dovelua is
 * given by {@code --mount}).
 */
public final class DovecotRoot {
    /** Where {@code real-dovecot-24.sh} puts the chroot unless told otherwise. */
    public static final String TRIXIE = "/var/cache/dovelua/trixie";
    /** Where it puts the forky chroot (Debian testing's dovecot-core 2.4.5). */
    public static final String FORKY = "/var/cache/dovelua/forky";
    /** The release in the forky chroot; every other 2.4 release a case pins runs in trixie's 2.4.1. */
    public static final String FORKY_RELEASE = "2.4.5";

    private final Path chroot; // null: this host
    private final String version;

    private DovecotRoot(Path chroot, String version) {
        this.chroot = chroot;
        this.version = version;
    }

    /** Dovecot 2.3.19 as installed on this machine. */
    public static DovecotRoot host() {
        return new DovecotRoot(null, "2.3.19");
    }

    /** Dovecot {@code version} (2.4.x) in the chroot at {@code dir}. */
    public static DovecotRoot chroot(Path dir, String version) {
        return new DovecotRoot(dir, version);
    }

    /** The Dovecot a case pins: forky's for 2.4.5, trixie's for other 2.4 cases, this host's otherwise. */
    public static DovecotRoot of(DifferentialCase c, Path trixie, Path forky) {
        if (!c.isVersion24()) {
            return host();
        }
        return chroot(FORKY_RELEASE.equals(c.version()) ? forky : trixie, c.version());
    }

    /** Whether {@code doveadm} is there to run (on PATH, or in the chroot). */
    public boolean hasDoveadm() {
        if (chroot != null) {
            return Files.isExecutable(chroot.resolve("usr/bin/doveadm"));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, "doveadm")));
    }

    /** Whether a Dovecot server can be started: root, the binaries, and for the chroot its /proc. */
    public boolean canRunServer() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (chroot != null) {
            return root && hasDoveadm() && Files.isExecutable(chroot.resolve("usr/sbin/dovecot")) && procMounted();
        }
        return root && hasDoveadm();
    }

    /** Why {@link #canRunServer()} is false, as the skipped test says it. */
    public String missing() {
        return chroot != null ? "no Dovecot " + version + " chroot at " + chroot + " (build it with"
                + " conformance-tests/real-dovecot-24.sh) or not root: real Dovecot skipped"
                : "doveadm not on PATH or not root: real Dovecot skipped";
    }

    /** The command line that runs one of Dovecot's binaries ({@code dovecot}, {@code doveadm}) here. */
    public List<String> command(List<String> cmd) {
        List<String> l = new ArrayList<>();
        if (chroot != null) {
            l.addAll(List.of("chroot", chroot.toString()));
        }
        l.addAll(cmd);
        return l;
    }

    /** The dpkg database that says which packages this Dovecot comes with: the host's or the chroot's. */
    String dpkgAdminDir() {
        return chroot == null ? "/var/lib/dpkg" : chroot.resolve("var/lib/dpkg").toString();
    }

    /** Which Dovecot this is, for keys and messages: the release and where it is installed. */
    String describe() {
        return version + (chroot == null ? " on this host" : " in " + chroot);
    }

    /** Dovecot needs /proc in the chroot; mount it if the build script's mount is gone (e.g. after a reboot). */
    private boolean procMounted() {
        synchronized (DovecotRoot.class) {
            if (Files.exists(chroot.resolve("proc/self"))) {
                return true;
            }
            try {
                Command.run(List.of("mount", "-t", "proc", "proc", chroot.resolve("proc").toString()),
                        Duration.ofSeconds(30));
            } catch (Exception e) {
                return false;
            }
            return Files.exists(chroot.resolve("proc/self"));
        }
    }

    /**
     * A fresh case directory. On this host a short name, so no script path passes Lua's
     * 60-character chunk-name limit (luaO_chunkid would shorten it to {@code ...tail}). For the
     * chroots {@code /tmp/dv24-XXXXXXXX} (both trixie and forky), the same length, so Lua's shortened chunk names agree too:
     * inside the chroot for the real side, and for dovelua when the chroot is there (under
     * java.io.tmpdir otherwise, served to dovelua by {@code --mount}).
     */
    public CaseDir newCaseDir(boolean real) throws IOException {
        if (chroot == null) {
            Path dir = Files.createTempDirectory("dv-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new CaseDir(dir, null);
        }
        boolean inChroot = real || Files.isDirectory(chroot.resolve("tmp"));
        Path parent = inChroot ? chroot.resolve("tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        Random rnd = new SecureRandom();
        for (int i = 0; ; i++) {
            String leaf = String.format("dv24-%08x", rnd.nextInt());
            try {
                Path host = Files.createDirectory(parent.resolve(leaf));
                Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
                return new CaseDir(host, "/tmp/" + leaf);
            } catch (FileAlreadyExistsException e) {
                if (i > 100) {
                    throw e;
                }
            }
        }
    }
}
