package org.dovelua.version;

/**
 * The timeline: every rule that differs between Dovecot releases, one row each, with the first
 * release that has it (and, for the few that went away again, the first that no longer does).
 * Code asks {@code version.has(Since.ROW)} at the rule's site, so "what changes in 2.4.2?" is
 * answered by reading this table. Sources are the spec's timeline (§0.1) and the named C files;
 * rows marked "seen" were observed on real 2.3.19 or 2.4.1. {@code VersionTimelineTest} shows
 * each row's behaviour on both sides of its version.
 */
public enum Since {
    // ----- 2.3.x: the Lua driver grows (spec §0.1)
    REQUEST_LOG_ERROR_AND_PASSWORD_VERIFY(2, 3, 2,
            "req:log_error() and req:password_verify() exist", "auth-request-lua.c"),
    REQUEST_EVENT(2, 3, 7, "req:event() exists", "auth-request-lua.c"),
    VAR_TABLE_IP_AND_PORT_NAMES(2, 3, 13,
            "the variable table has local_ip, remote_ip, local_port, ... (req.local_ip)",
            "auth-request-var-expand.c"),
    SCRIPT_INIT_RETURNS_INTEGER(2, 3, 15,
            "script_init() must return an integer (lua_isinteger; before: any number)", "dlua-script.c"),
    SCRIPT_BODY_AFTER_DOVECOT_GLOBAL(2, 3, 16,
            "the chunk runs after `dovecot` is registered (before: at load time, without it)", "db-lua.c"),
    SCRIPT_INIT_NONZERO_FAILS(2, 3, 16,
            "any non-zero script_init() result fails (before: only a negative one)", "dlua-script.c"),
    DOVECOT_HTTP(2, 3, 19, "dovecot.http exists", "dlua-dovecot-http.c"),
    PASSWORD_VERIFY_RESULT_PASSED_ON(2, 3, 21,
            "the Lua, static and dict passdbs pass auth_request_password_verify()'s result on: invalid password"
                    + " data is an internal failure (before: every failure is a mismatch) (seen on 2.4.1; dict"
                    + " seen on 2.3.19)",
            "passdb-lua.c, passdb-static.c, passdb-dict.c"),
    UNKNOWN_SCHEME_NOT_AVAILABLE(2, 3, 21,
            "verifying against an unknown scheme is SCHEME_NOT_AVAILABLE (before: an error, -1)",
            "auth-request.c auth_request_password_verify"),
    TABLE_EXPORT_CHECKS_KEYS(2, 3, 21,
            "exported tables skip empty keys, keys with CR/LF/TAB and values of invalid type"
                    + " (before: \"\" for an invalid value)", "db-lua.c auth_lua_export_table"),

