package org.dovelua.migrate;

import java.util.EnumMap;
import java.util.Map;
import org.dovelua.version.Since;

/**
 * For each row of the version table that can change a script's answer, the edit that keeps the
 * old release's behaviour under the new one (or that none exists). Sources: docs-2.4's upgrade
 * notes (docs/installation/upgrade/2.3-to-2.4.md, include/2.4-lua-auth-variables.inc,
 * include/2.4-var-expand.inc) and the rows' own C files, as the spec (§0.1, §2.2, §5) cites them.
 */
public final class MigrationHints {
    /** What a row without an edit of its own gets. */
    public static final String NO_EDIT = "behaviour change; no script edit keeps the old behaviour";

    private static final Map<Since, String> HINTS = new EnumMap<>(Since.class);

    static {
        // auth-request-var-expand.c@2.4: service, mech, pid, lip/rip/... are gone from the table (spec §5.2)
        hint(Since.VAR_EXPAND_24, "request members follow 2.4's variable table: req.service -> req.protocol,"
                + " req.mech -> req.mechanism, req.pid -> req.client_pid, req.rip/lip/rport/lport ->"
                + " req.remote_ip/local_ip/remote_port/local_port (these work since 2.3.13); req.username,"
                + " req.domain -> req:var_expand(\"%{user | username}\"), req:var_expand(\"%{user | domain}\");"
                + " templates use 2.4's language (%n -> %{user | username}, %d -> %{user | domain}, %s -> %{protocol});"
                + " for both releases: local protocol = req.protocol or req.service");
        // dlua-dovecot-http.c@2.4 reads lib-http's 2.4 settings: names without _msecs, times as strings
        hint(Since.HTTP_CLIENT_24_SETTINGS, "dovecot.http.client{} takes 2.4 setting names with units:"
                + " timeout/request_timeout_msecs=5000 -> request_timeout = \"5s\", connect_timeout_msecs ->"
                + " connect_timeout = \"...ms\", request_absolute_timeout_msecs -> request_absolute_timeout,"
                + " max_attempts -> request_max_attempts, max_redirects -> request_max_redirects,"
                + " no_auto_redirect/no_auto_retry = true -> auto_redirect/auto_retry = false; debug is gone");
        // db-lua.c@2.4.1 auth_lua_call_password_verify_... checks the second value's type
        hint(Since.PASSDB_RETURN_TYPES_CHECKED, "return a table of fields on success"
                + " (return dovecot.auth.PASSDB_RESULT_OK, {user = u, password = p}) instead of a \"k=v k=v\""
                + " string, and nil or a message string on failure");
        hint(Since.PASSDB_NO_FIELDS_ON_FAILURE, "2.4.1 drops the fields of a failing passdb result (nologin,"
                + " reason, proxy fields included): " + NO_EDIT + "; log what you need before returning");
        // db-lua.c@2.4 auth_lua_script_init: script_init(lua_settings), result ignored
        hint(Since.SCRIPT_INIT_TAKES_SETTINGS, "define script_init(args): 2.4 passes the block's lua_settings {}"
                + " as a table and ignores the result, so fail with error(\"...\") instead of returning non-zero,"
                + " and read settings from args (lua_settings { key = value } in dovecot.conf)");
        hint(Since.NO_RESPONSE_FROM_TEMPLATE, "req:response_from_template(t) is gone in 2.4.1: build the table"
                + " yourself, each value through req:var_expand() (e.g. {user = req:var_expand(\"%{user}\")})");
        // auth-request.c@2.3 auth_request_set_field: "nopassword set but password is non-empty"
        hint(Since.NOPASSWORD_WITHOUT_PASSWORD_CHECK, "return nopassword or password, not both: 2.3 refused"
                + " the pair ('nopassword set but password is non-empty'), 2.4 drops the password");
        hint(Since.FIELD_SUFFIX_DEFAULT, "rename fields ending in :protected to :default (e.g. quota_rule:protected"
                + " -> quota_rule:default)");
        // password-scheme.c@2.4 password_scheme_is_weak
        hint(Since.WEAK_SCHEMES_REFUSED, "set auth_allow_weak_schemes = yes in dovecot.conf, or store the"
                + " passwords with a strong scheme ({CRYPT}, {SHA512-CRYPT}, {ARGON2ID})");
        hint(Since.WEAK_SCHEME_HINT, "the refusal's log text only: update log expectations; no script edit");
        hint(Since.DEFAULT_SCHEME_CRYPT, "set passdb_default_password_scheme = PLAIN in the passdb block, or give"
                + " the passwords a {SCHEME} prefix ({PLAIN}secret)");
        hint(Since.LOG_PREFIX_24, "log expectations change (the request context moves before the level, the db"
                + " prefix is the db name); no script edit");
        hint(Since.DB_NAMED_BY_SECTION, "log expectations change (the db's name is its prefix); no script edit");
        hint(Since.SETTINGS_24, "convert dovecot.conf: passdb { driver = lua args = file=F blocking=yes } ->"
                + " passdb lua { lua_file = F } (the converted block is printed above)");
        hint(Since.SETTING_NAMES_FLAT, "convert dovecot.conf to 2.4's setting names (the converted config is"
                + " printed above; dovecot_config_version = 2.4.x first)");
        // commit 27ca066716 'auth: Drop passdb/userdb dict'
        hint(Since.DICT_DRIVER_REMOVED, "2.4 has no dict passdb/userdb: move the lookup into a Lua passdb/userdb"
                + " (or sql/ldap); no config edit keeps the dict driver");
        hint(Since.CACHE_KEY_FUNCTION_CHECKED, "make auth_passdb_get_cache_key()/auth_userdb_get_cache_key() return"
                + " a string (they run at init in 2.4)");
        hint(Since.PASSWORD_VERIFY_REFUSES_NIL, "check the value before req:password_verify(): 2.4 raises for nil,"
                + " a table or a boolean (2.3's auth process crashed on it)");
        hint(Since.SCRIPT_INIT_RETURNS_INTEGER, "return 0 (an integer) from script_init()");
        hint(Since.OAUTH2_MECH_OWN_DB, "2.4 checks OAUTHBEARER/XOAUTH2 tokens with its oauth2 settings, not the"
                + " passdbs: configure oauth2 { } (introspection or local JWT validation) for the token check; the passdbs are"
                + " then only looked up for the user's fields");
        for (Since doveadm : new Since[] {Since.DOVEADM_AUTH_TEST_TEMPFAIL_LOGGED, Since.DOVEADM_HIDES_RESP,
                Since.DOVEADM_LOOKUP_FAILURE_LOGGED, Since.DOVEADM_USER_MAIL_PATH_ROW, Since.DOVEADM_PROTOCOL_INFO,
                Since.NOLOGIN_PROXY_VALUES_KEPT, Since.WORKER_ABORT_NAMES_CONNECTION, Since.DOVEADM_AUTH_SASL_MECH,
                Since.AUTH_CLIENT_FINAL_RESP_OK, Since.DOVEADM_AUTH_FAILURE_REASON, Since.AUTH_CLIENT_PROTOCOL_PARAMETER,
                Since.CONNECTION_DEBUG_LINES, Since.FAILURE_DELAY_LOGGED, Since.VAR_EXPAND_CRYPT_BUILT_IN,
                Since.OAUTH2_MECH_LIB_SASL, Since.OAUTH2_TOKEN_EXTRA_FIELD, Since.OAUTH2_TOKEN_EXPIRE_GRACE,
                Since.OAUTH2_FAILURE_SCOPE_SETTING, Since.JSON_LITERAL_ERROR_SPELLING}) {
            hint(doveadm, "what doveadm and the log show changes: update expectations; no script edit");
        }
    }

    private MigrationHints() {
    }

    private static void hint(Since row, String text) {
        HINTS.put(row, text);
    }

    /** The edit that keeps the old behaviour under {@code row}, or {@link #NO_EDIT}. */
    public static String hint(Since row) {
        return HINTS.getOrDefault(row, NO_EDIT);
    }

    /** Whether {@code row} has an edit of its own (not {@link #NO_EDIT}). */
    public static boolean hasOwnHint(Since row) {
        return HINTS.containsKey(row);
    }
}
