package org.dovelua.lua.http;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.dovelua.lua.LuaNumbers;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The settings a script passes to {@code dovecot.http.client{...}}: 2.3's typed Lua fields
 * ({@code parse_client_settings} in 2.3.19 src/lib-lua/dlua-dovecot-http.c) or 2.4's setting
 * names and string syntax ({@code http_client_*} of src/lib-http/http-client-settings.c, parsed
 * as src/lib/str-parse.c does). Times are kept in milliseconds; 0 means lib-http's default.
 */
public final class HttpClientSettings {
    /** A bad setting; the message is what follows {@code Invalid HTTP client setting: }. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public String userAgent;
    public String proxyUrl;
    public boolean autoRedirect = true;
    public boolean autoRetry = true;
    public long maxRedirects;
    public long maxAttempts;
    public long requestAbsoluteTimeoutMsecs;
    public long requestTimeoutMsecs;
    public long connectTimeoutMsecs;
    public long maxAutoRetryDelaySecs;
    /**
     * {@code max_idle_time_msecs}: how long an idle connection is kept (0: until the client goes),
     * shown by lib-http's idle line; set by db-oauth2's client (60 s), not yet read from a script's.
     */
    public long maxIdleTimeMsecs;
    public boolean debug;
    /** 2.4: the client's own {@code ssl_client_ca_file} (null: the global one), for {@link TlsTrust}. */
    public String sslClientCaFile;
    /** 2.4 only: the string each recognised key was given (for diagnostics and tests). */
    public final Map<String, String> given24 = new java.util.LinkedHashMap<>();
    /** 2.4.2+: the lib-dns-client settings given ({@link DnsClientSettings}), unparsed. */
    public final Map<String, String> dnsOverrides = new java.util.LinkedHashMap<>();

    /** lib-http's default for {@code request_timeout_msecs = 0} (http-client.c). */
    public static final long DEFAULT_REQUEST_TIMEOUT_MSECS = 60_000;

    public long effectiveRequestTimeout() {
        return requestTimeoutMsecs == 0 ? DEFAULT_REQUEST_TIMEOUT_MSECS : requestTimeoutMsecs;
    }

    /** {@code connect_timeout_msecs = 0} falls back to the request timeout (http-client-peer.c). */
    public long effectiveConnectTimeout() {
        return connectTimeoutMsecs == 0 ? effectiveRequestTimeout() : connectTimeoutMsecs;
    }

    // ---- 2.3 -------------------------------------------------------------------------------

    private interface Field23 {
        void set(HttpClientSettings s, LuaValue v);
    }

    /**
     * 2.3.19 reads these keys in this order (the first bad one is reported); other keys are
     * ignored. {@code dlua_table_get_string_by_str} wants a real string (a number is an error),
     * {@code dlua_table_get_uint_by_str} an integer in 0..UINT_MAX, {@code _bool_} a boolean.
     */
    public static HttpClientSettings parse23(LuaTable t, Predicate<LuaValue> isEvent) throws Invalid {
        HttpClientSettings s = new HttpClientSettings();
        str(t, "user_agent", (x, v) -> x.userAgent = v.tojstring());
        str(t, "rawlog_dir", (x, v) -> { });
        uint(t, "max_idle_time_msecs", (x, v) -> { });
        bool(t, "no_auto_redirect", (x, v) -> x.autoRedirect = !v.toboolean(), s);
        bool(t, "no_auto_retry", (x, v) -> x.autoRetry = !v.toboolean(), s);
        uint(t, "max_redirects", (x, v) -> x.maxRedirects = v.tolong(), s);
        uint(t, "max_attempts", (x, v) -> x.maxAttempts = v.tolong(), s);
        uint(t, "max_connect_attempts", (x, v) -> { }, s);
        uint(t, "connect_backoff_time_msecs", (x, v) -> { }, s);
        uint(t, "connect_backoff_max_time_msecs", (x, v) -> { }, s);
        uint(t, "request_absolute_timeout_msecs", (x, v) -> x.requestAbsoluteTimeoutMsecs = v.tolong(), s);
        uint(t, "request_timeout_msecs", (x, v) -> x.requestTimeoutMsecs = v.tolong(), s);
        uint(t, "connect_timeout_msecs", (x, v) -> x.connectTimeoutMsecs = v.tolong(), s);
        uint(t, "soft_connect_timeout_msecs", (x, v) -> { }, s);
        uint(t, "max_auto_retry_delay_secs", (x, v) -> x.maxAutoRetryDelaySecs = v.tolong(), s);
        bool(t, "debug", (x, v) -> x.debug = v.toboolean(), s);
        s.userAgent = stringOrNull(t, "user_agent");
        LuaValue proxy = t.get("proxy_url");
        if (proxy.type() == LuaValue.TSTRING) { // only a string is parsed; anything else is ignored
            // 2.3's dlua: http_url_parse(proxy_url, NULL, HTTP_URL_ALLOW_USERINFO_PART), 2.3's uri-util.c
            String err = HttpUrls.parseError(proxy.tojstring(), HttpUrlParser.Rules.V23,
                    HttpUrlParser.Flag.ALLOW_USERINFO_PART);
            if (err != null) {
                throw new Invalid("proxy_url is invalid: " + err);
            }
            s.proxyUrl = proxy.tojstring();
        }
        LuaValue parent = t.get("event_parent");
        if (!parent.isnil() && isEvent != null && !isEvent.test(parent)) {
            throw new Invalid("event_parent: event expected");
        }
        return s;
    }

