package org.dovelua.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of {@link Since}, seen from the outside on both sides of its release: a probe (a small
 * script, or a dovecot.conf and a script, run through the public API) observes the rule at
 * {@link Since#lastWithout()} and at {@link Since#since()}, and at {@link Since#until()} where the
 * old behaviour is back. A row without a probe fails {@link #everyRowHasAProbe()}.
 */
class VersionTimelineTest {
    // ----- scripts

    private static final Map<String, String> RIP = Map.of("rip", "10.0.0.1");
    /** The ARGON2ID vector of Dovecot's test-password-scheme.c; the password is "test". */
    private static final String ARGON2ID_OF_TEST =
            "$argon2id$v=19$m=65536,t=3,p=1$vBb99oJ12p3WAdYlaMHz1A$jtFOtbo/sYV9OSlTxDo/nVNq3uArHd5GJSEx0ty85Cc";
    /** Verifies "pw" against its PLAIN-MD5, a weak scheme in 2.4. */
    private static final String VERIFY_PLAIN_MD5 =
            "show(req:password_verify('{PLAIN-MD5}8fe4c11451281c094a6578e6ddbf5eed', 'pw'))";
    /** {@code show(...)} joins values with spaces; {@code try(f, ...)} is f's value or its error. */
    private static final String HELPERS = String.join("\n",
            "local function show(...)",
            "  local out = {}",
            "  for i = 1, select('#', ...) do out[i] = tostring((select(i, ...))) end",
            "  return table.concat(out, ' ')",
            "end",
            "local function try(f, ...)",
            "  local ok, v = pcall(f, ...)",
            "  return ok and tostring(v) or 'error: ' .. tostring(v)",
            "end",
            "");
    private static final String USERDB_OK =
            "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid = '1000', gid = '1000'} end\n";
    private static final String PASSWORD_PW = "dovecot.auth.PASSDB_RESULT_OK, {password = 'pw'}";
    private static final String LOOKUPS = passdb(PASSWORD_PW);
    private static final String NO_SCRIPT = String.join("\n",
            "passdb {", "  driver = lua", "}", "userdb {", "  driver = lua", "}", "");
    private static final String CONF_23 = String.join("\n",
            "passdb {", "  driver = lua", "  args = file=/etc/dovecot/auth.lua", "}",
            "userdb {", "  driver = lua", "  args = file=/etc/dovecot/auth.lua", "}", "");

    /** A passdb whose lookup runs {@code statements} and returns {@code values}, and a userdb that accepts. */
    private static String passdb(String values, String statements) {
        return HELPERS + "function auth_passdb_lookup(req)\n  " + statements + "\n  return " + values + "\nend\n"
                + USERDB_OK;
    }

    private static String passdb(String values) {
        return passdb(values, "");
    }

    /** What {@code client:request{url = url}} says: "accepted", or its error. */
    private static String request(String url) {
        return "try(function() dovecot.http.client({}):request({url = '" + url + "'}) return 'accepted' end)";
    }

    /** A passdb accepting "pw" and a userdb returning {@code fields}. */
    private static String userdb(String fields) {
        return HELPERS + "function auth_passdb_lookup(req) return " + PASSWORD_PW + " end\n"
                + "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, " + fields + " end\n";
    }

    /** A JWT's exp far in the future (2100-01-01). */
    private static final long JWT_FUTURE = 4102444800L;
    private static final byte[] JWT_SECRET = "timeline-secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** An HS256 JWT for {@code email} (keyed with {@link #JWT_SECRET}) expiring at {@code exp}. */
    static String jwt(String email, long exp) {
        java.util.Base64.Encoder b = java.util.Base64.getUrlEncoder().withoutPadding();
        String data = b.encodeToString("{\"alg\":\"HS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b.encodeToString(("{\"sub\":\"" + email + "\",\"email\":\"" + email + "\",\"iat\":1700000000,\"nbf\":1700000000,\"exp\":"
                        + exp + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(JWT_SECRET, "HmacSHA256"));
            return data + "." + b.encodeToString(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lab0Token(String email) {
        return jwt(email, JWT_FUTURE);
    }

    // ----- the probes

    /** What a row's probe observes at one release, as a short text. */
    @FunctionalInterface
    interface Observation {
        String at(Lab lab) throws Exception;
    }

    /** How to observe a row, and what is seen without the rule and with it. */
    record Probe(String without, String with, Observation observation) {
    }

    private static final Map<Since, Probe> PROBES = new EnumMap<>(Since.class);

    private static void probe(Since row, String without, String with, Observation observation) {
        PROBES.put(row, new Probe(without, with, observation));
    }

    static {
        // ----- 2.3.x
        probe(Since.REQUEST_LOG_ERROR_AND_PASSWORD_VERIFY, "nil nil", "function function",
                lab -> lab.seen("type(req.log_error) .. ' ' .. type(req.password_verify)"));
        probe(Since.REQUEST_EVENT, "nil", "function", lab -> lab.seen("type(req.event)"));
        probe(Since.VAR_TABLE_IP_AND_PORT_NAMES, "nil 10.0.0.1", "10.0.0.1 10.0.0.1",
                lab -> lab.seen("tostring(req.remote_ip) .. ' ' .. req.rip"));
        // 0.0 is a number but not an integer
        probe(Since.SCRIPT_INIT_RETURNS_INTEGER, "ok",
                "internal_failure / Fatal: passdb-lua: initialization failed: script_init() returned non-number",
                lab -> lab.verdict(lab.authTest("function script_init() return 0.0 end\n" + LOOKUPS)));
        probe(Since.SCRIPT_BODY_AFTER_DOVECOT_GLOBAL, "nil", "table",
                lab -> lab.seen("at_load", "local at_load = type(dovecot)\n"));
        probe(Since.SCRIPT_INIT_NONZERO_FAILS, "ok",
                "internal_failure / Fatal: passdb-lua: initialization failed: Script init failed",
                lab -> lab.verdict(lab.authTest("function script_init() return 1 end\n" + LOOKUPS)));
        probe(Since.DOVECOT_HTTP, "nil", "table", lab -> lab.seen("type(dovecot.http)"));
        // before: the invalid value is exported as "" (a bare key); the warning is logged either way
        probe(Since.TABLE_EXPORT_CHECKS_KEYS, "ok: user=alice odd", "ok: user=alice",
                lab -> lab.fieldLines(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', odd = {}}"))));

        // ----- 2.4.0
        // names both releases know, without lua_file or args: 2.3 wants args' file=, 2.4 lua_file
        probe(Since.SETTINGS_24, "config: dovelua: dovecot.conf:1: passdb-lua: Missing mandatory file= parameter",
                "config: dovelua: dovecot.conf:1: passdb-lua: lua_file setting is empty"
                        + " (set lua_file = /path/to/script.lua)",
                lab -> lab.verdict(lab.withConfig(NO_SCRIPT, LOOKUPS, d -> d.authTest("alice", "pw"))));
        // the request's protocol (2.3: req.service) when doveadm is given -x protocol=imap
        probe(Since.DOVEADM_PROTOCOL_INFO, "doveadm", "imap",
                lab -> lab.withScript(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', seen = "
                        + "tostring(req.service or req.protocol)}"), d -> d.authTest("alice", "pw",
                        java.util.Map.of("protocol", "imap"))).field("seen"));
        probe(Since.DICT_DRIVER_REMOVED, "ok", "internal_failure / Fatal: Unknown passdb driver 'dict'",
                lab -> lab.verdict(lab.dict("{\"password\":\"{PLAIN}pw\"}")));
        // 2.4.1 puts the key before the text (seen)
        probe(Since.SETTING_NAMES_FLAT,
                "config: doveconf: Fatal: Error in configuration file dovecot.conf line 1: Unknown setting: auth_verbos\n"
                        + "dovelua: hint: did you mean auth_verbose?",
                "config: doveconf: Fatal: Error in configuration file dovecot.conf line 1: auth_verbos: Unknown setting:"
                        + " auth_verbos\ndovelua: hint: did you mean auth_verbose?",
                lab -> lab.verdict(lab.withConfig("auth_verbos = yes\n" + CONF_23, LOOKUPS, d -> d.authTest("alice", "pw"))));
        probe(Since.AUTH_MECH_SCRAM_PLUS, "internal_failure / Fatal: Unknown authentication mechanism 'SCRAM-SHA-256-PLUS'",
                "ok",
                lab -> lab.verdict(lab.withConfig("auth_mechanisms = plain scram-sha-256-plus\n" + lab.nativeConfig("lua"),
                        LOOKUPS, d -> d.authTest("alice", "pw"))));
        probe(Since.VAR_EXPAND_24, "alice", "%u", lab -> lab.seen("try(req.var_expand, req, '%u')"));
        // each release reads its own config syntax; LOG_PREFIX_24's probe shows the unnamed "lua"
        probe(Since.DB_NAMED_BY_SECTION, "auth-worker: Info: lua(alice,10.0.0.1): db-lua: hi",
                "auth-worker(alice,10.0.0.1): request [1]: Info: mydb: db-lua: hi",
                lab -> lab.logged("hi", lab.withConfig(lab.nativeConfig("mydb"), passdb(PASSWORD_PW, "req:log_info('hi')"),
                        d -> d.authTest("alice", "pw", RIP))));
        probe(Since.SCRIPT_INIT_TAKES_SETTINGS,
                "internal_failure / Fatal: passdb-lua: initialization failed: Script init failed", "table",
                lab -> lab.seen("tostring(init_arg)", "function script_init(arg) init_arg = type(arg) return 1 end\n"));
        probe(Since.CACHE_KEY_FUNCTION_CHECKED, "ok",
                "internal_failure / Fatal: passdb-lua: auth_passdb_get_cache_key() failed: db-lua:"
                        + " auth_passdb_get_cache_key invalid return value (expected string, got table)",
                lab -> lab.verdict(lab.authTest("function auth_passdb_get_cache_key() return {} end\n" + LOOKUPS)));
        probe(Since.INIT_FAILURE_NAMES_STAGE,
                "internal_failure / Fatal: passdb-lua: initialization failed:"
                        + " lua_pcall(script_init, 0, 1) failed: /etc/dovecot/auth.lua:1: no backend",
                "internal_failure / Fatal: passdb-lua: script_init() failed:"
                        + " lua_pcall(script_init, 1, 0) failed: /etc/dovecot/auth.lua:1: no backend",
                lab -> lab.verdict(lab.withConfig(lab.nativeConfig("lua"),
                        "function script_init() error('no backend') end\n" + LOOKUPS, d -> d.authTest("alice", "pw"))));
        probe(Since.HTTP_CLIENT_24_SETTINGS, "accepted",
                "error: Invalid HTTP client setting: request_timeout_msecs is unknown setting",
                lab -> lab.seen("try(function() dovecot.http.client({request_timeout_msecs = 1000}) return 'accepted' end)"));
        probe(Since.URI_ERRORS_NAME_CHARACTER,
                "error: Failed to parse url http://h/a b: Path component contains invalid character",
                "error: Failed to parse url http://h/a b: Path component contains invalid character ' '",
                lab -> lab.seen(request("http://h/a b")));
        probe(Since.URI_HOST_PCT_CHECKED, "accepted",
                "error: Failed to parse url http://ex%2Emple.com/: Invalid percent encoding in hostname",
                lab -> lab.seen(request("http://ex%2Emple.com/")));
        probe(Since.URI_IP_LITERAL_ADDR2IP,
                "error: Failed to parse url http://[127.0.0.1]/: Invalid IPv6 host address '127.0.0.1'", "accepted",
                lab -> lab.seen(request("http://[127.0.0.1]/")));
        probe(Since.PASSDB_NIL_SECOND_VALUE,
                "internal_failure / Error: db-lua: db-lua: auth_passdb_lookup(req) invalid return value"
                        + " (expected string or table, got nil)",
                "user_unknown",
                lab -> lab.verdict(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, nil"))));
        // 'zz' is no PLAIN-MD5 data: auth_request_password_verify() fails (-1) rather than mismatches
        probe(Since.PASSWORD_VERIFY_RESULT_PASSED_ON,
                "password_mismatch / Error: Password data is not valid for scheme PLAIN-MD5:"
                        + " Input isn't valid base64 encoded data",
                "internal_failure / Error: Password data is not valid for scheme PLAIN-MD5:"
                        + " Input isn't valid base64 encoded data",
                lab -> lab.verdict(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = '{PLAIN-MD5}zz'}"))));
        // 2.3 dereferences the NULL: the worker dies of SIGSEGV (case 331), pcall cannot help
        probe(Since.PASSWORD_VERIFY_REFUSES_NIL,
                "internal_failure / Fatal: master: service(auth-worker): child N killed with signal 11 (core dumps"
                        + " disabled - https://dovecot.org/bugreport.html#coredumps)",
                "error: Crypted password must not be nil",
                lab -> lab.seen("try(req.password_verify, req, nil, 'pw')").replaceAll("child [0-9]+ ", "child N "));
        probe(Since.UNKNOWN_SCHEME_NOT_AVAILABLE, "password_mismatch / Error: Unknown scheme NOSUCH",
                "scheme_not_available / Error: Unknown scheme NOSUCH",
                lab -> lab.verdict(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = '{NOSUCH}pw'}"))));
        // auth_debug is off: 2.3 returns before it checks the argument, 2.4 checks it first
        // the Lua userdb runs in a worker; 'nosuchuser' is no user name, so uid is its only field and fails
        probe(Since.WORKER_REPLY_TEMPFAIL_ALONE,
                "failed / Panic: file auth-fields.c: line 64 (auth_fields_add): assertion failed: (*key != '\\0')",
                "failed / Error: Invalid UID value 'nosuchuser'",
                lab -> lab.verdict(lab.withScript("function auth_passdb_lookup(req) return "
                        + "dovecot.auth.PASSDB_RESULT_OK, {password = 'pw'} end\n"
                        + "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid = 'nosuchuser'} end\n",
                        d -> d.userLookup("alice"))));
        probe(Since.STATIC_TEMPLATE_FAILURE_FAILS,
                "failed / Panic: file auth-request.c: line 733 (auth_request_userdb_lookup_end):"
                        + " assertion failed: (array_count(&request->authdb_event) > 0)",
                "failed / Error: static: auth_userdb_post settings: Failed to parse configuration:"
                        + " Failed to expand userdb_fields/home setting variables: Unknown variable 'nosuchvariable'",
                lab -> {
                    String conf = DovecotVersion.parse(lab.version()).has(Since.SETTINGS_24)
                            ? "passdb lua {\n  lua_file = /etc/dovecot/auth.lua\n}\nuserdb static {\n"
                                    + "  userdb_static_allow_all_users = yes\n  fields {\n    home = /home/%{nosuchvariable}\n  }\n}\n"
                            : "passdb {\n  driver = lua\n  args = file=/etc/dovecot/auth.lua\n}\nuserdb {\n"
                                    + "  driver = static\n  args = home=/home/%{nosuchvariable} allow_all_users=yes\n}\n";
                    return lab.verdict(lab.withConfig(conf, passdb(PASSWORD_PW), d -> d.userLookup("alice")));
                });
        probe(Since.LOG_DEBUG_PER_EVENT, "nil", "error: bad argument #1 to 'log_debug' (string expected, got table)",
                lab -> lab.seen("try(req.log_debug, req, {})"));
        probe(Since.LOG_PREFIX_24, "auth-worker: Info: lua(alice,10.0.0.1): db-lua: hi",
                "auth-worker(alice,10.0.0.1): request [1]: Info: lua: db-lua: hi",
                lab -> lab.logged("hi", lab.authTest(passdb(PASSWORD_PW, "req:log_info('hi')"))));
        // password_noscheme sets the request's password before nopassword comes
        probe(Since.NOPASSWORD_WITHOUT_PASSWORD_CHECK,
                "password_mismatch / Error: nopassword set but password is non-empty", "ok",
                lab -> lab.verdict(lab.authTest(
                        passdb("dovecot.auth.PASSDB_RESULT_OK, 'password_noscheme=pw nopassword'"), "anything")));
        probe(Since.FIELD_SUFFIX_DEFAULT, "ok: user=alice a=1 a:default=2 b=3", "ok: user=alice a=1 b:protected=3",
                lab -> lab.fieldLines(lab.authTest(passdb(
                        "dovecot.auth.PASSDB_RESULT_OK, 'password=pw a=1 a:default=2 b:protected=3'"))));
        probe(Since.NOLOGIN_PROXY_VALUES_KEPT, "ok: user=alice nologin proxy", "ok: user=alice nologin=y proxy=y",
                lab -> lab.fieldLines(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, 'password=pw nologin=y proxy=y'"))));
        probe(Since.AUTH_FIELDS_VALUE_ALWAYS_SET, "ok: user=alice empty", "ok: user=alice empty=",
                lab -> lab.fieldLines(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', empty = ''}"))));
        probe(Since.WORKER_ABORT_NAMES_CONNECTION,
                "auth: Error: auth-worker: Aborted PASSV request for alice: Worker process died unexpectedly",
                "auth: Error: auth-worker: Aborted PASSV request for alice: Worker process died unexpectedly:"
                        + " Connection closed",
                lab -> lab.logged("Aborted", lab.authTest(passdb("0", "os.exit(3)"))));
        probe(Since.ARGON2_SCHEME, "0.0 Unknown scheme ARGON2", "1.0 nil",
                lab -> lab.seen("show(req:password_verify('{ARGON2}" + ARGON2ID_OF_TEST + "', 'test'))"));
        probe(Since.WEAK_SCHEMES_REFUSED, "1.0 nil", "-1.0 Weak password scheme 'PLAIN-MD5' used and refused",
                lab -> lab.seen(VERIFY_PLAIN_MD5));
        probe(Since.DOVEADM_AUTH_TEST_TEMPFAIL_LOGGED,
                "exit 77 | passdb: alice auth failed | extra fields: | user=alice | code=temp_fail",
                "exit 75 | extra fields: | user=alice | code=temp_fail"
                        + " | Error: cmd auth test: user alice: internal auth failure",
                lab -> lab.doveadm(lab.authTest(passdb("0", "error('down')"))));
        probe(Since.DOVEADM_HIDES_RESP, "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice | resp=x",
                "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice",
                lab -> lab.doveadm(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', resp = 'x'}"))));
        probe(Since.DOVEADM_LOOKUP_FAILURE_LOGGED,
                "exit 75 | Error: auth-master: passdb lookup(alice): Auth PASS lookup failed"
                        + " | Error: passdb lookup failed for alice",
                "exit 75 | Error: cmd auth lookup: passdb lookup failed for alice",
                lab -> lab.doveadm(lab.withScript(passdb("0", "error('down')"), d -> d.authLookup("alice"))));
        probe(Since.EXTRA_FIELDS_TAB_PER_FIELD,
                "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice | ",
                "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice",
                lab -> lab.doveadm(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, 'password=pw userdb_quota=1G'"))));
        probe(Since.DOVEADM_LOGIN_USERDB_USER_LINE,
                "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice | userdb extra fields: | alice"
                        + " | uid=1000 | gid=1000 | auth_mech=PLAIN",
                "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice | userdb user: alice"
                        + " | userdb extra fields: | uid=1000 | gid=1000 | auth_mech=PLAIN",
                lab -> lab.doveadm(lab.withScript(LOOKUPS, d -> d.authLogin("alice", "pw", Map.of()))));
        probe(Since.AUTH_CLIENT_FINAL_RESP_OK, "ok: user", "ok: user resp",
                lab -> {
                    Result r = lab.withConfig("auth_mechanisms = plain digest-md5\n" + lab.nativeConfig("lua"), LOOKUPS,
                            d -> d.authTest("alice", "pw", java.util.Map.of(), "DIGEST-MD5"));
                    return r.result() + ": " + String.join(" ", r.fields().keySet());
                });
        // the token is the password the passdb checks (2.3); 2.4 starts db-oauth2, which needs introspection_mode
        probe(Since.OAUTH2_MECH_OWN_DB, "ok",
                "internal_failure / Fatal: Cannot initialize oauth2: Missing oauth2_introspection_mode setting",
                lab -> lab.verdict(lab.withConfig("auth_mechanisms = plain oauthbearer\n" + lab.nativeConfig("lua"),
                        LOOKUPS, d -> d.authTest("alice", "pw", Map.of(), "OAUTHBEARER"))));
        // a valid token of another user: 2.4.1 fails it as a plain failure, lib-sasl with invalid_token
        probe(Since.OAUTH2_MECH_LIB_SASL, "exit 77 | passdb: alice auth failed | extra fields: | user=alice",
                "exit 75 | Error: cmd auth test: user alice: internal auth failure: Failed to authenticate: invalid_token",
                lab -> lab.doveadm(lab.oauth2Local("bob", JWT_FUTURE)));
        probe(Since.OAUTH2_TOKEN_EXTRA_FIELD, "ok: user=alice", "ok: user=alice token=" + lab0Token("alice"),
                lab -> lab.fieldLines(lab.oauth2Local("alice", JWT_FUTURE)));
        probe(Since.OAUTH2_TOKEN_EXPIRE_GRACE,
                "auth(alice,sasl:oauthbearer): Info: oauthbearer: oauth2 failed: Local validation failed: Token has expired",
                "(nothing logged)",
                lab -> lab.logged("oauth2 failed", lab.oauth2Local("alice", System.currentTimeMillis() / 1000 - 30)));
        probe(Since.OAUTH2_WORKER_TOKEN_FAILURE_LOGGED,
                "auth-worker: Fatal: master: service(auth-worker): child N killed with signal 11",
                "auth-worker: Info: oauth2 failed: Local validation failed: Token has expired",
                lab -> {
                    Result r = lab.oauth2Local("alice", System.currentTimeMillis() / 1000 - 3600, "",
                            "  use_worker_with_mech = yes");
                    // the pid and the measured times left out
                    return r.logs().stream().filter(l -> l.contains("signal 11") || l.contains("oauth2 failed"))
                            .map(l -> l.replaceAll("child \\d+ ", "child N ").replaceAll(" \\(.*", ""))
                            .findFirst().orElse("(nothing logged)");
                });
        probe(Since.OAUTH2_FIELDS_TOKEN_VARIABLE,
                "internal_failure / Error: oauth2 failed: Local validation failed: auth_oauth2_fields settings: Failed to parse"
                        + " configuration: Failed to expand oauth2_fields/t setting variables: Unknown variable 'token'",
                "ok",
                lab -> lab.verdict(lab.oauth2Local("alice", JWT_FUTURE, "", "  fields {\n    t = %{token}\n  }")));
        probe(Since.OAUTH2_FAILURE_SCOPE_SETTING, "{\"status\":\"invalid_token\",\"scope\":\"mail\"}",
                "{\"status\":\"invalid_token\",\"scope\":\"imap\"}",
                lab -> {
                    // lib-sasl sends the status as the FAIL's resp= (FAILURE_DATA_IN_FAIL)
                    String line = lab.logged("client passdb out: FAIL", lab.oauth2Local("bob", JWT_FUTURE, "imap"));
                    return new String(java.util.Base64.getDecoder().decode(line.substring(line.lastIndexOf("resp=") + 5)),
                            java.nio.charset.StandardCharsets.UTF_8);
                });
        probe(Since.LIB_SASL_REQUEST_LOG, "(nothing logged) / (nothing logged)",
                "auth(?,sasl:plain): Debug: sasl(plain): Request create / auth(alice): Debug: sasl(plain): Request destroy",
                lab -> lab.debugLine("Request create", "pw") + " / " + lab.debugLine("Request destroy", "pw"));
        probe(Since.FAILURE_DATA_IN_FAIL, "CONT", "FAIL", lab -> {
            // a token expired an hour ago (past 2.4.2's grace): the JSON status object's base64 goes out
            String line = lab.logged("eyJ", lab.oauth2Local("alice", System.currentTimeMillis() / 1000 - 3600));
            return line.replaceFirst(".*client passdb out: ([A-Z]+).*", "$1");
        });
        probe(Since.DOVEADM_SASL_HOST, "n,a=alice,^Aauth=Bearer TOKEN^A^A", "n,a=alice,^Ahost=localhost^Aauth=Bearer TOKEN^A^A",
                lab -> lab.oauthbearerInitialResponse());
        probe(Since.AUTH_PENALTY_LOGGED, "(nothing logged)",
                "auth(?,10.0.0.1,sasl:plain): Debug: penalty(10.0.0.1): Delaying response for 4 seconds",
                lab -> lab.secondFailurePenalty());
        probe(Since.AUTH_TOKEN_LISTENER, "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: Server accepted connection (fd=18)",
                "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: Server accepted connection (fd=19)",
                lab -> lab.debugLine("Server accepted connection", "pw"));
        probe(Since.SERVER_CONNECTION_EOF,
                "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: Disconnected: Connection closed (fd=18)",
                "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: Disconnected: EOF (fd=19)",
                lab -> lab.debugLine("[1]: Disconnected", "pw"));
        probe(Since.AUTH_CLIENT_CANCELLED_REPLY, "(nothing logged)",
                "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: client passdb out: CANCELLED\t1",
                lab -> lab.logged("CANCELLED", lab.oauth2Local("bob", JWT_FUTURE)));
        probe(Since.WORKER_ACCEPTS_ON_FD_8,
                "auth-worker: Debug: conn unix:auth-worker (pid=0,uid=0): Server accepted connection (fd=12)",
                "auth-worker: Debug: conn unix:auth-worker (pid=0,uid=0): Server accepted connection (fd=8)",
                lab -> lab.debugLine("auth-worker: Debug: conn unix:auth-worker", "pw")
                        .replaceFirst("\\(pid=\\d+,uid=\\d+\\)", "(pid=0,uid=0)"));
        // auth login to this server's own address: proxy_maybe's fields are dropped; proxy_always added proxy
        probe(Since.PROXY_ALWAYS_REMOVED, "proxy added, proxy_always dropped", "proxy_always kept",
                lab -> {
                    Result r = lab.withScript(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', proxy_maybe = 'y',"
                            + " proxy_always = 'y', host = '127.0.0.1'}"),
                            d -> d.authLogin("alice", "pw", Map.of("lip", "127.0.0.1")));
                    return r.stdout().contains("proxy_always=y") ? "proxy_always kept"
                            : (r.stdout().contains("  proxy") ? "proxy added" : "no proxy") + ", proxy_always dropped";
                });
        probe(Since.PROXY_HOSTIP_CHECKED, "proxy kept", "temp_fail: host and hostip are both IPs, but they don't match",
                lab -> {
                    Result r = lab.withScript(passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', proxy = 'y',"
                            + " host = '192.0.2.1', hostip = '192.0.2.2'}"),
                            d -> d.authLogin("alice", "pw", Map.of("lip", "127.0.0.1")));
                    return r.stdout().contains("code=temp_fail")
                            ? "temp_fail: " + (r.logged("host and hostip are both IPs, but they don't match")
                                    ? "host and hostip are both IPs, but they don't match" : "no error")
                            : r.stdout().contains("  proxy") ? "proxy kept" : "no proxy";
                });
        probe(Since.DOVEADM_AUTH_SASL_MECH,
                "exit 64 | doveadm: invalid option -- 'A' | doveadm auth test [-a <auth socket path>] [-x <auth info>]"
                        + " [-M <master user>] <user> [<password>]",
                "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice",
                lab -> lab.doveadm(lab.withScript(LOOKUPS, d -> d.run(new org.dovelua.api.Command.AuthTest("alice", "pw",
                        java.util.List.of(), "PLAIN", null)))));
        probe(Since.USERDB_NOT_FOUND_NAMES_NO_DB,
                "userdb_not_found / Error: user not found from userdb",
                "userdb_not_found / Error: user not found from any userdbs",
                lab -> lab.verdict(lab.withScript(passdb(PASSWORD_PW).replace(USERDB_OK,
                        "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, 'no' end\n"),
                        d -> d.authLogin("alice", "pw", Map.of()))));
        probe(Since.DOVEADM_USER_MAIL_PATH_ROW,
                "exit 0 | field\tvalue | uid\t1000 | gid\t1000 | home\t/h | mail\tmaildir:~/M",
                "exit 0 | field\tvalue | uid\t1000 | gid\t1000 | home\t/h | mail_path\t | mail\tmaildir:~/M",
                lab -> lab.doveadm(lab.withScript(userdb("{uid = '1000', gid = '1000', home = '/h', mail = 'maildir:~/M'}"),
                        d -> d.userLookup("alice"))));

        // the request line without the connection's prefix (CONNECTION_DEBUG_LINES)
        probe(Since.AUTH_CLIENT_PROTOCOL_PARAMETER, "AUTH\t1\tPLAIN\tservice=doveadm\tdebug\tresp=<hidden>",
                "AUTH\t1\tPLAIN\tprotocol=doveadm\tfinal-resp-ok\tdebug\tresp=<hidden>",
                lab -> lab.debugLine("client in: ", "pw").replaceFirst(".*client in: ", ""));
        probe(Since.CONNECTION_DEBUG_LINES, "(nothing logged)",
                "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: Server accepted connection (fd=18)",
                lab -> lab.debugLine("accepted connection (fd=18)", "pw"));
        probe(Since.FAILURE_DELAY_LOGGED, "(nothing logged)", "auth(alice,sasl:plain): Debug: delaying auth failure",
                lab -> lab.debugLine("auth failure", "wrong"));
        probe(Since.DOVECOT_CLOCK_FUNCTIONS, "nil", "table integer integer",
                lab -> lab.seen("type(dovecot.gettimeofday) == 'function' and (type(dovecot.gettimeofday()) .. ' '"
                        + " .. math.type(dovecot.nanoseconds()) .. ' ' .. math.type(dovecot.microseconds()))"
                        + " or type(dovecot.gettimeofday)"));
        probe(Since.DOVECOT_STRING_FUNCTIONS, "nil", "4 6 0 true true 2",
                lab -> lab.seen("type(dovecot.tabescape) == 'function' and (dovecot.net_ip_family('1.2.3.4') .. ' '"
                        + " .. dovecot.net_ip_family('::1') .. ' ' .. dovecot.net_ip_family('x') .. ' '"
                        + " .. tostring(dovecot.tabescape('a\\tb') == 'a\\1tb') .. ' '"
                        + " .. tostring(dovecot.tabunescape('a\\1tb') == 'a\\tb') .. ' '"
                        + " .. #dovecot.split_tabescaped('a\\tb')) or type(dovecot.tabescape)"));
        probe(Since.DOVECOT_DICT_DOVEADM_TABLES, "nil nil", "32.0 5.0",
                lab -> lab.seen("tostring(dovecot.dict and dovecot.dict.ITERATE_FLAG_ASYNC) .. ' '"
                        + " .. tostring(dovecot.doveadm_client and dovecot.doveadm_client.DOVEADM_PROXY_TTL)"));
        probe(Since.VAR_EXPAND_CRYPT_BUILT_IN,
                "auth-worker: Debug: Module loaded: /usr/lib/dovecot/modules/auth/lib20_auth_var_expand_crypt.so",
                "(nothing logged)", lab -> lab.debugLine("var_expand_crypt", "pw"));

        // ----- 2.4.1 and later
        probe(Since.NO_RESPONSE_FROM_TEMPLATE, "function", "nil", lab -> lab.seen("type(req.response_from_template)"));
        probe(Since.PASSDB_RETURN_TYPES_CHECKED, "ok",
                "internal_failure / Error: db-lua: db-lua: auth_passdb_lookup(req) invalid return value"
                        + " (expected nil or table, got string)",
                lab -> lab.verdict(lab.authTest(passdb("dovecot.auth.PASSDB_RESULT_OK, 'password=pw'"))));
        // a first passdb answers NEXT with a field, the second one accepts the password
        probe(Since.PASSDB_NO_FIELDS_ON_FAILURE, "ok: user=alice carried=yes", "ok: user=alice",
                lab -> lab.fieldLines(lab.twoPassdbs(passdb("dovecot.auth.PASSDB_RESULT_NEXT, 'carried=yes'"))));
        // the literal run "y" between the two expressions vanishes
        probe(Since.VAR_EXPAND_STRAY_Y, "xaliceyalice", "xalicealice",
                lab -> lab.seen("try(req.var_expand, req, 'x%{user}y%{user}')"));
        probe(Since.VAR_TABLE_SSL_CLIENT_CERT,
                "error: var_expand([%{ssl_client_cert_fp}]) failed: Unknown variable 'ssl_client_cert_fp'", "[]",
                lab -> lab.seen("try(req.var_expand, req, '[%{ssl_client_cert_fp}]')"));
        probe(Since.WEAK_SCHEME_HINT, "-1.0 Weak password scheme 'PLAIN-MD5' used and refused",
                "-1.0 Weak password scheme 'PLAIN-MD5' used and refused (Set auth_allow_weak_schemes=yes to allow)",
                lab -> lab.seen(VERIFY_PLAIN_MD5));
        // a lua_file config (script mode always reads PLAIN); "pw" has no {SCHEME}, as CRYPT it is weak DES
        probe(Since.DEFAULT_SCHEME_CRYPT, "ok",
                "internal_failure / Error: Invalid password in passdb: Weak password scheme 'DES-CRYPT' used and refused",
                lab -> lab.verdict(lab.withConfig(lab.nativeConfig("lua"), LOOKUPS, d -> d.authTest("alice", "pw"))));
        // a mismatch's FAIL has no reason= (lib-auth-client's "Authentication failed"); a temp_fail one is logged with it
        probe(Since.DOVEADM_AUTH_FAILURE_REASON,
                "exit 77 | passdb: alice auth failed | extra fields: | user=alice"
                        + " || exit 75 | extra fields: | user=alice | code=temp_fail"
                        + " | Error: cmd auth test: user alice: internal auth failure",
                "exit 77 | passdb: alice auth failed: Authentication failed | extra fields: | user=alice"
                        + " || exit 75 | extra fields: | user=alice | code=temp_fail"
                        + " | Error: cmd auth test: user alice: internal auth failure: Authentication failed",
                lab -> lab.doveadm(lab.authTest(LOOKUPS, "wrong")) + " || " + lab.doveadm(lab.authTest(passdb("0", "error('down')"))));
        probe(Since.DOVECOT_BASE64, "nil", "dGVzdA== test", lab -> lab.seen("type(dovecot.base64) == 'table' and"
                + " (dovecot.base64.encode('test') .. ' ' .. dovecot.base64.decode('dGVzdA==')) or type(dovecot.base64)"));
        probe(Since.DOVECOT_VAR_EXPAND, "nil", "Dovecot | error: failed to expand '%{user}': Unknown variable 'user'",
                lab -> lab.seen("type(dovecot.var_expand) == 'function' and (dovecot.var_expand('%{dovecot:name}')"
                        + " .. ' | ' .. try(dovecot.var_expand, '%{user}')) or type(dovecot.var_expand)"));
        probe(Since.HTTP_CLIENT_DNS_SETTINGS, "Invalid HTTP client setting: dns_client_timeout is unknown setting",
                "table | 9002 Failed to lookup host name.invalid: dns_client settings: Failed to parse configuration:"
                        + " Failed to override configuration from hardcoded: Invalid dns_client_timeout=soon: Invalid time"
                        + " interval: soon",
                lab -> lab.seen("(function() local ok, c = pcall(dovecot.http.client, {dns_client_timeout = 'soon'})"
                        + " if not ok then return c end local r = c:request{url = 'http://name.invalid/'}:submit()"
                        + " return type(c) .. ' | ' .. r:status() .. ' ' .. r:reason() end)()"));
        probe(Since.VAR_EXPAND_SWITCH,
                "error: var_expand(%{user | switch('eq', 'alice', 'A', 'B')}) failed: No such function 'switch'", "A",
                lab -> lab.seen("try(req.var_expand, req, \"%{user | switch('eq', 'alice', 'A', 'B')}\")"));
        // an https request to a loopback server whose certificate nothing trusts, with auth_debug
        probe(Since.SSL_IOSTREAM_DEBUG_LOG, "auth-worker: Info: Received invalid SSL certificate: self-signed"
                        + " certificate: /CN=127.0.0.1 (check ssl_client_ca_* settings?)",
                "auth-worker: Debug: http-client: conn 127.0.0.1:PORT [1]: 127.0.0.1: SSL error: Received invalid SSL"
                        + " certificate: self-signed certificate: /CN=127.0.0.1 (check ssl_client_ca_* settings?)",
                lab -> lab.tlsLine("Received invalid SSL certificate"));
        probe(Since.SSL_NO_SHUTDOWN_AFTER_FAILED_HANDSHAKE,
                "auth-worker: Debug: http-client: conn 127.0.0.1:PORT [1]: 127.0.0.1: SSL alert: close notify",
                "(nothing logged)", lab -> lab.tlsLine("SSL alert"));
        probe(Since.HTTP_REQUEST_EVENT, "nil", "function",
                lab -> lab.seen("type(dovecot.http.client{}:request{url = 'http://127.0.0.1:9/'}.get_event)"));
        // the text lib-oauth2 logs for an introspection reply that is no JSON (case 421's "not json")
        probe(Since.VAR_EXPAND_SAFE, "error: var_expand(%{user | safe}) failed: No such function 'safe'", "alice",
                lab -> lab.seen("try(req.var_expand, req, '%{user | safe}')"));
        probe(Since.VAR_EXPAND_SAFE_LAST, "ALICE",
                "error: var_expand(%{user | safe | upper}) failed: safe: safe filter must be last in the filter chain",
                lab -> lab.seen("try(req.var_expand, req, '%{user | safe | upper}')"));
        probe(Since.VAR_EXPAND_ESCAPE,
                "error: failed to expand '%{literal('x') | escape}': No such function 'escape'",
                "error: failed to expand '%{literal('x') | escape}': escape: No escape function available",
                lab -> lab.seen("try(dovecot.var_expand, \"%{literal('x') | escape}\")"));
        probe(Since.VAR_EXPAND_TIME_FILTERS,
                "error: var_expand(%{literal('1749379200123') | from_epoch('ms') | iso8601}) failed: No such function"
                        + " 'from_epoch'",
                "2025-06-08T10:40:00Z",
                lab -> lab.seen("try(req.var_expand, req, \"%{literal('1749379200123') | from_epoch('ms') | iso8601}\")"));
        probe(Since.JSON_LITERAL_ERROR_SPELLING, "Expected value 'null', but encounted 'n' + 'o'",
                "Expected value 'null', but encountered 'n' + 'o'",
                lab -> org.dovelua.auth.oauth2.OAuth2Request.literalError("not json".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), DovecotVersion.parse(lab.version())
                        .has(Since.JSON_LITERAL_ERROR_SPELLING)));
        probe(Since.VAR_EXPAND_POSITIVE_DIVISOR,
                "error: var_expand(%{literal('7') / 0}) failed: calculate: Division by zero | -7 | 1",
                "error: var_expand(%{literal('7') / 0}) failed: calculate: Division must be by positive integer"
                        + " | error: var_expand(%{literal('7') / -1}) failed: calculate: Division must be by positive integer"
                        + " | error: var_expand(%{literal('7') % -3}) failed: calculate: Modulo must be by positive integer",
                lab -> lab.seen("try(req.var_expand, req, \"%{literal('7') / 0}\") .. ' | ' .. try(req.var_expand, req,"
                        + " \"%{literal('7') / -1}\") .. ' | ' .. try(req.var_expand, req, \"%{literal('7') % -3}\")"));
        probe(Since.DOVEADM_SASL_CRAM_DIGEST, "exit 75 | Fatal: SASL mechanism 'CRAM-MD5' not supported by client",
                "exit 0 | passdb: alice auth succeeded | extra fields: | user=alice",
                lab -> lab.doveadm(lab.withConfig("auth_mechanisms = plain cram-md5\n" + lab.nativeConfig("lua"), LOOKUPS,
                        d -> d.run(new org.dovelua.api.Command.AuthTest("alice", "pw", java.util.List.of(), "CRAM-MD5",
                                null)))));
        probe(Since.DIGEST_MD5_NO_EMPTY_REALM, "realm=\"\",nonce=\"NONCE\",qop=\"auth\",charset=\"utf-8\",algorithm=\"md5-sess\"",
                "nonce=\"NONCE\",qop=\"auth\",charset=\"utf-8\",algorithm=\"md5-sess\"",
                lab -> lab.digestChallenge());
        probe(Since.SETTING_NAMES_242, "http_client_dns_client_socket_path",
                "acl_dict_index auth_master_socket_path dns_client_timeout imap4rev2_enable"
                        + " ssl_peer_certificate_fingerprint_hash sieve_extlists_list_name"
                        + " sieve_extlists_list_max_lookup_size",
                lab -> knownOf(lab, "acl_dict_index", "auth_master_socket_path", "dns_client_timeout",
                        "imap4rev2_enable", "ssl_peer_certificate_fingerprint_hash", "sieve_extlists_list_name",
                        "sieve_extlists_list_max_lookup_size", "http_client_dns_client_socket_path"));
        probe(Since.SETTING_NAMES_243, "acl_global_path", "mailbox_list_normalize_names_to_nfc",
                lab -> knownOf(lab, "mailbox_list_normalize_names_to_nfc", "acl_global_path"));
        probe(Since.SETTING_NAMES_244, "inet_listener_reuse_port", "service_reuse_port",
                lab -> knownOf(lab, "service_reuse_port", "inet_listener_reuse_port"));
        probe(Since.SETTING_NAMES_245, "passdb_sql_update_query",
                "last_login_dict_fields sieve_notify_max_notifications sieve_notify_mailto_max_headers"
                        + " sieve_notify_mailto_max_recipients",
                lab -> knownOf(lab, "last_login_dict_fields", "sieve_notify_max_notifications",
                        "sieve_notify_mailto_max_headers", "sieve_notify_mailto_max_recipients",
                        "passdb_sql_update_query"));
    }

    /** Which of {@code names} the lab's release's doveconf knows (KnownSettings), in order. */
    private static String knownOf(Lab lab, String... names) {
        org.dovelua.auth.config.KnownSettings k =
                org.dovelua.auth.config.KnownSettings.of(DovecotVersion.parse(lab.version()));
        return Arrays.stream(names).filter(k::knows).collect(java.util.stream.Collectors.joining(" "));
    }

    // ----- the tests

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyRowSwitchesAtItsRelease() {
        return Arrays.stream(Since.values()).filter(PROBES::containsKey).flatMap(row -> {
            Probe p = PROBES.get(row);
            Stream.Builder<DynamicTest> tests = Stream.builder();
            tests.add(observe(row, row.lastWithout(), p.without()));
            tests.add(observe(row, row.since(), p.with()));
            if (row.until() != null) {
                tests.add(observe(row, row.until(), p.without()));
            }
            return tests.build();
        });
    }

    private DynamicTest observe(Since row, DovecotVersion version, String expected) {
        return DynamicTest.dynamicTest(row + " at " + version, () -> {
            Lab lab = new Lab(version.toString(), Files.createDirectory(tmp.resolve(row + "-" + version)));
            String seen = PROBES.get(row).observation().at(lab).replace(lab.dir() + "/", "");
            assertThat(seen).as("%s at %s (%s)", row, version, row.rule()).isEqualTo(expected);
        });
    }

    @Test
    void everyRowHasAProbe() {
        assertThat(Arrays.stream(Since.values()).filter(row -> !PROBES.containsKey(row)))
                .as("rows of Since without a probe in VersionTimelineTest").isEmpty();
    }

    @Test
    void everyProbeSeesTheRuleSwitch() {
        PROBES.forEach((row, p) -> assertThat(p.with()).as(row.name()).isNotEqualTo(p.without()));
    }

    /** Rules at a row's site beyond the one its probe shows. */
    @Test
    void passwordVerifyRefusesWhatLuaToStringCannotRead() throws Exception {
        Lab lab = new Lab("2.4.0", Files.createDirectory(tmp.resolve("verify-table")));
        assertThat(lab.seen("try(req.password_verify, req, {}, 'pw')")).isEqualTo("error: Crypted password must not be nil");
        assertThat(lab.seen("try(req.password_verify, req, '{PLAIN}pw', true)")).isEqualTo("error: Plain password must not be nil");
        assertThat(lab.seen("try(req.password_verify, req, 12, 12)")).isEqualTo("1.0");
    }

    @Test
    void theStaticPassdbPassesTheVerifyResultOnFrom2321() throws Exception {
        String conf = String.join("\n", "passdb {", "  driver = static", "  args = password={NOSUCH}pw", "}",
                "userdb {", "  driver = static", "  args = uid=1000 gid=1000 home=/home/%u", "}", "");
        for (String[] v : new String[][] {{"2.3.20", "password_mismatch"}, {"2.3.21", "scheme_not_available"}}) {
            Lab lab = new Lab(v[0], Files.createDirectory(tmp.resolve("static-" + v[0])));
            assertThat(lab.withConfig(conf, LOOKUPS, d -> d.authTest("alice", "pw", RIP)).result()).as(v[0]).isEqualTo(v[1]);
        }
    }

    @Test
    void theDictPassdbPassesTheVerifyResultOnFrom2321() throws Exception {
        for (String[] v : new String[][] {{"2.3.20", "password_mismatch"}, {"2.3.21", "scheme_not_available"}}) {
            Lab lab = new Lab(v[0], Files.createDirectory(tmp.resolve("dict-" + v[0])));
            assertThat(lab.dict("{\"password\":\"{NOSUCH}pw\"}").result()).as(v[0]).isEqualTo(v[1]);
        }
    }

    // ----- running a probe

    /** One emulated release, with a folder of its own for its scripts and config. */
    record Lab(String version, Path dir) {
        private Path write(String name, String text) throws Exception {
            return Files.writeString(dir.resolve(name), text);
        }

        /** Runs {@code call} with {@code lua} as the script ({@code --script}). */
        Result withScript(String lua, Function<Dovelua, Result> call) throws Exception {
            try (Dovelua d = Dovelua.builder().script(write("auth.lua", lua)).version(version).authVerbose(true)
                    .build()) {
                return call.apply(d);
            }
        }

        /**
         * The first line containing {@code text} that auth_debug logs for an {@code auth test} of
         * alice with {@code password} against {@link #LOOKUPS} (the script mode, no rip).
         */
        String debugLine(String text, String password) throws Exception {
            write("auth.lua", LOOKUPS);
            try (Dovelua d = Dovelua.builder().script(dir.resolve("auth.lua")).version(version).authDebug(true)
                    .build()) {
                return logged(text, d.authTest("alice", password));
            }
        }

        /**
         * The penalty line auth_debug logs for the second of two failed logins (alice, then bob,
         * each with a password of its own) from one remote IP: the first raised the penalty.
         */
        String secondFailurePenalty() throws Exception {
            write("auth.lua", LOOKUPS);
            try (Dovelua d = Dovelua.builder().script(dir.resolve("auth.lua")).version(version).authDebug(true)
                    .build()) {
                d.authTest("alice", "wrong1", RIP);
                Result second = d.authTest("bob", "wrong2", RIP);
                java.util.List<String> lines = second.logs().stream().filter(l -> l.contains("penalty(")).toList();
                return lines.isEmpty() ? "(nothing logged)" : lines.get(lines.size() - 1);
            }
        }

        /**
         * doveadm's OAUTHBEARER initial response for alice (as auth_debug_passwords shows it on the
         * client's AUTH line), ^A for the separator and TOKEN for the token.
         */
        String oauthbearerInitialResponse() throws Exception {
            Path key = dir.resolve("keys/default/HS256/default");
            Files.createDirectories(key.getParent());
            Files.writeString(key, java.util.Base64.getEncoder().encodeToString(JWT_SECRET));
            String conf = String.join("\n", "auth_debug = yes", "auth_debug_passwords = yes",
                    "auth_mechanisms = plain oauthbearer", "oauth2 {", "  introspection_mode = local",
                    "  oauth2_local_validation {", "    dict fs {", "      fs posix {", "        prefix = /etc/dovecot/keys/",
                    "      }", "    }", "  }", "}", "") + nativeConfig("lua");
            Result r = withConfig(conf, LOOKUPS, d -> d.run(new org.dovelua.api.Command.AuthTest("alice", "tok",
                    java.util.List.of(), "OAUTHBEARER", null)));
            String line = logged("client in: AUTH", r);
            String b64 = line.replaceFirst(".*\tresp=(\\S+).*", "$1");
            return new String(java.util.Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\u0001", "^A").replace("tok", "TOKEN");
        }

        /**
         * The first line containing {@code text} (its port masked as PORT) that auth_debug logs for an
         * auth test whose passdb requests https://127.0.0.1 from a loopback TLS server with a self-signed
         * certificate (testkit's LoopbackTls) that nothing trusts.
         */
        String tlsLine(String text) throws Exception {
            javax.net.ssl.SSLContext ctx = org.dovelua.testkit.tls.LoopbackTls.serverContext();
            try (java.net.ServerSocket ss = ctx.getServerSocketFactory().createServerSocket(0, 4,
                    java.net.InetAddress.getLoopbackAddress())) {
                Thread t = new Thread(() -> {
                    try (java.net.Socket c = ss.accept()) {
                        c.getInputStream().read(); // the handshake, which the client gives up
                    } catch (java.io.IOException e) {
                        // expected: the client refuses the certificate
                    }
                });
                t.setDaemon(true);
                t.start();
                String port = String.valueOf(ss.getLocalPort());
                String lua = passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw'}",
                        "dovecot.http.client{}:request{url = 'https://127.0.0.1:" + port + "/'}:submit()");
                try (Dovelua d = Dovelua.builder().script(write("auth.lua", lua)).version(version).authDebug(true)
                        .allowNetwork(true).build()) {
                    return logged(text, d.authTest("alice", "pw")).replace(port, "PORT");
                }
            }
        }

        /** Runs {@code call} with {@code conf}; {@code lua} is /etc/dovecot/auth.lua. */
        /** DIGEST-MD5's challenge as auth_debug_passwords logs it (client passdb out: CONT), its nonce masked. */
        String digestChallenge() throws Exception {
            String conf = "auth_debug = yes\nauth_debug_passwords = yes\nauth_mechanisms = plain digest-md5\n"
                    + nativeConfig("lua");
            Result r = withConfig(conf, LOOKUPS, d -> d.authTest("alice", "pw", java.util.Map.of(), "DIGEST-MD5"));
            String b64 = logged("client passdb out: CONT", r).replaceFirst(".*CONT\t\\d+\t([A-Za-z0-9+/=]+).*", "$1");
            return new String(java.util.Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceFirst("nonce=\"[^\"]*\"", "nonce=\"NONCE\"");
        }

        Result withConfig(String conf, String lua, Function<Dovelua, Result> call) throws Exception {
            write("auth.lua", lua);
            try (Dovelua d = Dovelua.builder().config(write("dovecot.conf", conf)).mount("/etc/dovecot", dir)
                    .version(version).authVerbose(true).build()) {
                return call.apply(d);
            }
        }

        Result authTest(String lua, String password) throws Exception {
            return withScript(lua, d -> d.authTest("alice", password, RIP));
        }

        Result authTest(String lua) throws Exception {
            return authTest(lua, "pw");
        }

        /** The string {@code tostring(expression)} has inside the passdb lookup (or why there is none). */
        String seen(String expression) throws Exception {
            return seen("tostring(" + expression + ")", "");
        }

        /** The string {@code expression} has inside the passdb lookup, after {@code chunk} ran. */
        String seen(String expression, String chunk) throws Exception {
            Result r = authTest(chunk + passdb("dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', seen = " + expression + "}"));
            return r.result().equals("ok") ? r.field("seen") : verdict(r);
        }

        /** One Lua passdb named {@code name} and a Lua userdb, in the config syntax of this release. */
        String nativeConfig(String name) {
            if (!DovecotVersion.parse(version).has(Since.SETTINGS_24)) {
                return CONF_23.replace("passdb {", "passdb " + name + " {");
            }
            return String.join("\n", "passdb " + name + " {", "  driver = lua", "  lua_file = /etc/dovecot/auth.lua", "}",
                    "userdb lua {", "  lua_file = /etc/dovecot/auth.lua", "}", "");
        }

        /**
         * auth test alice/pw with a dict passdb whose file: dict has {@code json} as alice's object,
         * in this release's config syntax (2.4 has no such driver).
         */
        Result dict(String json) throws Exception {
            write("dict-auth.conf.ext", "uri = file:/etc/dovecot/users.dict\nkey passdb {\n  key = passdb/%u\n"
                    + "  format = json\n}\npassdb_objects = passdb\n");
            write("users.dict", "shared/passdb/alice\n" + json + "\n");
            String conf = DovecotVersion.parse(version).has(Since.SETTINGS_24)
                    ? String.join("\n", "passdb dict {", "}", "userdb lua {", "  lua_file = /etc/dovecot/auth.lua", "}", "")
                    : String.join("\n", "passdb {", "  driver = dict", "  args = /etc/dovecot/dict-auth.conf.ext", "}",
                            "userdb {", "  driver = lua", "  args = file=/etc/dovecot/auth.lua", "}", "");
            return withConfig(conf, LOOKUPS, d -> d.authTest("alice", "pw", RIP));
        }

        /**
         * {@code auth test -A OAUTHBEARER} of alice with a JWT for {@code email}: on 2.4 checked by
         * an oauth2 { } of introspection_mode = local (auth_debug on), on 2.3 by a passdb whose
         * password is that token.
         */
        Result oauth2Local(String email, long exp) throws Exception {
            return oauth2Local(email, exp, "");
        }

        /** {@link #oauth2Local(String, long)} with {@code scope} as oauth2's scope (none when empty). */
        Result oauth2Local(String email, long exp, String scope) throws Exception {
            return oauth2Local(email, exp, scope, "");
        }

        /** {@link #oauth2Local(String, long, String)} with {@code extra} lines inside oauth2 { } (e.g. fields { }). */
        Result oauth2Local(String email, long exp, String scope, String extra) throws Exception {
            String token = jwt(email, exp);
            String lua = passdb("dovecot.auth.PASSDB_RESULT_OK, {password = '" + token + "'}");
            if (!DovecotVersion.parse(version).has(Since.SETTINGS_24)) {
                // 2.3's doveadm has no -A: dovelua's own client, as a case file's mech:
                return withConfig("auth_mechanisms = plain oauthbearer\n" + nativeConfig("lua"), lua,
                        d -> d.authTest("alice", token, Map.of(), "OAUTHBEARER"));
            }
            Path key = dir.resolve("keys/default/HS256/default");
            Files.createDirectories(key.getParent());
            Files.writeString(key, java.util.Base64.getEncoder().encodeToString(JWT_SECRET));
            String conf = String.join("\n", "auth_debug = yes", "auth_mechanisms = plain oauthbearer", "oauth2 {",
                    "  introspection_mode = local", scope.isEmpty() ? "" : "  scope = " + scope, "  oauth2_local_validation {", "    dict fs {",
                    "      fs posix {", "        prefix = /etc/dovecot/keys/", "      }", "    }", "  }", extra, "}", "")
                    + nativeConfig("lua");
            return withConfig(conf, lua, d -> d.run(new org.dovelua.api.Command.AuthTest("alice", token,
                    java.util.List.of(), "OAUTHBEARER", null)));
        }

        /** auth test with {@code first} as the first passdb, then one accepting "pw". */
        Result twoPassdbs(String first) throws Exception {
            write("first.lua", first);
            String conf = nativeConfig("first").replace("auth.lua", "first.lua")
                    .replaceFirst("userdb", "passdb lua {\n  lua_file = /etc/dovecot/auth.lua\n}\nuserdb");
            return withConfig(conf, LOOKUPS, d -> d.authTest("alice", "pw", RIP));
        }

        /**
         * The result, and unless it is ok the worst line logged (panic, fatal, then error) without its
         * process and db prefix; for a config Dovecot refuses, what dovelua says.
         */
        String verdict(Result r) {
            if (r.exitCode() == 78 || r.exitCode() == 89) {
                return "config: " + r.stderr().strip();
            }
            for (String level : new String[] {"Panic", "Fatal", "Error"}) {
                String line = r.logs().stream().filter(l -> l.contains(": " + level + ": ")).findFirst().orElse(null);
                if (line != null) {
                    return r.result() + " / " + line.replaceFirst("^.*?: " + level + ": (lua(\\([^)]*\\))?: )?", level + ": ");
                }
            }
            return r.result();
        }

        /** The result and the reply's fields as the auth server sent them. */
        String fieldLines(Result r) {
            return r.result() + ": " + String.join(" ", r.fieldLines());
        }

        /** The first log line containing {@code text}. */
        String logged(String text, Result r) {
            return r.logs().stream().filter(l -> l.contains(text)).findFirst().orElse("(nothing logged)");
        }

        /** doveadm's exit code and output lines (stdout, then its own stderr lines), log lines left out. */
        String doveadm(Result r) {
            Stream<String> out = Stream.concat(r.stdout().lines(), r.stderr().lines().filter(l -> !r.logs().contains(l)));
            return Stream.concat(Stream.of("exit " + r.exitCode()), out.map(String::stripLeading))
                    .collect(Collectors.joining(" | "));
        }
    }
}
