package org.dovelua.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.AuthInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code doveadm user [-u] USER|MASK...}: a userdb lookup. Without {@code -u} doveadm goes through
 * the mail storage service and prints a {@code field/value} table; with {@code -u} it prints the
 * userdb reply. A mask with {@code *} or {@code ?} lists users via the userdb iteration.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Look users up in the userdbs (doveadm user).")
final class UserCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = "-u", description = "Userdb lookup only (no mail storage service).")
    boolean userdbOnly;

    @Option(names = "-x", paramLabel = "KEY=VALUE", description = "Auth info, as for auth test.")
    List<String> info = new ArrayList<>();

    @Option(names = "-f", paramLabel = "FIELD", description = "Print only this field's value.")
    String field;

    @Parameters(arity = "1..*", paramLabel = "USER|MASK")
    List<String> masks;

    @Override
    public Integer call() {
        return AuthCommand.withEngine(root, engine -> {
            AuthInput in = AuthCommand.input(root, info);
            if (masks.stream().anyMatch(m -> m.indexOf('*') >= 0 || m.indexOf('?') >= 0)) {
                return list(engine, in);
            }
            int code = Exits.OK;
            boolean first = true;
            if (!userdbOnly && field == null) {
                root.out.println("field\tvalue");
            }
            for (String u : masks) {
                if (!first) {
                    root.out.println();
                }
                first = false;
                AuthEngine.UserReply r = engine.userLookup(in, u);
                int c = userdbOnly ? printLookup(root, "userdb", u, r.status(), r.user(), r.fields(), field)
                        : printMailUser(u, r);
                code = Math.max(code, c);
            }
            return code;
        }, midRequest -> {
            String u = masks.get(0);
            if (masks.stream().anyMatch(m -> m.indexOf('*') >= 0 || m.indexOf('?') >= 0)) {
                root.err.println("Error: auth-master: userdb list: Disconnected unexpectedly");
                root.err.println("Fatal: user listing failed");
                return Exits.TEMPFAIL;
            }
            if (userdbOnly) {
                return AuthCommand.masterDown(root, "userdb lookup", u);
            }
            if (field == null && !midRequest) {
                root.out.println("field\tvalue");
            }
            root.err.println("doveadm(" + u + "): Error: auth-master: userdb lookup(" + u + "): Disconnected unexpectedly");
            return Exits.TEMPFAIL;
        });
    }

    /** {@code cmd_user_list}: usernames from the iteration that match any mask. */
    private int list(AuthEngine engine, AuthInput in) {
        List<String> users = engine.iterate(in);
        if (users == null) {
            root.err.println("Error: auth-master: userdb list: User listing returned failure");
            root.err.println("Fatal: user listing failed");
            return Exits.TEMPFAIL;
        }
        for (String u : users) {
            for (String m : masks) {
                if (Wildcard.match(u, m)) {
                    root.out.println(u);
                    break;
                }
            }
        }
        return Exits.OK;
    }

    /** {@code cmd_user_mail_input}: the mail user's uid, gid, home, mail and the other fields. */
    private int printMailUser(String user, AuthEngine.UserReply r) {
        if (r.status().equals("FAIL")) {
            // doveadm's own log prefix also carries its pid: doveadm(user)<pid><>:
            root.err.println("doveadm(" + user + "): Error: auth-master: userdb lookup(" + user
                    + "): " + (r.fields().isEmpty() ? "Auth USER lookup failed"
                            : r.fields().get(0).replaceFirst("^reason=", "")));
            return Exits.TEMPFAIL;
        }
        if (r.status().equals("NOTFOUND")) {
            root.out.println();
            root.out.println("userdb lookup: user " + user + " doesn't exist");
            return Exits.NOUSER;
        }
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
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
        rows.add(new String[] {"mail", f.getOrDefault("mail", "")});
        for (java.util.Map.Entry<String, String> e : f.entrySet()) {
            if (!List.of("uid", "gid", "home", "mail").contains(e.getKey())) {
                rows.add(new String[] {e.getKey(), e.getValue()});
            }
        }
        for (String[] row : rows) {
            if (field == null) {
                root.out.println(row[0] + "\t" + row[1]);
            } else if (field.equals(row[0])) {
                root.out.println(row[1]);
            }
        }
        return Exits.OK;
    }

    /** {@code cmd_user_input()}: shared by {@code auth lookup} and {@code user -u}. */
    static int printLookup(DoveluaCommand root, String db, String user, String status, String updatedUser,
            List<String> fields, String show) {
        String lookupName = db + " lookup";
        if (status.equals("FAIL")) {
            // auth-master.c logs the reply's reason, or that the lookup failed; cmd_user_input() adds its own line
            String reason = fields.isEmpty() ? null : fields.get(0).replaceFirst("^reason=", "");
            root.err.println("Error: auth-master: " + lookupName + "(" + user + "): "
                    + (reason != null ? reason : "Auth " + (db.equals("passdb") ? "PASS" : "USER") + " lookup failed"));
            root.err.println("Error: " + lookupName + " failed for " + user + (reason == null ? "" : ": " + reason));
            return Exits.TEMPFAIL;
        }
        if (status.equals("NOTFOUND")) {
            (show == null ? root.out : root.err).println(lookupName + ": user " + user + " doesn't exist");
            return Exits.NOUSER;
        }
        if (show != null) {
            for (String f : fields) {
                if (f.startsWith(show + "=")) {
                    root.out.println(f.substring(show.length() + 1));
                }
            }
            return Exits.OK;
        }
        root.out.println(db + ": " + user);
        if (updatedUser != null) {
            root.out.println(String.format("  %-10s: %s", "user", updatedUser));
        }
        for (String f : fields) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                root.out.println(String.format("  %-10s", f));
            } else {
                root.out.println(String.format("  %-10s: %s", f.substring(0, eq), f.substring(eq + 1)));
            }
        }
        return Exits.OK;
    }
}