    // ----- 2.4.0: new settings, new template language, renamed members
    SETTINGS_24(2, 4, 0, "passdb/userdb lua take lua_file, lua_settings and *_use_worker (2.4 settings)",
            "passdb-lua.c"),
    PROXY_HOSTIP_CHECKED(2, 4, 0,
            "a host and a hostip that are both IPs must be the same address, else the request is an internal failure"
                    + " (\"host and hostip are both IPs, but they don't match\"); the proxy errors name \"proxy: \" in the"
                    + " request's own log line (before: no check; the errors logged without the request prefix)"
                    + " (seen on 2.3.19, 2.4.1, 2.4.5: cases 521-523)",
            "commits 4a4fc6c412, 8abf6373e6 auth-request.c auth_request_proxy_finish_ip, auth_request_proxy_finish"),
    DOVEADM_PROTOCOL_INFO(2, 4, 0,
            "doveadm's -x protocol= is the request's protocol, as -x service= is (seen on 2.4.1, case 238)",
            "doveadm-auth.c auth_user_info_parse_arg"),
    VAR_EXPAND_24(2, 4, 0,
            "templates are lib-var-expand's language over the 2.4 variable table;"
                    + " auth_username_format defaults to %{user | lower}", "src/lib-var-expand"),
    DICT_DRIVER_REMOVED(2, 4, 0,
            "there is no dict passdb/userdb driver: 'Unknown passdb driver 'dict'' at auth start (seen on 2.4.1)",
            "commit 27ca066716 'auth: Drop passdb/userdb dict', passdb.c passdb_preinit"),
    DB_NAMED_BY_SECTION(2, 4, 0, "passdb NAME { } names the db in log prefixes", "auth-settings.c"),
    SETTING_NAMES_FLAT(2, 4, 0,
            "dovecot.conf setting names are 2.4's flat names, tried with the enclosing filter's prefixes"
                    + " (known-settings-2.4.txt; before: 2.3's section paths, known-settings-2.3.txt) (seen)",
            "config-parser.c config_set_unknown_key_error"),
    AUTH_MECH_SCRAM_PLUS(2, 4, 0, "auth_mechanisms knows SCRAM-SHA-1-PLUS and SCRAM-SHA-256-PLUS",
            "mech.c mech_init"),
    SCRIPT_INIT_TAKES_SETTINGS(2, 4, 0,
            "script_init(lua_settings) is called with a table and its result ignored", "db-lua.c"),
    CACHE_KEY_FUNCTION_CHECKED(2, 4, 0,
            "auth_passdb/userdb_get_cache_key() runs at init, must return a string and is the db's auth cache key"
                    + " (before: the cache_key= argument) (seen on 2.4.1, cases 320-325)", "db-lua.c"),
    INIT_FAILURE_NAMES_STAGE(2, 4, 0,
            "an init failure names the stage (Lua script 'F', script_init(), ..._get_cache_key())",
            "db-lua.c"),
    HTTP_CLIENT_24_SETTINGS(2, 4, 0, "dovecot.http.client takes 2.4's setting names and syntax",
            "dlua-dovecot-http.c"),
    URI_ERRORS_NAME_CHARACTER(2, 4, 0,
            "http_url_parse()'s errors name the offending character ('c' or <0xNN>); before: a percent escape's"
                    + " printed raw, a path, query or fragment one's not at all (seen, cases 519, 520)",
            "uri-util.c uri_char_sanitize, commits 6dc0dd4220, 49fd6be9ff"),
    URI_HOST_PCT_CHECKED(2, 4, 0,
            "a percent escape a host name does not allow is 'Invalid percent encoding in hostname'; before: as a"
                    + " label's first character an error without text ('(null)'), later it ends the label (%2E is a"
                    + " dot) (seen, cases 519, 520)",
            "uri-util.c uri_do_parse_host_name, commit 79fbbd098b"),
    URI_IP_LITERAL_ADDR2IP(2, 4, 0,
            "an URL's [IP-literal] is read by net_addr2ip(): IPv4 forms and numeric scope ids too; before:"
                    + " inet_pton(AF_INET6) only (seen, cases 519, 520)",
            "uri-util.c uri_parse_ip_literal, commit b7f2bffbd2"),
    WORKER_REPLY_TEMPFAIL_ALONE(2, 4, 0,
            "an auth worker's userdb reply of only tempfail (no changed field) is read without a panic"
                    + " (before: an empty field key, auth-fields.c's assertion in the auth process)",
            "auth-worker-server.c"),
    STATIC_TEMPLATE_FAILURE_FAILS(2, 4, 0,
            "a userdb static template that fails to expand fails the lookup (before: a second callback, an auth panic)",
            "userdb-static.c"),
    PASSDB_NIL_SECOND_VALUE(2, 4, 0, "a passdb may return nil as its second value", "db-lua.c"),
    PASSWORD_VERIFY_REFUSES_NIL(2, 4, 0,
            "req:password_verify() raises for an argument lua_tostring() cannot read (nil, a table, a boolean)"
                    + " (before: the auth process crashes on it)",
            "auth-request-lua.c"),
    LOG_DEBUG_PER_EVENT(2, 4, 0,
            "req:log_debug() asks the request's event (before: the global auth_debug first)",
            "auth-request-lua.c"),
    LOG_PREFIX_24(2, 4, 0,
            "the request context moves before the level and the db prefix is the db name (seen)",
            "auth-request.c"),
    NOPASSWORD_WITHOUT_PASSWORD_CHECK(2, 4, 0,
            "nopassword clears any password (before: a non-empty one is an error: 'nopassword set but"
                    + " password is non-empty')", "auth-request.c auth_request_set_field"),
    FIELD_SUFFIX_DEFAULT(2, 4, 0, "the keep-existing field suffix is :default (before: :protected)",
            "auth-request-fields.c"),
    NOLOGIN_PROXY_VALUES_KEPT(2, 4, 0,
            "nologin and proxy keep their values in the reply (before: sent as bare keys) (seen)",
            "auth-request-handler.c"),
    WORKER_ABORT_NAMES_CONNECTION(2, 4, 0,
            "an aborted worker request adds ': Connection closed' (seen on 2.4.1)", "auth-worker-server.c"),
    ARGON2_SCHEME(2, 4, 0, "the ARGON2 scheme name exists", "password-scheme.c"),
    WEAK_SCHEMES_REFUSED(2, 4, 0, "weak schemes are refused unless auth_allow_weak_schemes=yes",
            "password-scheme.c"),
    DOVEADM_AUTH_TEST_TEMPFAIL_LOGGED(2, 4, 0,
            "doveadm auth test logs an internal failure instead of printing 'auth failed' (seen)",
            "doveadm-auth.c"),
    DOVEADM_HIDES_RESP(2, 4, 0, "doveadm auth test does not print the resp= field (seen)",
            "doveadm-auth.c"),
    DOVEADM_LOOKUP_FAILURE_LOGGED(2, 4, 0,
            "a failed lookup prints nothing and logs 'cmd ...: ... lookup failed for USER' (seen)",
            "doveadm-auth.c"),
    AUTH_FIELDS_VALUE_ALWAYS_SET(2, 4, 0,
            "an auth field keeps an empty value (key= in replies) and a field set without a value is \"yes\""
                    + " (before: p_strdup_empty, both a bare key) (seen, cases 347, 440-442)",
            "auth-fields.c auth_fields_add, auth_fields_append"),
    EXTRA_FIELDS_TAB_PER_FIELD(2, 4, 0,
            "a reply whose extra fields are all hidden has no empty field (auth_fields_append() puts a tab before"
                    + " each visible field; before: one tab for the list) (seen, cases 326/327)",
            "auth-fields.c, auth-request-handler.c, auth-master-connection.c"),
    USERDB_NOT_FOUND_NAMES_NO_DB(2, 4, 0,
            "a login's user that no userdb knows is logged 'user not found from any userdbs' without the db prefix"
                    + " (before: '<db>: user not found from userdb' with one userdb) (seen, cases 326/327)",
            "auth-request.c auth_request_userdb_callback"),
    OAUTH2_MECH_OWN_DB(2, 4, 0,
            "OAUTHBEARER and XOAUTH2 validate the token with the oauth2 settings (db-oauth2), not through the"
                    + " passdbs (before: the token is the password auth_request_verify_plain() checks)",
            "mech-oauth2.c"),
    AUTH_CLIENT_FINAL_RESP_OK(2, 4, 0,
            "the auth client sends final-resp-ok: a success's last SASL data (SCRAM's v=, DIGEST-MD5's rspauth) rides"
                    + " on OK as resp= (before: a CONT the client answers empty, then OK) (seen, cases 375/376)",
            "lib-auth-client auth-client-request.c, auth-request-handler.c auth_request_handler_reply"),
    DOVEADM_AUTH_SASL_MECH(2, 4, 0,
            "doveadm auth test/login take -A <SASL mechanism> (lib-sasl's client mechanisms; before: PLAIN only,"
                    + " -A an unknown option, exit 64) (seen, cases 370/372)", "doveadm-auth.c cmd_auth_init_sasl_client"),
    DOVEADM_LOGIN_USERDB_USER_LINE(2, 4, 0,
            "doveadm auth login prints 'userdb user: USER' before the extra fields (before: the user is the first"
                    + " extra field) (seen)", "doveadm-auth.c master_auth_callback"),
    DOVEADM_USER_MAIL_PATH_ROW(2, 4, 0,
            "doveadm user prints a mail_path row instead of the mail field (seen)", "doveadm-user.c"),
    AUTH_CLIENT_PROTOCOL_PARAMETER(2, 4, 0,
            "doveadm's AUTH and master requests name the service protocol=, AUTH always with final-resp-ok"
                    + " (before: service=, the flag only when asked) (seen, case 339)",
            "lib-auth-client/auth-client-request.c auth_server_send_new_request, auth-master.c auth_user_info_export"),
    CONNECTION_DEBUG_LINES(2, 4, 0,
            "the auth process logs its client, master and worker connections as lib's connection.c does: 'conn"
                    + " unix:NAME (pid=,uid=) [id]: Server accepted connection (fd=N)', 'Disconnected: ...', the"
                    + " worker's 'Connecting' and 'Worker sent process limit' (seen, case 339)",
            "lib/connection.c, auth-client-connection.c, auth-master-connection.c, auth-worker-connection.c"),
    FAILURE_DELAY_LOGGED(2, 4, 0,
            "a failed authentication logs 'delaying auth failure' or why it is not delayed (seen, case 339)",
            "auth-request-handler.c auth_request_want_failure_delay"),
    DOVECOT_CLOCK_FUNCTIONS(2, 4, 0,
            "dovecot.gettimeofday(), nanoseconds() and microseconds() exist (before: nil) (seen on 2.4.1 and 2.4.5,"
                    + " cases 470-472)",
            "commit b9e9139ba1 dlua-dovecot.c dlua_gettimeofday, dlua_nanoseconds, dlua_microseconds"),
    DOVECOT_STRING_FUNCTIONS(2, 4, 0,
            "dovecot.net_ip_family(), tabescape(), tabunescape() and split_tabescaped() exist (before: nil) (seen on"
                    + " 2.4.1 and 2.4.5, cases 470-472)",
            "commits 18af0faddd, 58f03fba7c dlua-dovecot.c; lib/net.c net_addr2ip, lib/strescape.c"),
    DOVECOT_DICT_DOVEADM_TABLES(2, 4, 0,
            "the dovecot table has dict (ITERATE_FLAG_* constants) and doveadm_client (DOVEADM_PROXY_TTL), as floats"
                    + " (before: neither) (seen on 2.4.1 and 2.4.5, cases 470-472)",
            "commits 1a5be791d6 dict-lua.c, 843d4f8184 doveadm-client-lua.c; dlua-dovecot.c dlua_dovecot_register"),
    VAR_EXPAND_CRYPT_BUILT_IN(2, 4, 0,
            "no var_expand_crypt auth module is loaded at start: the crypt filter is part of lib-var-expand"
                    + " (seen, case 339)",
            "lib-var-expand/expansion-filter-crypt.c (2.3: the plugins/var-expand-crypt auth module)"),
    SSL_IOSTREAM_DEBUG_LOG(2, 4, 0,
            "lib-ssl-iostream logs on the connection's event at debug ('HOST: ' prefixed): OpenSSL's handshake states"
                    + " ('SSL: where=0x1001, ret=1: SSLv3/TLS write client hello'), the server certificate's verdict"
                    + " ('Received valid SSL certificate: /CN=..', 'SSL error: Received invalid SSL certificate: ..'),"
                    + " alerts (before: an untrusted certificate's error at Info, nothing else) (seen on 2.3.19 and 2.4.1,"
                    + " cases 506-508)",
            "commit 799cafd42f iostream-openssl.c openssl_info_callback, openssl_iostream_set_error_full,"
                    + " openssl_iostream_verify_client_cert"),

