package org.dovelua.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.dovelua.auth.request.AuthInput;

/** Reads one entry of {@code cases:}: a command with its request, and {@code expect:}. */
final class CaseReader {
    /** The {@code -x} pairs a request may name directly; others go under {@code info:}. */
    static final List<String> INFO_KEYS = List.of("service", "lip", "rip", "lport", "rport", "real_lip", "real_rip",
            "real_lport", "real_rport", "secured", "session", "local_name", "client_id");
    /** The SASL mechanisms whose server side dovelua runs, with dovelua as the client ({@code mech:}). */
    static final List<String> SASL_MECHS = List.of("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1",
            "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS", "ANONYMOUS", "EXTERNAL");
    private static final List<String> AUTH_RESULTS = List.of("ok", "password_mismatch", "user_unknown",
            "user_disabled", "pass_expired", "internal_failure", "scheme_not_available");
    /** auth_login: the passdb's results, or after a passdb success the userdb's failure. */
    private static final List<String> LOGIN_RESULTS = List.of("ok", "password_mismatch", "user_unknown",
            "user_disabled", "pass_expired", "internal_failure", "scheme_not_available", "userdb_not_found",
            "userdb_failed");
    private static final List<String> LOOKUP_RESULTS = List.of("found", "not_found", "failed");
    private static final List<String> EXPECT_KEYS = List.of("result", "exit", "fields", "fields_subset",
            "absent_fields", "logs", "stdout", "users", "http", "exec");
    private static final List<String> ITERATE_RESULTS = List.of("ok", "failed");

    private CaseReader() {
    }

    static Case read(YamlNode node, int index) throws CaseFileException {
        Fields f = new Fields(node, "a case");
        String name = f.string("name");
        String skip = f.string("skip");
        Case.Command command = null;
        for (Case.Command c : Case.Command.values()) {
            if (c != Case.Command.PLUGIN && f.has(c.key())) {
                if (command != null) {
                    throw new CaseFileException(f.keyAt(c.key()), "a case runs one command, found both "
                            + command.key() + ": and " + c.key() + ":");
                }
                command = c;
            }
        }
        YamlNode expectNode = f.node("expect");
        long advanceClock = advanceClock(f);
        f.done();
        if (command == null) {
            throw new CaseFileException(f.at(), "case " + index + ": expected one of auth_test:, auth_login:, "
                    + "auth_lookup:, user:, iterate:, cache_flush: or cache_stats:");
        }
        YamlNode request = f.node(command.key());
        String user = null;
        String password = null;
        Map<String, String> info = new LinkedHashMap<>();
        List<String> flushUsers = List.of();
        String mech = null;
        if (command == Case.Command.CACHE_FLUSH) {
            flushUsers = flushUsers(request);
        } else if (command == Case.Command.CACHE_STATS) {
            if (!isTrue(request)) {
                throw new CaseFileException(request.at(), "cache_stats: expected true (it takes no user), found "
                        + request.kind());
            }
        } else if (command == Case.Command.ITERATE) {
            if (!(request instanceof YamlNode.Scalar s && (s.type() == YamlNode.Scalar.Type.NULL
                    || s.text().equals("true") || s.text().equals("yes")))) {
                throw new CaseFileException(request.at(), "iterate: expected true (it takes no user), found "
                        + request.kind());
            }
        } else if (request instanceof YamlNode.Mapping) {
            Fields r = new Fields(request, command.key());
            List<String> keys = new ArrayList<>(List.of("user"));
            if (command == Case.Command.AUTH_TEST || command == Case.Command.AUTH_LOGIN) {
                keys.add("password");
            }
            keys.addAll(INFO_KEYS);
            keys.add("info");
            if (command == Case.Command.AUTH_TEST || command == Case.Command.AUTH_LOGIN) {
                keys.add("mech");
            }
            r.allow(keys).done();
            user = required(r, "user");
            mech = r.string("mech");
            if (mech != null && !SASL_MECHS.contains(mech.toUpperCase(java.util.Locale.ROOT))) {
                throw new CaseFileException(r.node("mech").at(), "mech: unknown SASL mechanism '" + mech + "' (one of "
                        + String.join(", ", SASL_MECHS) + ")");
            }
            if (command == Case.Command.AUTH_TEST || command == Case.Command.AUTH_LOGIN) {
                password = r.has("password") && r.node("password") instanceof YamlNode.Scalar s
                        && s.type() == YamlNode.Scalar.Type.NULL ? "" : required(r, "password");
            }
            for (String k : INFO_KEYS) {
                String v = r.string(k);
                if (v != null) {
                    info.put(k, checked(r, k, v));
                }
            }
            Map<String, String> extra = r.stringMap("info");
            if (extra != null) {
                for (Map.Entry<String, String> e : extra.entrySet()) {
                    info.put(e.getKey(), checked(r, "info", e.getKey() + "=" + e.getValue(), e.getValue()));
                }
            }
        } else if (command != Case.Command.AUTH_TEST && command != Case.Command.AUTH_LOGIN) {
            user = Fields.string(request, command.key());
        } else {
            throw new CaseFileException(request.at(), command.key() + ": expected a mapping with user: and password:,"
                    + " found " + request.kind());
        }
        if (expectNode == null && skip == null) {
            // a case that checks nothing would pass whatever the script answers
            throw new CaseFileException(f.at(), "case " + index + " (" + (name != null ? name : command.key())
                    + ") has no expect: add what the answer must be (e.g. expect: {result: ok}), or expect: {}"
                    + " to check only that the request runs");
        }
        Expect expect = expectNode == null ? new Expect(null, null, null, null, null, null, null, null, null, null, null)
                : expect(expectNode, command);
        if (name == null) {
            name = command.key() + (user == null ? "" : " " + user)
                    + (flushUsers.isEmpty() ? "" : " " + String.join(" ", flushUsers));
        }
        return new Case(name, f.at(), command, user, password, info, expect, skip, null, flushUsers, advanceClock, mech);
    }