    private static String stringOrNull(LuaTable t, String key) {
        LuaValue v = t.get(key);
        return v.type() == LuaValue.TSTRING ? v.tojstring() : null;
    }

    private static void str(LuaTable t, String key, Field23 f) throws Invalid {
        LuaValue v = t.get(key);
        if (!v.isnil() && v.type() != LuaValue.TSTRING) {
            throw new Invalid(key + ": string expected");
        }
    }

    private static void uint(LuaTable t, String key, Field23 f) throws Invalid {
        uint(t, key, f, null);
    }

    private static void uint(LuaTable t, String key, Field23 f, HttpClientSettings s) throws Invalid {
        LuaValue v = t.get(key);
        if (v.isnil()) {
            return;
        }
        Long n = v.type() == LuaValue.TNUMBER ? LuaNumbers.toInteger(v) : null;
        if (n == null || n < 0 || n > 0xFFFF_FFFFL) {
            throw new Invalid(key + ": non-negative number expected");
        }
        if (s != null) {
            f.set(s, LuaValue.valueOf(n));
        }
    }

    private static void bool(LuaTable t, String key, Field23 f, HttpClientSettings s) throws Invalid {
        LuaValue v = t.get(key);
        if (v.isnil()) {
            return;
        }
        if (!v.isboolean()) {
            throw new Invalid(key + ": boolean expected");
        }
        f.set(s, v);
    }

    // ---- 2.4 -------------------------------------------------------------------------------

    private enum Type { STR, UINT, BOOL, TIME_MSECS, TIME_SECS, SIZE }

    /** {@code http_client_setting_defines} (2.4 src/lib-http/http-client-settings.c). */
    private static final Map<String, Type> SETTINGS_24 = Map.ofEntries(
            Map.entry("dns_client_socket_path", Type.STR), Map.entry("dns_ttl", Type.TIME_MSECS),
            Map.entry("user_agent", Type.STR), Map.entry("proxy_socket_path", Type.STR),
            Map.entry("proxy_url", Type.STR), Map.entry("proxy_username", Type.STR),
            Map.entry("proxy_password", Type.STR), Map.entry("rawlog_dir", Type.STR),
            Map.entry("max_idle_time", Type.TIME_MSECS), Map.entry("max_parallel_connections", Type.UINT),
            Map.entry("max_pipelined_requests", Type.UINT), Map.entry("auto_redirect", Type.BOOL),
            Map.entry("auto_retry", Type.BOOL), Map.entry("proxy_ssl_tunnel", Type.BOOL),
            Map.entry("request_max_redirects", Type.UINT), Map.entry("request_max_attempts", Type.UINT),
            Map.entry("read_request_max_attempts", Type.UINT), Map.entry("write_request_max_attempts", Type.UINT),
            Map.entry("delete_request_max_attempts", Type.UINT), Map.entry("max_connect_attempts", Type.UINT),
            Map.entry("connect_backoff_time", Type.TIME_MSECS), Map.entry("connect_backoff_max_time", Type.TIME_MSECS),
            Map.entry("response_hdr_max_size", Type.SIZE), Map.entry("response_hdr_max_field_size", Type.SIZE),
            Map.entry("response_hdr_max_fields", Type.UINT), Map.entry("request_absolute_timeout", Type.TIME_MSECS),
            Map.entry("request_timeout", Type.TIME_MSECS), Map.entry("read_request_timeout", Type.TIME_MSECS),
            Map.entry("write_request_timeout", Type.TIME_MSECS), Map.entry("delete_request_timeout", Type.TIME_MSECS),
            Map.entry("connect_timeout", Type.TIME_MSECS), Map.entry("soft_connect_timeout", Type.TIME_MSECS),
            Map.entry("max_auto_retry_delay", Type.TIME_SECS), Map.entry("socket_send_buffer_size", Type.SIZE),
            Map.entry("socket_recv_buffer_size", Type.SIZE));

