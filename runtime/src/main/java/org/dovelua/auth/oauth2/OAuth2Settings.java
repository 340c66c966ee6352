package org.dovelua.auth.oauth2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * 2.4's {@code oauth2 { }} settings (src/auth/db-oauth2.c {@code auth_oauth2_setting_defines} and
 * defaults): read from the {@code oauth2} named filter, which also sees root {@code oauth2_*}
 * settings; inside the filter a name may leave out its {@code oauth2_} prefix.
 */
public final class OAuth2Settings {
    public String tokeninfoUrl = "";
    public String grantUrl = "";
    public String introspectionUrl = "";
    public List<String> scope = List.of();
    /** ENUM {@code :auth:get:post:local}: the first value, the empty one, is the default. */
    public String introspectionMode = "";
    public String usernameValidationFormat = "%{user}";
    public String usernameAttribute = "email";
    public String activeAttribute = "";
    public String activeValue = "";
    public String clientId = "";
    public String clientSecret = "";
    public List<String> issuers = List.of();
    public String openidConfigurationUrl = "";
    /** 2.4.4's {@code oauth2_token_expire_grace} (default 60s); before it none. */
    public long tokenExpireGraceSecs;
    public boolean forceIntrospection;
    public boolean sendAuthHeaders;
    public boolean useWorkerWithMech;
    /** {@code oauth2_local_validation { dict fs { fs posix { prefix } } }}: the key directory, or null. */
    public String localValidationFsPrefix;
    /** {@code oauth2_local_validation { dict file { dict_file_path } }}: the key file, or null. */
    public String localValidationFilePath;
    /** The {@code oauth2_local_validation} dict driver named, or null when none is configured. */
    public String localValidationDict;
    /** {@code oauth2_fields { NAME = TEMPLATE }}. */
    public Map<String, String> fields = new LinkedHashMap<>();

    /** How this release's {@code http_url_parse()} reads URLs. */
    private org.dovelua.lua.http.HttpUrlParser.Rules urlRules = org.dovelua.lua.http.HttpUrlParser.Rules.V24;

    /** A setting value that does not parse (the settings_get() error), or null. */
    private String parseError;