    // ----- 2.4.1 and later
    NO_RESPONSE_FROM_TEMPLATE(2, 4, 1, "req:response_from_template() is gone", "auth-request-lua.c"),
    PASSDB_RETURN_TYPES_CHECKED(2, 4, 1,
            "a passdb's second value must be nil or a table on success, nil or a string on failure",
            "db-lua.c"),
    PASSDB_NO_FIELDS_ON_FAILURE(2, 4, 1, "a failing passdb result carries no fields, NEXT included",
            "db-lua.c"),
    VAR_EXPAND_STRAY_Y(2, 4, 1, 2, 4, 3,
            "var-expand-lexer.l's stray 'y' rule: a literal run that is exactly 'y' vanishes"
                    + " (x%{user}y%{user} is xalicealice) (seen on 2.4.1)",
            "var-expand-lexer.l"),
    OAUTH2_MECH_LIB_SASL(2, 4, 2,
            "OAUTHBEARER/XOAUTH2 are lib-sasl's: the gs2-header and kvpairs are parsed strictly, malformed input is"
                    + " invalid_request, an unknown user after a valid token is invalid_token, the failures are logged"
                    + " on the request's event (before: mech-oauth2.c, an unknown user succeeds)",
            "commit 54a493f012 sasl-server-mech-oauth2.c, auth-sasl-mech-oauth2.c"),
    LIB_SASL_REQUEST_LOG(2, 4, 2,
            "a SASL request logs lib-sasl's life cycle on its event 'sasl(<mech>): ' with auth_debug: Request create,"
                    + " Started interaction, Set authid, the passdb verification or credentials lookup, the challenges and"
                    + " responses, Interaction succeeded/failed, Request destroy; a mechanism's Info lines move to the"
                    + " request's event (seen on 2.4.5, case 490)",
            "commit 54a493f012 sasl-server-request.c, auth-sasl.c auth_sasl_request_output"),
    FAILURE_DATA_IN_FAIL(2, 4, 2,
            "a mechanism's failure with data (OAuth2's JSON status) is the FAIL's resp= for a final-resp-ok client,"
                    + " which doveadm's client mechanism refuses and CANCELs (before: a CONT the client answers)"
                    + " (seen on 2.4.5, case 432)",
            "sasl-server-request.c sasl_server_request_failure_with_reply, auth-request-handler.c"
                    + " auth_request_handler_reply_failure_finish"),
    AUTH_PENALTY_LOGGED(2, 4, 3,
            "the failure penalty lookup logs 'penalty(<remote ip>): Delaying response for N seconds' with auth_debug"
                    + " (seen on 2.4.5, cases 490/491)",
            "commits 31c9bc3550, 9c796636a2 auth-penalty.c auth_penalty_anvil_callback"),
    AUTH_TOKEN_LISTENER(2, 4, 3,
            "service auth has an auth-token listener, one more fd before the clients': client connections from fd 19,"
                    + " the worker's from 20 (seen on 2.4.5)",
            "commit d1a55ef013 auth-settings.c (auth-token unix_listener)"),
    SERVER_CONNECTION_EOF(2, 4, 3,
            "an accepted connection the peer closes logs 'Disconnected: EOF' (before: 'Connection closed') (seen on"
                    + " 2.4.5)",
            "commit cda0179ecb connection.c connection_disconnect_reason: client_connect_succeeded, never set on"
                    + " accepted connections, sends CONN_CLOSED to i_stream_get_error()"),
    AUTH_CLIENT_CANCELLED_REPLY(2, 4, 4,
            "the auth process answers a client's CANCEL with 'CANCELLED <id>' (seen on 2.4.5, case 432)",
            "commit e8afff5283 auth-request-handler.c auth_request_handler_cancel_request"),
    WORKER_ACCEPTS_ON_FD_8(2, 4, 5,
            "the auth worker accepts the auth process's connection on fd 8 (before: 12; the release between 2.4.1"
                    + " and 2.4.5 that changed it is not known) (seen on 2.4.5)",
            "auth-worker-server.c (seen)"),
    DOVEADM_SASL_HOST(2, 4, 2,
            "doveadm auth test/login give the SASL client a host (-x local_name, lip or localhost) and port (lport):"
                    + " OAUTHBEARER's initial response carries host=localhost (seen on 2.4.5, case 432)",
            "commit 8b4123cee1 doveadm-auth.c cmd_auth_init_sasl_client, dsasl-client-mech-oauthbearer.c"),
    OAUTH2_WORKER_TOKEN_FAILURE_LOGGED(2, 4, 2,
            "with oauth2 use_worker_with_mech, a token the worker refuses is logged on the worker's command event"
                    + " (auth-worker: Info|Error: oauth2 failed: ...) (before: the worker had dropped the request and"
                    + " dies of SIGSEGV after its reply, 'killed with signal 11') (seen on 2.4.1 and 2.4.5, cases 526, 527)",
            "commit a3e3f9bbbd auth-worker-server.c auth_worker_handle_token_continue"),
    PROXY_ALWAYS_REMOVED(2, 4, 2,
            "proxy_always is an ordinary field: proxy_maybe to this server drops the proxy fields and keeps it (before:"
                    + " it is dropped too and proxy is added) (seen on 2.4.5, case 497)",
            "commit a8ac1c1307 auth-request.c auth_request_proxy_finish_ip"),
    OAUTH2_TOKEN_EXTRA_FIELD(2, 4, 0, 2, 4, 3,
            "a token the oauth2 settings accept is set as the request's extra field token= (seen on 2.4.1)",
            "mech-oauth2.c mech_oauth2_verify_token_local_continue, auth-sasl-mech-oauth2.c"),
    OAUTH2_TOKEN_EXPIRE_GRACE(2, 4, 2,
            "local JWT validation allows oauth2_token_expire_grace (60s) after exp and 1s of clock skew, and its"
                    + " time errors name the values; doveconf knows the setting (before: none, plain texts, 'Unknown"
                    + " setting: oauth2_token_expire_grace') (setting seen on 2.4.1 and 2.4.5, cases 475/476)",
            "commit 76dbb7ecd8 oauth2-jwt.c oauth2_jwt_body_process, db-oauth2.c"),
    OAUTH2_FIELDS_TOKEN_VARIABLE(2, 4, 3,
            "oauth2_fields templates have %{token} and %{user} is the validated username, and %{oauth2:NAME} for a"
                    + " field the reply lacks is the error \"oauth2: Field 'NAME' not found\" (before: no token variable,"
                    + " and the missing field panics the auth process; seen on 2.4.1 and 2.4.5)",
            "db-oauth2.c db_oauth2_add_extra_fields, db_oauth2_var_expand_func_oauth2"),
    OAUTH2_FAILURE_SCOPE_SETTING(2, 4, 4,
            "the OAuth2 failure challenge's scope is the oauth2_scope setting (before: always mail)",
            "commit 5e58e9c7ba sasl-server-mech-oauth2.c oauth2_fail"),
    VAR_TABLE_SSL_CLIENT_CERT(2, 4, 2, "the variable table has ssl_client_cert_fp and _pubkey_fp",
            "auth-request-var-expand.c"),
    WEAK_SCHEME_HINT(2, 4, 2, "the weak-scheme refusal adds (Set auth_allow_weak_schemes=yes to allow)",
            "password-scheme.c"),
    DOVECOT_BASE64(2, 4, 2,
            "dovecot.base64.encode() and .decode() exist (base64.c; decode keeps what it read before bad input)"
                    + " (seen on 2.4.5, cases 400-403)",
            "commit a8ebc8c05a dlua-dovecot.c dlua_base64_encode/decode"),
    DOVECOT_VAR_EXPAND(2, 4, 2,
            "dovecot.var_expand(template) exists: var_expand() without a variable table, only the global providers"
                    + " (errors 'failed to expand '%s': %s') (seen on 2.4.5, cases 404-406)",
            "commit ae6abc859b dlua-dovecot.c dlua_var_expand"),
    HTTP_CLIENT_DNS_SETTINGS(2, 4, 2,
            "dovecot.http.client takes lib-dns-client's dns_client_socket_path, dns_client_timeout and base_dir, read"
                    + " at the host lookup (before: dns_client_socket_path is an http_client setting, the others unknown)"
                    + " (seen on 2.4.5, cases 410/411)",
            "commit dd6f9b3a3f dns-client-settings.c, dlua-dovecot-http.c parse_client_settings, http-client-host.c"),
    DEFAULT_SCHEME_CRYPT(2, 4, 3, "passdb_default_password_scheme defaults to CRYPT (before: PLAIN)",
            "passdb-lua.c"),
    DOVEADM_AUTH_FAILURE_REASON(2, 4, 3,
            "doveadm auth test/login print the failure's reason: 'passdb: USER auth failed: REASON' and 'internal auth"
                    + " failure: REASON' (the reply's reason=, else 'Authentication failed') (seen on 2.4.5)",
            "commit abbaab01cc doveadm-auth.c auth_callback, lib-auth-client/auth-client-request.c"),
    VAR_EXPAND_SWITCH(2, 4, 3,
            "the var-expand switch(lhs, op, cond, value, ..., default) filter exists (before: 'No such function')"
                    + " (seen on 2.4.5, case 407)",
            "commit a1ecade1f1 expansion-filter-if.c expansion_filter_switch"),
    HTTP_REQUEST_EVENT(2, 4, 3,
            "dovecot.http requests have set_event(event) and get_event(); the request's event (log prefix"
                    + " 'request [ReqN: METHOD URL]: ') is a child of the given event (seen on 2.4.5, case 408)",
            "commit b98b7e1189 dlua-dovecot-http.c, http-client-request.c http_client_request_set_event"),
    VAR_EXPAND_SAFE(2, 4, 1,
            "the var-expand safe filter exists (before: 'No such function'); upstream 2.4.3, in Debian's 2.4.1+dfsg1-6+deb13u7"
                    + " as a security fix (seen on 2.4.1, case 473)",
            "commit 4049b0a8d5 expansion-filter.c fn_safe"),
    VAR_EXPAND_SAFE_LAST(2, 4, 5,
            "the safe filter anywhere but last fails: 'safe filter must be last in the filter chain' (seen on 2.4.5, case 474)",
            "commit 15431fee93 expansion-filter.c fn_safe"),
    VAR_EXPAND_ESCAPE(2, 4, 5,
            "the var-expand escape filter exists: the value through the escape function (an auth request's escape_none()"
                    + " trips an assertion) (before: 'No such function') (seen on 2.4.5, case 474)",
            "commit 0215055774 expansion-filter.c fn_escape"),
    VAR_EXPAND_TIME_FILTERS(2, 4, 5,
            "the var-expand filters epoch, from_epoch, date, iso8601 and the time:unix provider exist (before: 'No such"
                    + " function', 'time: Unsupported key 'unix'') (seen on 2.4.5, case 474)",
            "commits 97d5041edb var-expand.c, 6301da2bde, e7f78e19c5, 6ba7c76a70, 483eda8167 expansion-filter.c"),
    JSON_LITERAL_ERROR_SPELLING(2, 4, 5,
            "lib-json's literal error reads 'but encountered' (before: 'but encounted') (seen on 2.4.5, case 421)",
            "json-parser.c json_parser_do_parse_literal"),
    VAR_EXPAND_POSITIVE_DIVISOR(2, 4, 4,
            "calculate's / and % refuse a divisor <= 0: 'Division must be by positive integer' (before: only 0,"
                    + " 'Division by zero') (seen on 2.4.5, case 359)",
            "commit 4bf05ba62c expansion-filter.c fn_calculate"),
    DOVEADM_SASL_CRAM_DIGEST(2, 4, 2,
            "doveadm auth test/login -A take CRAM-MD5 and DIGEST-MD5 (lib-sasl's client mechanisms; before: 'SASL"
                    + " mechanism ... not supported by client', exit 75) (seen on 2.4.5, case 514)",
            "commits 60c9025598 dsasl-client-mech-cram-md5.c, ff03ede33e dsasl-client-mech-digest-md5.c"),
    DIGEST_MD5_NO_EMPTY_REALM(2, 4, 2,
            "DIGEST-MD5's challenge has no realm=\"\" when auth_realms is empty (before: realm=\"\", first) (seen on"
                    + " 2.4.1 and 2.4.5, cases 376/514)",
            "sasl-server-mech-digest-md5.c get_digest_challenge, auth-sasl.c settings_boollist_get(&set->realms)"),
    SSL_NO_SHUTDOWN_AFTER_FAILED_HANDSHAKE(2, 4, 2,
            "a TLS handshake that failed (an untrusted certificate) is not shut down: no 'SSL alert: close notify'"
                    + " (before: SSL_shutdown() sends it) (from the source; seen before it on 2.4.1, case 507)",
            "commit ea080c1778 iostream-openssl.c openssl_iostream_shutdown"),
    // ----- doveconf's setting names after the generated 2.4.1 list (KnownSettings), per release
    SETTING_NAMES_242(2, 4, 2,
            "doveconf knows acl_dict_index, auth_master_socket_path, dns_client_timeout, imap4rev2_enable,"
                    + " ssl_peer_certificate_fingerprint_hash, sieve_extlists_list_name and"
                    + " sieve_extlists_list_max_lookup_size, and no longer http_client_dns_client_socket_path (before:"
                    + " the reverse, 'Unknown setting') (seen on 2.4.1 and 2.4.5, cases 510/511)",
            "commits bae7fe4694 acl-settings.c, b8cec2cb59 master-service-settings.c, dd6f9b3a3f"
                    + " dns-client-settings.c http-client-settings.c, 8ce74f1afb imap-settings.c, 6c0b7b0863"
                    + " ssl-settings.c; pigeonhole aa74b4a7 ext-extlists-settings.c"),
    SETTING_NAMES_243(2, 4, 3,
            "doveconf knows mailbox_list_normalize_names_to_nfc and no longer acl_global_path (before: the"
                    + " reverse) (seen on 2.4.1 and 2.4.5, cases 510/511)",
            "commits d346ca9829 mail-storage-settings.c, 1b9aa8885c acl-settings.c"),
    SETTING_NAMES_244(2, 4, 4,
            "reuse_port is a service setting: doveconf knows service_reuse_port and no longer"
                    + " inet_listener_reuse_port (before: the reverse) (seen on 2.4.1 and 2.4.5, cases 510/511)",
            "commit e14af2c2ff master-settings.c"),
    SETTING_NAMES_245(2, 4, 5,
            "doveconf knows last_login_dict_fields, sieve_notify_max_notifications,"
                    + " sieve_notify_mailto_max_headers and sieve_notify_mailto_max_recipients, and no longer"
                    + " passdb_sql_update_query (before: the reverse) (seen on 2.4.1 and 2.4.5, cases 510/511)",
            "commits 1e3228d636 last-login-plugin.c, 476f6c4058 passdb-sql.c (main after 2.4.4); pigeonhole"
                    + " 5769d114 ext-enotify-settings.c, e2b4c28f and 3d147eaa ntfy-mailto-settings.c");