    /** The client-side SSL settings 2.4 accepts under their own names (ssl-settings.c). */
    private static final java.util.Set<String> SSL_24 = java.util.Set.of("ssl", "ssl_client_ca_file",
            "ssl_client_ca_dir", "ssl_client_cert_file", "ssl_client_key_file", "ssl_client_key_password",
            "ssl_client_require_valid_cert", "ssl_cipher_list", "ssl_cipher_suites", "ssl_curve_list",
            "ssl_min_protocol", "ssl_crypto_device", "ssl_options", "ssl_peer_certificate_fingerprint_hash");

    /**
     * 2.4: every key (but {@code event_parent}) must be {@code http_client_<key>} or an SSL setting;
     * values are {@code lua_tostring}'d and parsed with the settings syntax. Keys are visited in
     * the table's iteration order ({@code lua_next}), so the first bad one found is reported.
     */
    public static HttpClientSettings parse24(LuaTable t) throws Invalid {
        return parse24(t, false);
    }

    /**
     * @param dnsClientSettings 2.4.2+: {@code dns_client_socket_path} is no longer an http_client
     * setting; it, {@code dns_client_timeout} and {@code base_dir} are lib-dns-client's, kept as
     * overrides in {@link #dnsOverrides} ({@link DnsClientSettings})
     */
    public static HttpClientSettings parse24(LuaTable t, boolean dnsClientSettings) throws Invalid {
        return parse24(t, dnsClientSettings, HttpUrlParser.Rules.V24);
    }

