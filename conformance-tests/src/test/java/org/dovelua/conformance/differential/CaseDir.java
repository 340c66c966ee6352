package org.dovelua.conformance.differential;

import java.nio.file.Path;

/**
 * Where a case's files live: {@code host} on this machine, {@code seen} as Dovecot (and, through
 * {@code --mount}, dovelua) sees it. They differ only for 2.4 cases, whose real side runs in the
 * trixie chroot ({@link DovecotRoot}).
 */
public record CaseDir(Path host, String seen) {
    public CaseDir(Path host, String seen) {
        this.host = host;
        this.seen = seen == null ? host.toString() : seen;
    }

    public Path conf() {
        return host.resolve("dovecot.conf");
    }

    /** The config path as Dovecot's own commands are given it. */
    String seenConf() {
        return seen + "/dovecot.conf";
    }
}