    /**
     * The settings from {@code raw}: names with their {@code oauth2_} prefix (the parser adds it for
     * names written inside the filter), nested keys as {@code section/sub section/key}.
     */
    public static OAuth2Settings of(Map<String, String> raw, DovecotVersion version) {
        OAuth2Settings s = new OAuth2Settings();
        s.tokenExpireGraceSecs = version.has(Since.OAUTH2_TOKEN_EXPIRE_GRACE) ? 60 : 0;
        s.urlRules = org.dovelua.auth.HttpUrlRules.of(version);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            s.apply(e.getKey(), e.getValue(), version);
        }
        return s;
    }

    private void apply(String key, String value, DovecotVersion version) {
        if (key.startsWith("oauth2_local_validation/")) {
            String rest = key.substring("oauth2_local_validation/".length());
            if (rest.startsWith("dict ")) {
                // the dict's named filter, empty or with settings inside
                int slash = rest.indexOf('/');
                localValidationDict = rest.substring(5, slash < 0 ? rest.length() : slash);
                if (slash < 0) {
                    return;
                }
            }
            if (rest.endsWith("/prefix") || rest.endsWith("fs_posix_prefix")) {
                localValidationFsPrefix = value;
            }
            if (rest.endsWith("/dict_file_path")) {
                localValidationFilePath = value;
            }
            return;
        }
        if (key.startsWith("oauth2_fields/")) {
            fields.put(key.substring("oauth2_fields/".length()), value);
            return;
        }
        switch (key) {
            case "oauth2_tokeninfo_url" -> tokeninfoUrl = value;
            case "oauth2_grant_url" -> grantUrl = value;
            case "oauth2_introspection_url" -> introspectionUrl = value;
            case "oauth2_scope" -> scope = boolList(value);
            case "oauth2_introspection_mode" -> {
                if (!List.of("", "auth", "get", "post", "local").contains(value) && parseError == null) {
                    // settings-parser.c get_enum(): "Invalid %s: Unknown value"
                    parseError = "Invalid oauth2_introspection_mode: Unknown value";
                }
                introspectionMode = value;
            }
            case "oauth2_username_validation_format" -> usernameValidationFormat = value;
            case "oauth2_username_attribute" -> usernameAttribute = value;
            case "oauth2_active_attribute" -> activeAttribute = value;
            case "oauth2_active_value" -> activeValue = value;
            case "oauth2_client_id" -> clientId = value;
            case "oauth2_client_secret" -> clientSecret = value;
            case "oauth2_issuers" -> issuers = boolList(value);
            case "oauth2_openid_configuration_url" -> openidConfigurationUrl = value;
            case "oauth2_force_introspection" -> forceIntrospection = bool(key, value);
            case "oauth2_send_auth_headers" -> sendAuthHeaders = bool(key, value);
            case "oauth2_use_worker_with_mech" -> useWorkerWithMech = bool(key, value);
            case "oauth2_token_expire_grace" -> {
                if (version.has(Since.OAUTH2_TOKEN_EXPIRE_GRACE)) {
                    tokenExpireGraceSecs = seconds(key, value);
                }
            }
            default -> { }
        }
    }

    private boolean bool(String key, String value) {
        // settings-parser.c get_bool()
        if (value.equalsIgnoreCase("yes")) {
            return true;
        }
        if (!value.equalsIgnoreCase("no") && parseError == null) {
            parseError = "Invalid " + key + ": Invalid boolean value: " + value + " (use yes or no)";
        }
        return false;
    }

    private long seconds(String key, String value) {
        try {
            return org.dovelua.auth.config.SettingTime.parse(value);
        } catch (org.dovelua.auth.config.SetupException e) {
            if (parseError == null) {
                parseError = "Invalid " + key + ": " + e.getMessage();
            }
            return 0;
        }
    }

    /** A BOOLLIST written as a string: its space-separated words. */
    private static List<String> boolList(String value) {
        List<String> out = new ArrayList<>();
        for (String w : value.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }

    /**
     * What settings_get() refuses: a value that does not parse, then {@code auth_oauth2_settings_check()}'s
     * rules in its order; null when the settings are fine.
     */
    public String checkError() {
        if (parseError != null) {
            return parseError;
        }
        if (introspectionMode.isEmpty()) {
            if (!grantUrl.isEmpty() || !tokeninfoUrl.isEmpty() || !introspectionUrl.isEmpty()) {
                return "Missing oauth2_introspection_mode";
            }
        } else if (List.of("auth", "get", "post").contains(introspectionMode)) {
            if (tokeninfoUrl.isEmpty() && introspectionUrl.isEmpty()) {
                return "Need at least one of oauth2_tokeninfo_url or oauth2_introspection_url";
            }
        }
        if (!grantUrl.isEmpty() && clientId.isEmpty()) {
            return "oauth2_client_id is required with oauth2_grant_url";
        }
        if (clientId.isEmpty() != clientSecret.isEmpty()) {
            return "oauth2_client_id and oauth2_client_secret must be provided together";
        }
        if (activeAttribute.isEmpty() && !activeValue.isEmpty()) {
            return "Cannot have empty active_attribute if active_value is set";
        }
        return null;
    }

    /**
     * {@code db_oauth2_setup()}'s own refusal after settings_get() accepted the settings (the auth
     * process's "Cannot initialize oauth2: ..."); null when the database starts.
     */
    public String setupError() {
        if (introspectionMode.isEmpty()) {
            return "Missing oauth2_introspection_mode setting";
        }
        return null;
    }

    /**
     * db_oauth2_setup()'s last check (after the key dict's init): an openid_configuration_url
     * {@code http_url_parse(url, NULL, 0)} refuses; null when there is none or it parses. The URL
     * is only checked, never fetched.
     */
    public String openidConfigurationUrlError() {
        if (openidConfigurationUrl.isEmpty()) {
            return null;
        }
        String error = org.dovelua.lua.http.HttpUrlParser.parse(openidConfigurationUrl, urlRules).error();
        return error == null ? null : "Invalid openid_configuration_url: " + error;
    }

    /** dict-drivers-register.c's drivers and the dict plugins Debian's packages load (ldap, sql). */
    private static final List<String> DICT_MODULES = List.of("file", "fs", "redis", "proxy", "memcached",
            "memcached_ascii", "ldap", "sql");

    /** A local-validation dict driver Dovecot has no module for ({@code dict_init_auto()}), or null. */
    public String unknownDictModule() {
        if (local() && localValidationDict != null && !DICT_MODULES.contains(localValidationDict)) {
            return localValidationDict;
        }
        return null;
    }

    /** A local-validation dict dovelua does not read (only {@code dict fs { fs posix }} and {@code dict file}), or null. */
    public String notEmulated() {
        if (local() && localValidationDict != null && !localValidationDict.equals("fs")
                && !localValidationDict.equals("file")) {
            return "oauth2_local_validation's dict " + localValidationDict
                    + " is not emulated (only dict fs { fs posix { prefix } } and dict file { dict_file_path })";
        }
        return null;
    }

    /** {@code oauth2_set.scope}: the scope list joined with spaces. */
    public String scopeJoined() {
        return String.join(" ", scope);
    }

    public boolean local() {
        return introspectionMode.equals("local");
    }
}