    /** @param urlRules the release's http_url_parse(), for the settings check of {@code proxy_url} */
    public static HttpClientSettings parse24(LuaTable t, boolean dnsClientSettings, HttpUrlParser.Rules urlRules)
            throws Invalid {
        HttpClientSettings s = new HttpClientSettings();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            String key = k.tojstring();
            if (key.equals("event_parent")) {
                continue;
            }
            LuaValue v = n.arg(2);
            String value = v.isstring() ? v.tojstring() : v.isboolean() ? null : v.tojstring();
            Type type = SETTINGS_24.get(key);
            if (dnsClientSettings && key.equals("dns_client_socket_path")) {
                type = null; // 2.4.2 moved it from http-client-settings.c to dns-client-settings.c
            }
            if (type == null) {
                if (SSL_24.contains(key)) {
                    if (key.equals("ssl_client_ca_file")) {
                        s.sslClientCaFile = value; // read when a TLS connection is made (TlsTrust)
                    }
                    continue; // the others are evaluated lazily by lib-ssl-iostream
                }
                if (dnsClientSettings && DnsClientSettings.NAMES.contains(key)) {
                    s.dnsOverrides.put(key, value == null ? "" : value); // read at the host lookup
                    continue;
                }
                throw new Invalid(key + " is unknown setting");
            }
            if (value == null) {
                value = "";
            }
            s.given24.put(key, value);
            apply24(s, key, type, value);
        }
        // http-client-settings.c http_client_settings_check(), once every override parsed: only its
        // proxy_url check is emulated (http_url_parse(url, NULL, 0); seen on 2.4.1, case 525)
        if (s.proxyUrl != null && !s.proxyUrl.isEmpty()) {
            String err = HttpUrls.parseError(s.proxyUrl, urlRules);
            if (err != null) {
                throw new Invalid("http_client settings: Invalid settings: Invalid http_client_proxy_url: " + err);
            }
        }
        return s;
    }

    private static void apply24(HttpClientSettings s, String key, Type type, String value) throws Invalid {
        // 2.4.1 hands the values to the settings parser as hardcoded overrides of http_client_*
        // (seen on 2.4.1, differential case 215)
        String prefix = "http_client settings: Failed to parse configuration: Failed to override configuration "
                + "from hardcoded: Invalid http_client_" + key + "=" + value + ": ";
        try {
            switch (type) {
                case BOOL: {
                    boolean b = bool24(value);
                    if (key.equals("auto_redirect")) {
                        s.autoRedirect = b;
                    } else if (key.equals("auto_retry")) {
                        s.autoRetry = b;
                    }
                    break;
                }
                case UINT: {
                    long n = uint24(value);
                    if (key.equals("request_max_redirects")) {
                        s.maxRedirects = n;
                    } else if (key.equals("request_max_attempts")) {
                        s.maxAttempts = n;
                    }
                    break;
                }
                case TIME_MSECS: {
                    long ms = interval(value, true);
                    switch (key) {
                        case "request_timeout" -> s.requestTimeoutMsecs = ms;
                        case "connect_timeout" -> s.connectTimeoutMsecs = ms;
                        case "request_absolute_timeout" -> s.requestAbsoluteTimeoutMsecs = ms;
                        default -> { }
                    }
                    break;
                }
                case TIME_SECS:
                    s.maxAutoRetryDelaySecs = interval(value, false);
                    break;
                case SIZE:
                    size(value);
                    break;
                default:
                    if (key.equals("user_agent")) {
                        s.userAgent = value;
                    } else if (key.equals("proxy_url")) {
                        s.proxyUrl = value;
                    }
            }
        } catch (Invalid e) {
            throw new Invalid(prefix + e.getMessage());
        }
    }

    /** {@code str_parse_get_bool} (2.4 src/lib/str-parse.c). */
    static boolean bool24(String v) throws Invalid {
        String l = v.toLowerCase(Locale.ROOT);
        if (l.equals("yes") || l.equals("y") || v.equals("1")) {
            return true;
        }
        if (l.equals("no")) {
            return false;
        }
        throw new Invalid("Invalid boolean value: " + v + " (use yes or no)");
    }

    /** {@code settings_parse_uint}: {@code Invalid number %s: %s} with str_to_uint's error. */
    static long uint24(String v) throws Invalid {
        if (!v.matches("[0-9]+")) {
            throw new Invalid("Invalid number " + v + ": Not a valid number");
        }
        try {
            long n = Long.parseLong(v);
            if (n > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Invalid("Invalid number " + v + ": Number too large");
        }
    }

    /** {@code str_parse_get_interval_full} (2.4 src/lib/str-parse.c), as msecs or secs. */
    static long interval(String str, boolean milliseconds) throws Invalid {
        int i = 0;
        while (i < str.length() && Character.isDigit(str.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new Invalid("Invalid time interval: " + str);
        }
        long num;
        try {
            num = Long.parseLong(str.substring(0, i));
        } catch (NumberFormatException e) {
            throw new Invalid("Invalid time interval: " + str);
        }
        String p = str.substring(i).replaceFirst("^ +", "");
        if (p.isEmpty() && num != 0) {
            throw new Invalid("Time interval '" + str + "' is missing units (add e.g. 's' for seconds)");
        }
        long multiply = milliseconds ? 1000 : 1;
        String up = p.toLowerCase(Locale.ROOT);
        boolean done = false;
        if (!up.isEmpty()) {
            switch (up.charAt(0)) {
                case 's':
                    done = "secs".startsWith(up) || "seconds".startsWith(up);
                    break;
                case 'm':
                    if ("mins".startsWith(up) || "minutes".startsWith(up)) {
                        multiply *= 60;
                        done = true;
                    } else if ("msecs".startsWith(up) || "mseconds".startsWith(up)
                            || "millisecs".startsWith(up) || "milliseconds".startsWith(up)) {
                        if (!milliseconds && num % 1000 != 0) {
                            throw new Invalid("Milliseconds not supported for this setting: " + str);
                        }
                        if (!milliseconds) {
                            num /= 1000;
                        }
                        multiply = 1;
                        done = true;
                    } else {
                        multiply *= 60;
                    }
                    break;
                case 'h':
                    multiply *= 3600;
                    done = "hours".startsWith(up);
                    break;
                case 'd':
                    multiply *= 86400;
                    done = "days".startsWith(up);
                    break;
                case 'w':
                    multiply *= 604800;
                    done = "weeks".startsWith(up);
                    break;
                default:
                    break;
            }
        } else {
            done = true;
        }
        if (!done) {
            throw new Invalid("Invalid time interval: " + str);
        }
        if (num > 0xFFFF_FFFFL / multiply) {
            throw new Invalid("Time interval is too large: " + str);
        }
        return num * multiply;
    }

    /** {@code str_parse_get_size}: a number with an optional B/k/M/G/T unit. */
    static long size(String str) throws Invalid {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+) *([bBkKmMgGtT]?)[bB]?").matcher(str);
        if (!m.matches()) {
            throw new Invalid("Invalid size: " + str);
        }
        return Long.parseLong(m.group(1));
    }
}