    private static boolean isTrue(YamlNode n) {
        return n instanceof YamlNode.Scalar s && (s.type() == YamlNode.Scalar.Type.NULL || s.text().equals("true")
                || s.text().equals("yes"));
    }

    /** {@code cache_flush: true} (the whole cache), {@code cache_flush: alice} or a list of users. */
    private static List<String> flushUsers(YamlNode request) throws CaseFileException {
        if (isTrue(request)) {
            return List.of();
        }
        if (request instanceof YamlNode.Scalar) {
            return List.of(Fields.string(request, "cache_flush"));
        }
        if (request instanceof YamlNode.Sequence seq && !seq.items().isEmpty()) {
            List<String> users = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                users.add(Fields.string(item, "cache_flush"));
            }
            return users;
        }
        throw new CaseFileException(request.at(), "cache_flush: expected true (the whole cache), a user or a list of"
                + " users, found " + request.kind());
    }

    /**
     * {@code advance_clock:}: how far the auth process's clock moves before the request, in seconds or as
     * Dovecot writes a time ({@code 90}, {@code 2 mins}, {@code 1 hour}): TTLs expire without waiting.
     */
    private static long advanceClock(Fields f) throws CaseFileException {
        String v = f.string("advance_clock");
        if (v == null) {
            return 0;
        }
        if (v.trim().matches("[0-9]{1,9}")) {
            return Long.parseLong(v.trim()); // plain seconds; a Dovecot time needs its unit
        }
        try {
            return org.dovelua.auth.config.SettingTime.parse(v.trim());
        } catch (org.dovelua.auth.config.SetupException e) {
            throw new CaseFileException(f.node("advance_clock").at(), "advance_clock: " + e.getMessage()
                    + " (expected seconds or a time such as 90, 2 mins, 1 hour)");
        }
    }

    private static String required(Fields r, String key) throws CaseFileException {
        String v = r.string(key);
        if (v == null) {
            throw new CaseFileException(r.at(), "missing " + key + ": in this request");
        }
        return v;
    }

    private static String checked(Fields r, String key, String value) throws CaseFileException {
        return checked(r, key, key + "=" + value, value);
    }

    private static String checked(Fields r, String key, String pair, String value) throws CaseFileException {
        String error = new AuthInput().add(pair);
        if (error != null) {
            throw new CaseFileException(r.node(key).at(), key + ": " + error);
        }
        return value;
    }

    private static Expect expect(YamlNode node, Case.Command command) throws CaseFileException {
        Fields e = new Fields(node, "expect").allow(EXPECT_KEYS);
        e.done();
        String result = e.string("result");
        if (result != null && (command == Case.Command.CACHE_FLUSH || command == Case.Command.CACHE_STATS)) {
            throw new CaseFileException(e.node("result").at(), "result: " + command.key() + " has no result; check"
                    + " stdout: (e.g. \"1 cache entries flushed\") or logs:");
        }
        List<String> allowed = command == Case.Command.AUTH_TEST ? AUTH_RESULTS
                : command == Case.Command.AUTH_LOGIN ? LOGIN_RESULTS
                : command == Case.Command.ITERATE ? ITERATE_RESULTS : LOOKUP_RESULTS;
        if (result != null && !allowed.contains(result)) {
            throw new CaseFileException(e.node("result").at(), "result: '" + result + "' is not a result of "
                    + command.key() + " (expected one of: " + String.join(", ", allowed) + ")");
        }
        Integer exit = e.integer("exit");
        Map<String, String> fields = e.stringMap("fields");
        Map<String, String> subset = e.stringMap("fields_subset");
        List<String> absent = e.stringList("absent_fields");
        Logs logs = logs(e);
        List<String> contain = logs.contain();
        List<Pattern> match = logs.match();
        String stdout = e.string("stdout");
        List<String> users = e.stringList("users");
        if (users != null && command != Case.Command.ITERATE) {
            throw new CaseFileException(e.keyAt("users"), "users: only an iterate: case lists users");
        }
        List<HttpExpect> http = e.has("http") ? http(e.node("http")) : null;
        List<ExecExpect> exec = e.has("exec") ? exec(e.node("exec")) : null;
        return new Expect(result, exit, fields, subset, absent, contain, match, stdout, users, http, exec);
    }

    private static final List<String> EXEC_KEYS = List.of("command", "mode", "stdin");
    private static final List<String> EXEC_MODES = List.of("r", "w", "execute");

    /** {@code exec:}: the commands started, in order; {@code exec: []} says none. */
    private static List<ExecExpect> exec(YamlNode node) throws CaseFileException {
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw new CaseFileException(node.at(), "exec: expected a list of commands (each with command:, mode:, "
                    + "stdin:), found " + node.kind());
        }
        List<ExecExpect> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            Fields x = new Fields(item, "an exec: command").allow(EXEC_KEYS);
            x.done();
            String mode = x.string("mode");
            if (mode != null && !EXEC_MODES.contains(mode)) {
                throw new CaseFileException(x.node("mode").at(), "mode: '" + mode + "' is not how a script starts a"
                        + " command (expected r or w for io.popen, execute for os.execute)");
            }
            out.add(new ExecExpect(item.at(), x.string("command"), mode, x.string("stdin")));
        }
        return out;
    }

    private static final List<String> HTTP_KEYS = List.of("method", "url", "headers", "absent_headers", "json",
            "body", "status");

    /** {@code http:}: the requests sent, in order; {@code http: []} says none. */
    static List<HttpExpect> http(YamlNode node) throws CaseFileException {
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw new CaseFileException(node.at(), "http: expected a list of requests (each with method:, url:, "
                    + "headers:, absent_headers:, json:, body:, status:), found " + node.kind());
        }
        List<HttpExpect> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            Fields h = new Fields(item, "an http: request").allow(HTTP_KEYS);
            h.done();
            YamlNode json = h.node("json");
            if (json != null && h.has("body")) {
                throw new CaseFileException(h.keyAt("json"), "http: give json: (a subset) or body: (exact), not both");
            }
            Integer status = h.integer("status");
            out.add(new HttpExpect(item.at(), h.string("method"), h.string("url"), h.stringMap("headers"),
                    h.stringList("absent_headers"), json == null ? null : YamlJson.of(json), h.string("body"), status));
        }
        return out;
    }

    /** {@code logs:}: a list of texts each log must contain, or {@code {contain: [...], match: [regex...]}}. */
    record Logs(List<String> contain, List<Pattern> match) {
    }

    /** Reads an expectation's {@code logs:} (doveadm and plugin cases alike). */
    static Logs logs(Fields e) throws CaseFileException {
        List<String> contain = null;
        List<Pattern> match = null;
        YamlNode logs = e.node("logs");
        if (logs instanceof YamlNode.Mapping) {
            Fields l = new Fields(logs, "logs").allow(List.of("contain", "match"));
            l.done();
            contain = l.stringList("contain");
            List<String> regexes = l.stringList("match");
            if (regexes != null) {
                match = new ArrayList<>();
                YamlNode rn = l.node("match");
                for (int i = 0; i < regexes.size(); i++) {
                    match.add(regex(regexes.get(i), rn instanceof YamlNode.Sequence s ? s.items().get(i) : rn));
                }
            }
        } else if (logs != null) {
            contain = e.stringList("logs");
        }
        return new Logs(contain, match);
    }

    private static Pattern regex(String text, YamlNode at) throws CaseFileException {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException ex) {
            throw new CaseFileException(at.at(), "logs.match: invalid regular expression: " + ex.getDescription()
                    + " near index " + ex.getIndex());
        }
    }
}
