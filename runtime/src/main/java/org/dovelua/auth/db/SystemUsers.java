package org.dovelua.auth.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.varexpand.VarExpand;

/**
 * {@code userdb_parse_uid()}/{@code userdb_parse_gid()}: numbers, or names resolved as this host
 * resolves them ({@code getent}, which goes through NSS as {@code getpwnam} does; the files in
 * /etc when getent is missing). Host-dependent on purpose, as Dovecot is.
 */
public final class SystemUsers {
    private static final Map<String, Long> CACHE = new ConcurrentHashMap<>();

    private SystemUsers() {
    }

    /** The uid of the {@code dovecot} user auth workers report in their connection prefix. */
    public static long dovecotUid() {
        Long uid = lookup("passwd", "dovecot");
        return uid == null ? 102 : uid;
    }

    public static Long parseUid(AuthRequest r, String value) {
        return parse(r, value, "passwd", "Invalid UID value '");
    }

    public static Long parseGid(AuthRequest r, String value) {
        return parse(r, value, "group", "Invalid GID value '");
    }

    private static Long parse(AuthRequest r, String value, String db, String error) {
        if (digits(value)) {
            try {
                long n = Long.parseLong(value);
                if (n <= 0xffffffffL - 1) { // (uid_t)-1 is the error value
                    return n;
                }
            } catch (NumberFormatException e) {
                // falls through to the name lookup, as str_to_uid() failing does
            }
        }
        Long id = lookup(db, value);
        if (id == null && r != null) { // userdb_parse_uid(NULL, ...) logs nothing
            r.dbEvent().error(error + value + "'");
        }
        return id;
    }

    /** {@code \d+} without a regex compiled per call (a field set on every request of a bench). */
    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Long lookup(String db, String name) {
        if (name.isEmpty() || name.contains(":") || name.contains("\n")) {
            return null;
        }
        String key = db + ":" + name;
        Long cached = CACHE.get(key);
        if (cached != null) {
            return cached < 0 ? null : cached;
        }
        Long id = getent(db, name);
        CACHE.put(key, id == null ? -1L : id);
        return id;
    }

    private static Long getent(String db, String name) {
        try {
            Process p = new ProcessBuilder("getent", db, name).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() == 0) {
                return idFrom(out.split("\n")[0]);
            }
            return null;
        } catch (IOException e) {
            return fromFile(db, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Long fromFile(String db, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc", db))) {
                if (line.startsWith(name + ":")) {
                    return idFrom(line);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static Long idFrom(String entry) {
        String[] parts = entry.split(":");
        try {
            return parts.length > 2 ? Long.parseLong(parts[2]) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code auth_request_set_uidgid_file()}: uid/gid of the var-expanded path. */
    public static void setUidGidFromFile(AuthRequest r, String template) {
        String path;
        try {
            path = VarExpand.expand(template, AuthRequestVars.of(r), Map.of());
        } catch (VarExpand.VarExpandException e) {
            r.dbEvent().error("Failed to expand uidgid_file=" + template + ": " + e.getMessage());
            r.userdbLookupTempfailed = true;
            return;
        }
        try {
            Object uid = Files.getAttribute(Path.of(path), "unix:uid");
            Object gid = Files.getAttribute(Path.of(path), "unix:gid");
            r.userdbReply().add("uid", uid.toString(), false);
            r.userdbReply().add("gid", gid.toString(), false);
        } catch (IOException | UnsupportedOperationException e) {
            r.dbEvent().error("stat(" + path + ") failed: No such file or directory");
            r.userdbLookupTempfailed = true;
        }
    }
}