    private final DovecotVersion since;
    private final DovecotVersion until;
    private final String rule;
    private final String source;

    Since(int major, int minor, int patch, String rule, String source) {
        this(major, minor, patch, 0, 0, 0, rule, source);
    }

    Since(int major, int minor, int patch, int untilMajor, int untilMinor, int untilPatch, String rule,
            String source) {
        this.since = DovecotVersion.of(major, minor, patch);
        this.until = untilMajor == 0 ? null : DovecotVersion.of(untilMajor, untilMinor, untilPatch);
        this.rule = rule;
        this.source = source;
    }

    /** Whether release {@code v} has this rule. */
    boolean in(DovecotVersion v) {
        return v.compareTo(since) >= 0 && (until == null || v.compareTo(until) < 0);
    }

    /** The first release with the rule. */
    public DovecotVersion since() {
        return since;
    }

    /** The first release without it again, or null while it still holds. */
    public DovecotVersion until() {
        return until;
    }

    /** The release just before {@link #since()}: 2.3.21 for a 2.4.0 rule, x.y.(z-1) otherwise. */
    public DovecotVersion lastWithout() {
        return since.previous();
    }

    /** What the rule is, in a sentence. */
    public String rule() {
        return rule;
    }

    /** The Dovecot source file (or observation) the row rests on. */
    public String source() {
        return source;
    }
}
