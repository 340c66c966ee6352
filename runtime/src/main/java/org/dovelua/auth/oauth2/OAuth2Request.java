package org.dovelua.auth.oauth2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.lua.http.HttpClientLib;
import org.dovelua.lua.http.HttpClientSettings;

/**
 * lib-oauth2 oauth2-request.c: the token introspection and tokeninfo requests over lib-http, and
 * how their JSON replies become a result (an error, validity and the reply's fields).
 */
public final class OAuth2Request {
    /** {@code struct oauth2_request_result}. */
    public record Result(String error, boolean valid, List<Map.Entry<String, String>> fields) {
    }

    /** What {@code struct oauth2_request_input} gives the headers ({@code send_auth_headers}). */
    public record Input(String protocol, String local, String remote) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    /** uri-util.c QCHAR less http_url_escape_param()'s "&;/?=+": the bytes written as they are. */
    private static final String QCHAR = "!$'()*,-.0123456789:@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";

    private final OAuth2Settings set;
    private final HttpClientLib http;
    private final HttpClientSettings client;
    /** lib-json's literal error spelled "encountered" ({@code Since.JSON_LITERAL_ERROR_SPELLING}). */
    private final boolean encountered;

    public OAuth2Request(OAuth2Settings set, HttpClientLib http, org.dovelua.version.DovecotVersion version) {
        this(set, http, version, true);
    }

    /**
     * db_oauth2_setup(): the db's lib-http client, made now ({@code http_client_init_auto()});
     * {@code clientDebug} false for a client whose event does not debug (the mechanisms' db).
     */
    public OAuth2Request(OAuth2Settings set, HttpClientLib http, org.dovelua.version.DovecotVersion version,
            boolean clientDebug) {
        this.set = set;
        this.http = http;
        this.encountered = version.has(org.dovelua.version.Since.JSON_LITERAL_ERROR_SPELLING);
        // db-oauth2.c auth_oauth2_default_settings_keyvalue: the oauth2 filter's http_client defaults
        // (DOVECOT_VERSION is the package's: 2.4.1-4 on trixie)
        this.client = new HttpClientSettings();
        client.userAgent = "dovecot-oauth2-passdb/" + version.packageVersion();
        client.maxIdleTimeMsecs = 60_000;
        client.maxAttempts = 1;
        http.initClient(client, clientDebug);
    }

