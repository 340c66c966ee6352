package org.dovelua.doveadm;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.AuthEngine;
import org.dovelua.lib.WildcardMatch;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * What doveadm prints for an auth server's replies (doveadm-auth.c, doveadm-user.c), separated
 * from running the requests so the CLI commands and the Java API print the same bytes. Each
 * method returns the exit code doveadm would give.
 */
public final class Doveadm {
    private final PrintWriter out;
    private final PrintWriter err;
    /** The release whose doveadm prints (doveadm-auth.c, doveadm-user.c differ between 2.3 and 2.4). */
    private DovecotVersion version = DovecotVersion.DEFAULT;

    public Doveadm(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Prints as the doveadm of release {@code v} does. */
    public Doveadm version(DovecotVersion v) {
        this.version = v;
        return this;
    }

    /** {@code doveadm auth test}: the passdb verdict and the reply's fields. */
    public int authTest(String user, AuthEngine.AuthReply reply) {
        if (reply.clientAborted()) {
            // doveadm-auth.c auth_callback(): the client's input failed, the request is aborted
            err.println("Error: cmd auth test: user " + user + ": internal auth failure: " + reply.clientError());
            printExtraFields(reply.args());
            return Exits.TEMPFAIL;
        }
        // 2.4's auth_callback: a FAIL with code=temp_fail is an internal failure, logged, not printed
        boolean internal = version.has(Since.DOVEADM_AUTH_TEST_TEMPFAIL_LOGGED) && !reply.success() && reply.args().contains("code=temp_fail");
        // 2.4.3 adds lib-auth-client's log_error: the FAIL reply's reason=, or "Authentication failed"
        String because = !reply.success() && version.has(Since.DOVEADM_AUTH_FAILURE_REASON) ? ": " + failureReason(reply) : "";
        if (internal) {
            err.println("Error: cmd auth test: user " + user + ": internal auth failure" + because);
        } else {
            out.println("passdb: " + user + (reply.success() ? " auth succeeded" : " auth failed" + because));
        }
        printExtraFields(reply.args());
        return reply.success() ? Exits.OK : internal ? Exits.TEMPFAIL : Exits.NOPERM;
    }

    private void printExtraFields(List<String> args) {
        List<String> shown = args.stream().filter(a -> !version.has(Since.DOVEADM_HIDES_RESP) || !a.startsWith("resp=")).toList();
        if (!shown.isEmpty()) {
            out.println("extra fields:");
            for (String a : shown) {
                out.println("  " + a);
            }
        }
    }

    /** auth-client-request.c's log_error for a FAIL reply: a non-empty {@code reason=}, else "Authentication failed". */
    private static String failureReason(AuthEngine.AuthReply reply) {
        return reply.args().stream().filter(a -> a.startsWith("reason=") && a.length() > 7).map(a -> a.substring(7))
                .findFirst().orElse("Authentication failed");
    }

    /**
     * {@code doveadm auth login}: the passdb's verdict as {@code auth test} prints it, then after a
     * success the userdb's reply ({@code master_auth_callback}): 2.3 lists the user among the extra
     * fields, 2.4 names it on a line of its own. A userdb that does not answer USER is an error of
     * lib-master's login client ({@code master_login_auth_input_notfound}/{@code _fail},
     * master-login-auth.c) and then of doveadm ({@code userdb lookup failed: ...}).
     */
    public int authLogin(String user, AuthEngine.LoginReply r) {
        int code = authTest(user, r.passdb());
        AuthEngine.UserReply u = r.userdb();
        if (u == null) {
            return code;
        }
        if (u.status().equals("USER")) {
            if (version.has(Since.DOVEADM_LOGIN_USERDB_USER_LINE)) {
                out.println("userdb user: " + u.user());
                out.println("userdb extra fields:");
            } else {
                out.println("userdb extra fields:");
                out.println("  " + u.user());
            }
            for (String f : u.fields()) {
                out.println("  " + f);
            }
            return Exits.OK;
        }
        String reason = u.fields().stream().filter(f -> f.startsWith("reason=")).map(f -> f.substring(7))
                .findFirst().orElse(null);
        String logReason = u.status().equals("NOTFOUND") ? "Authenticated user not found from userdb, auth lookup id="
                + r.tag() : reason == null ? "Internal auth failure" : "Internal auth failure: " + reason;
        // request_failure(): the login client's own timings (an answer at once) and doveadm as the client
        // (dovelua's client pid is 0, as "auth client connected (pid=0)" says); seen on 2.3.19
        err.println("Error: auth-master: login: request [" + r.tag() + "]: Login auth request failed: " + logReason
                + " (auth connected 0 msecs ago, request took 0 msecs, client-pid=0 client-id=1)");
        err.println("Error: userdb lookup failed: " + (reason != null && u.status().equals("FAIL") ? reason
                : "Internal error occurred. Refer to server log for more information."));
        return Exits.NOPERM;
    }

    /**
     * doveadm-auth.c's i_fatal()s for {@code -A}: "SASL mechanism '%s' not supported by client"
     * (lib-sasl has no such client) or "... by server" (not in the auth server's mechanism list).
     */
    public int saslMechUnsupported(String mech, String side) {
        err.println("Fatal: SASL mechanism '" + mech + "' not supported by " + side);
        return Exits.TEMPFAIL;
    }

    /** A server mechanism dovelua does not run (its passdb or TLS parts are not emulated). */
    public int saslMechNotEmulated(String mech) {
        err.println("dovelua: the server side of SASL mechanism " + mech + " is not emulated");
        return Exits.SOFTWARE;
    }

    /**
     * An option this release's doveadm command does not have (2.3's {@code auth test -A}): getopt's
     * complaint and the command's usage (doveadm-cmd.c), exit EX_USAGE.
     */
    public int unknownOption(String command, char option, String usage) {
        err.println("doveadm: invalid option -- '" + option + "'");
        err.println("doveadm " + command + " " + usage);
        return Exits.USAGE;
    }

    /** {@code doveadm auth test} when the auth process is down, or died during the request. */
    public int authTestDown(String user, boolean midRequest) {
        if (midRequest && version.has(Since.DOVEADM_AUTH_TEST_TEMPFAIL_LOGGED)) {
            // 2.4's lib-auth-client (auth_client_connection_remove_requests): an internal failure with
            // code=temp_fail, which auth_callback() logs and prints as its field (seen on 2.4.1, case 430)
            err.println("Error: cmd auth test: user " + user + ": internal auth failure");
            out.println("extra fields:");
            out.println("  code=temp_fail");
            err.println("Warning: auth-client: Auth connection closed with 1 pending requests");
            return Exits.TEMPFAIL;
        }
        if (midRequest) {
            // the pending request is failed with the auth client's own "temp" reason
            out.println("passdb: " + user + " auth failed");
            out.println("extra fields:");
            out.println("  temp");
            err.println("Warning: auth-client: Auth connection closed with 1 pending requests");
        }
        err.println("Fatal: Couldn't connect to auth socket");
        return Exits.TEMPFAIL;
    }

    /** {@code cmd_auth_cache_flush()}: {@code %u cache entries flushed}. */
    public int cacheFlush(int count) {
        out.println(count + " cache entries flushed");
        return Exits.OK;
    }

    /** {@code cmd_auth_cache_flush()} when the auth process does not answer. */
    public int cacheFlushFailed() {
        err.println("Error: Cache flush failed");
        return Exits.TEMPFAIL;
    }

    /** doveadm's auth-master client when the connection drops ({@code Disconnected unexpectedly}). */
    public int masterDown(String lookup, String user) {
        err.println("Error: auth-master: " + lookup + "(" + user + "): Disconnected unexpectedly");
        err.println("Error: " + lookup + " failed for " + user);
        return Exits.TEMPFAIL;
    }

    /** {@code doveadm auth lookup USER} for one user ({@code field} null prints every field). */
    public int passLookup(String user, AuthEngine.LookupReply r, String field) {
        if (version.has(Since.DOVEADM_LOOKUP_FAILURE_LOGGED) && r.status().equals("FAIL")) {
            return lookupFailed24("auth lookup", "passdb", user);
        }
        return printLookup("passdb", user, r.status(), null, r.fields(), field);
    }

    /** {@code doveadm user -u USER} for one user. */
    public int userdbLookup(String user, AuthEngine.UserReply r, String field) {
        if (version.has(Since.DOVEADM_LOOKUP_FAILURE_LOGGED) && r.status().equals("FAIL")) {
            return lookupFailed24("user", "userdb", user);
        }
        return printLookup("userdb", user, r.status(), r.user(), r.fields(), field);
    }

    /** 2.4's cmd_user_input(): the failure goes to the command's event, stdout stays empty (seen on 2.4.1). */
    private int lookupFailed24(String command, String db, String user) {
        err.println("Error: cmd " + command + ": " + db + " lookup failed for " + user);
        return Exits.TEMPFAIL;
    }

    /** The header {@code doveadm user} prints once before the mail users' tables. */
    public void mailUserHeader() {
        out.println("field\tvalue");
    }

    /** A blank line between users when a command looks several up. */
    public void separator() {
        out.println();
    }

    /** {@code doveadm user USER} when the auth process is down or died. */
    public int mailUserDown(String user, String field, boolean midRequest) {
        if (field == null && !midRequest) {
            mailUserHeader();
        }
        err.println("doveadm(" + user + "): Error: auth-master: userdb lookup(" + user + "): Disconnected unexpectedly");
        return Exits.TEMPFAIL;
    }

    /** {@code doveadm user '*'} when the auth process is down or died. */
    public int listDown() {
        err.println("Error: auth-master: userdb list: Disconnected unexpectedly");
        err.println("Fatal: user listing failed");
        return Exits.TEMPFAIL;
    }

    /** {@code cmd_user_list}: usernames from the iteration (null: it failed) that match any mask. */
    public int list(List<String> users, List<String> masks) {
        if (users == null) {
            err.println("Error: auth-master: userdb list: User listing returned failure");
            err.println("Fatal: user listing failed");
            return Exits.TEMPFAIL;
        }
        for (String u : users) {
            for (String m : masks) {
                if (WildcardMatch.matchIcase(u, m)) { // doveadm-auth.c: wildcard_match_icase
                    out.println(u);
                    break;
                }
            }
        }
        return Exits.OK;
    }

    /** {@code cmd_user_mail_input}: the mail user's uid, gid, home, mail and the other fields. */
    public int mailUser(String user, AuthEngine.UserReply r, String field) {
        if (r.status().equals("FAIL")) {
            // doveadm's own log prefix also carries its pid: doveadm(user)<pid><>:
            err.println("doveadm(" + user + "): Error: auth-master: userdb lookup(" + user
                    + "): " + (r.fields().isEmpty() ? "Auth USER lookup failed"
                            : r.fields().get(0).replaceFirst("^reason=", "")));
            return Exits.TEMPFAIL;
        }
        if (r.status().equals("NOTFOUND")) {
            out.println();
            out.println("userdb lookup: user " + user + " doesn't exist");
            return Exits.NOUSER;
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String kv : r.fields()) {
            int eq = kv.indexOf('=');
            f.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        if ("0".equals(f.get("uid"))) {
            // mail-storage-service refuses to run as root; doveadm prints nothing more (seen on 2.3.19)
            return Exits.TEMPFAIL;
        }
        List<String[]> rows = new ArrayList<>();
        if (!user.equals(r.user())) {
            rows.add(new String[] {"user", r.user()});
        }
        rows.add(new String[] {"uid", f.getOrDefault("uid", "")});
        rows.add(new String[] {"gid", f.getOrDefault("gid", "")});
        rows.add(new String[] {"home", f.getOrDefault("home", "")});
        // 2.4 prints the mail_path setting (a userdb mail= is just another field); 2.3 the mail field
        String mailRow = version.has(Since.DOVEADM_USER_MAIL_PATH_ROW) ? "mail_path" : "mail";
        rows.add(new String[] {mailRow, f.getOrDefault(mailRow, "")});
        for (Map.Entry<String, String> e : f.entrySet()) {
            if (!List.of("uid", "gid", "home", mailRow).contains(e.getKey())) {
                rows.add(new String[] {e.getKey(), e.getValue()});
            }
        }
        for (String[] row : rows) {
            if (field == null) {
                out.println(row[0] + "\t" + row[1]);
            } else if (field.equals(row[0])) {
                out.println(row[1]);
            }
        }
        return Exits.OK;
    }

    /** {@code cmd_user_input()}: shared by {@code auth lookup} and {@code user -u}. */
    private int printLookup(String db, String user, String status, String updatedUser, List<String> fields,
            String show) {
        String lookupName = db + " lookup";
        if (status.equals("FAIL")) {
            // auth-master.c logs the reply's reason, or that the lookup failed; cmd_user_input() adds its own line
            String reason = fields.isEmpty() ? null : fields.get(0).replaceFirst("^reason=", "");
            err.println("Error: auth-master: " + lookupName + "(" + user + "): "
                    + (reason != null ? reason : "Auth " + (db.equals("passdb") ? "PASS" : "USER") + " lookup failed"));
            err.println("Error: " + lookupName + " failed for " + user + (reason == null ? "" : ": " + reason));
            return Exits.TEMPFAIL;
        }
        if (status.equals("NOTFOUND")) {
            (show == null ? out : err).println(lookupName + ": user " + user + " doesn't exist");
            return Exits.NOUSER;
        }
        if (show != null) {
            for (String f : fields) {
                if (f.startsWith(show + "=")) {
                    out.println(f.substring(show.length() + 1));
                }
            }
            return Exits.OK;
        }
        out.println(db + ": " + user);
        if (updatedUser != null) {
            out.println(String.format("  %-10s: %s", "user", updatedUser));
        }
        for (String f : fields) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                out.println(String.format("  %-10s", f));
            } else {
                out.println(String.format("  %-10s: %s", f.substring(0, eq), f.substring(eq + 1)));
            }
        }
        return Exits.OK;
    }
}
