package org.dovelua.check;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dovelua.auth.config.DbConfig;

/**
 * A script to check and how it is used: by a passdb and/or userdb, whether one of them runs it in
 * the auth process ({@code blocking=no} / {@code *_use_worker = no}), the passdb's scheme, and
 * the names the script goes by at run time (a config's {@code /etc/dovecot/auth.lua} for a mounted
 * file), which dynamic findings are matched by.
 */
final class ScriptTarget {
    final Path path;
    final String shown;
    final Set<String> names = new LinkedHashSet<>();
    /** The release it is checked against. */
    org.dovelua.version.DovecotVersion version = org.dovelua.version.DovecotVersion.DEFAULT;
    boolean passdb;
    boolean userdb;
    /** A db that runs this script in the auth process, or null. */
    DbConfig nonBlocking;
    /** A passdb's explicit {@code scheme=} / {@code passdb_default_password_scheme}, and its block. */
    String scheme;
    DbConfig schemeDb;

    ScriptTarget(Path path, String shown) {
        this.path = path;
        this.shown = shown;
        names.add(shown);
        names.add(path.toString());
        names.add(path.toAbsolutePath().normalize().toString());
    }
}