    /** {@code http_url_escape_param()}. */
    static String escapeParam(String data) {
        StringBuilder out = new StringBuilder();
        for (byte b : data.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && QCHAR.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02x", c));
            }
        }
        return out.toString();
    }

    /** {@code oauth2_introspection_start()}: by introspection_mode. */
    public Result introspection(String token, Input input) {
        String url;
        String method = "GET";
        byte[] payload = null;
        switch (set.introspectionMode) {
            case "get" -> {
                StringBuilder enc = new StringBuilder(set.introspectionUrl).append(escapeParam(token));
                if (!set.clientId.isEmpty()) {
                    enc.append("&client_id=").append(escapeParam(set.clientId));
                }
                if (!set.clientSecret.isEmpty()) {
                    enc.append("&client_secret=").append(escapeParam(set.clientSecret));
                }
                url = enc.toString();
            }
            case "auth" -> url = set.introspectionUrl;
            case "post" -> {
                url = set.introspectionUrl;
                method = "POST";
                payload = ("token=" + escapeParam(token)).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException("i_unreached: introspection mode " + set.introspectionMode);
        }
        return start(method, url, payload, token, input);
    }

    /** {@code oauth2_token_validation_start()}: GET tokeninfo_url with the token appended. */
    public Result tokenValidation(String token, Input input) {
        return start("GET", set.tokeninfoUrl + escapeParam(token), null, token, input);
    }

    /**
     * {@code oauth2_passwd_grant_start()}: POST grant_url with {@code grant_type=password}, the user's
     * name and password, client id/secret and the scope (all through http_url_escape_param()); no
     * Bearer header. The password is the request's token ({@code oauth2_valid_token()}).
     */
    public Result passwordGrant(String username, String password, Input input) {
        if (!validToken(password)) {
            // oauth2_request_fail() from a timeout: the request is never sent
            return new Result("No token provided", false, List.of());
        }
        StringBuilder payload = new StringBuilder("grant_type=password&username=").append(escapeParam(username))
                .append("&password=").append(escapeParam(password));
        if (!set.clientId.isEmpty()) {
            payload.append("&client_id=").append(escapeParam(set.clientId));
        }
        if (!set.clientSecret.isEmpty()) {
            payload.append("&client_secret=").append(escapeParam(set.clientSecret));
        }
        if (!set.scope.isEmpty()) {
            payload.append("&scope=").append(escapeParam(set.scopeJoined()));
        }
        return start("POST", set.grantUrl, payload.toString().getBytes(StandardCharsets.UTF_8), password, input, false);
    }

    /** oauth2.c {@code oauth2_valid_token()}: not empty, no CR or LF. */
    static boolean validToken(String token) {
        return token != null && !token.isEmpty() && token.indexOf('\r') < 0 && token.indexOf('\n') < 0;
    }

    private Result start(String method, String url, byte[] payload, String token, Input input) {
        return start(method, url, payload, token, input, true);
    }

    /** {@code oauth2_request_start()}. */
    private Result start(String method, String url, byte[] payload, String token, Input input, boolean addAuthBearer) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (set.sendAuthHeaders) {
            if (input.protocol() != null) {
                headers.add(Map.entry("X-Dovecot-Auth-Protocol", input.protocol()));
            }
            if (input.local() != null) {
                headers.add(Map.entry("X-Dovecot-Auth-Local", input.local()));
            }
            if (input.remote() != null) {
                headers.add(Map.entry("X-Dovecot-Auth-Remote", input.remote()));
            }
        }
        if (payload != null) {
            headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
        }
        if (addAuthBearer && set.introspectionMode.equals("auth") && !url.matches("(?i)^https?://[^/@]*@.*")) {
            headers.add(Map.entry("Authorization", "Bearer " + token));
        }
        HttpClientLib.Answer answer = http.request(client, method, url, headers, payload);
        return response(answer.status(), answer.reason(), answer.body(), encountered);
    }

    /** {@code oauth2_request_response()}, {@code oauth2_request_parse_json()}, {@code oauth2_request_continue()}. */
    static Result response(int status, String reason, byte[] body, boolean encountered) {
        int hi = status / 100;
        if (hi != 2 && hi != 4) {
            // http_response_get_message(): lib-http's own statuses carry only their reason
            return new Result(status >= 9000 ? reason : status + " " + reason, false, List.of());
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        String error = null;
        if (body.length > 0) {
            error = parse(body, fields, encountered);
        }
        // check if fields contain error now
        String errorField = find(fields, "error");
        if (errorField != null) {
            error = errorField;
            String description = find(fields, "error_description");
            if (description != null) {
                error = description;
            }
        }
        if (error == null) {
            for (Map.Entry<String, String> f : fields) {
                if (f.getKey().equalsIgnoreCase("expires_in")) {
                    if (!f.getValue().matches("[0-9]{1,10}") || Long.parseLong(f.getValue()) > 0xffffffffL) {
                        error = "Malformed number '" + f.getValue() + "' in expires_in";
                        break;
                    }
                } else if (f.getKey().equalsIgnoreCase("token_type") && !f.getValue().equalsIgnoreCase("bearer")) {
                    error = "Expected Bearer token, got '" + f.getValue() + "'";
                    break;
                }
            }
        }
        return new Result(error, hi == 2 && error == null, List.copyOf(fields));
    }

    private static String find(List<Map.Entry<String, String>> fields, String name) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    /**
     * The top-level object's scalar members as strings (numbers as written, literals by name),
     * nested objects and arrays skipped; an error for what is no JSON object. lib-json's own error
     * texts are not emulated beyond "Invalid JSON in response: ".
     */
    private static String parse(byte[] body, List<Map.Entry<String, String>> fields, boolean encountered) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "Invalid JSON in response: Invalid JSON object";
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    fields.add(Map.entry(name, v == JsonToken.VALUE_NULL ? "null" : p.getText()));
                }
            }
            if (p.nextToken() != null) {
                return "Invalid JSON in response: Spurious data at end of JSON value";
            }
            return null;
        } catch (IOException e) {
            String literal = literalError(body, encountered);
            return "Invalid JSON in response: " + (literal != null ? literal : e.getMessage());
        }
    }

    /**
     * lib-json json-parser.c {@code json_parser_do_parse_literal()}: a value starting like false,
     * null or true that does not go on as it: {@code Expected value 'null', but encounted 'n' + 'o'}
     * (2.4.1's spelling; seen as "encountered" on 2.4.5). Other lib-json texts are not emulated.
     */
    public static String literalError(byte[] body, boolean encountered) {
        String text = new String(body, StandardCharsets.UTF_8).stripLeading();
        for (String literal : new String[] {"false", "null", "true"}) {
            if (text.isEmpty() || text.charAt(0) != literal.charAt(0)) {
                continue;
            }
            int p = 1;
            while (p < literal.length() && p < text.length() && text.charAt(p) == literal.charAt(p)) {
                p++;
            }
            if (p == literal.length() || p == text.length()) {
                return null;
            }
            return "Expected value '" + literal + "', but " + (encountered ? "encountered" : "encounted") + " '" + literal.substring(0, p) + "' + '"
                    + text.charAt(p) + "'";
        }
        return null;
    }

    /** A map of the fields (auth_fields_add(): a later one replaces), for tests and merging. */
    static Map<String, String> asMap(List<Map.Entry<String, String>> fields) {
        Map<String, String> m = new LinkedHashMap<>();
        fields.forEach(f -> m.put(f.getKey(), f.getValue()));
        return m;
    }
}
