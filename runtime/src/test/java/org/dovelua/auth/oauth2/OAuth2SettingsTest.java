package org.dovelua.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.config.ConfigParser;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/** db-oauth2.c's settings: the oauth2 filter, defaults, and the errors settings_get()/db_oauth2_setup() give. */
class OAuth2SettingsTest {
    private static final DovecotVersion V241 = DovecotVersion.parse("2.4.1");
    private static final DovecotVersion V245 = DovecotVersion.parse("2.4.5");

    private static OAuth2Settings parse(String conf, DovecotVersion v) throws Exception {
        return OAuth2Settings.of(ConfigParser.parse("dovecot_config_version = 2.4.1\n" + conf, Path.of("t.conf")).oauth2(), v);
    }

    @Test
    void theFilterTakesNamesWithAndWithoutPrefixAndSeesRootSettings() throws Exception {
        OAuth2Settings s = parse("oauth2_client_id = root\noauth2 {\n  introspection_mode = get\n"
                + "  oauth2_introspection_url = http://i/\n  scope = mail  imap\n  client_secret = s\n}\n", V241);
        assertThat(s.introspectionMode).isEqualTo("get");
        assertThat(s.introspectionUrl).isEqualTo("http://i/");
        assertThat(s.scope).containsExactly("mail", "imap");
        assertThat(s.clientId).isEqualTo("root");
        assertThat(s.clientSecret).isEqualTo("s");
        assertThat(s.checkError()).isNull();
    }

    @Test
    void defaultsAreDbOauth2s() throws Exception {
        OAuth2Settings s = parse("", V241);
        assertThat(s.introspectionMode).isEmpty();
        assertThat(s.setupError()).isEqualTo("Missing oauth2_introspection_mode setting");
        assertThat(s.usernameAttribute).isEqualTo("email");
        assertThat(s.usernameValidationFormat).isEqualTo("%{user}");
        assertThat(s.tokenExpireGraceSecs).isZero();
        assertThat(parse("", V245).tokenExpireGraceSecs).isEqualTo(60);
        assertThat(parse("oauth2 {\n token_expire_grace = 2 mins\n}\n", V245).tokenExpireGraceSecs).isEqualTo(120);
    }

    @Test
    void theLocalValidationDictIsReadFromItsNestedSections() throws Exception {
        OAuth2Settings s = parse("oauth2 {\n  introspection_mode = local\n  oauth2_local_validation {\n"
                + "    dict fs {\n      fs posix {\n        prefix = /keys/\n      }\n    }\n  }\n}\n", V241);
        assertThat(s.localValidationDict).isEqualTo("fs");
        assertThat(s.localValidationFsPrefix).isEqualTo("/keys/");
        assertThat(s.checkError()).isNull();
        assertThat(s.notEmulated()).isNull();
        assertThat(parse("oauth2 {\n  introspection_mode = local\n}\n", V241).localValidationDict).isNull();
        assertThat(parse("oauth2 {\n  introspection_mode = local\n  oauth2_local_validation {\n    dict redis {\n"
                + "      redis_host = x\n    }\n  }\n}\n", V241).notEmulated()).startsWith("oauth2_local_validation's dict redis");
    }

    @Test
    void aDictFileKeyDictIsReadAndAnUnknownModuleNamed() throws Exception {
        // seen on 2.4.1: dict file { dict_file_path } serves the keys (cases 488, 489); an unknown driver
        // stops the auth process: "Cannot initialize oauth2: Unknown dict module: nosuch"
        OAuth2Settings file = parse("oauth2 {\n  introspection_mode = local\n  oauth2_local_validation {\n"
                + "    dict file {\n      dict_file_path = /keys.txt\n    }\n  }\n}\n", V241);
        assertThat(file.localValidationDict).isEqualTo("file");
        assertThat(file.localValidationFilePath).isEqualTo("/keys.txt");
        assertThat(file.notEmulated()).isNull();
        assertThat(file.unknownDictModule()).isNull();
        OAuth2Settings unknown = parse("oauth2 {\n  introspection_mode = local\n  oauth2_local_validation {\n"
                + "    dict nosuch {\n    }\n  }\n}\n", V241);
        assertThat(unknown.unknownDictModule()).isEqualTo("nosuch");
    }

    @Test
    void anOpenidConfigurationUrlHttpUrlParseRefusesIsNamed() throws Exception {
        // db_oauth2_setup(): http_url_parse(url, NULL, 0) (seen on 2.4.1, cases 518, 524)
        assertThat(parse("oauth2 {\n openid_configuration_url = http://exa mple.com/x\n}\n", V241)
                .openidConfigurationUrlError()).isEqualTo("Invalid openid_configuration_url: Invalid host identifier");
        assertThat(parse("oauth2 {\n openid_configuration_url = https://u@idp.example.com/x\n}\n", V241)
                .openidConfigurationUrlError())
                .isEqualTo("Invalid openid_configuration_url: HTTP URL does not allow `userinfo@' part");
        assertThat(parse("oauth2 {\n openid_configuration_url = https://idp.example.com/.well-known/x\n}\n", V241)
                .openidConfigurationUrlError()).isNull();
        assertThat(parse("", V241).openidConfigurationUrlError()).isNull();
    }

    @Test
    void settingsCheckRulesInTheirOrder() throws Exception {
        assertThat(parse("oauth2 {\n introspection_mode = get\n}\n", V241).checkError())
                .isEqualTo("Need at least one of oauth2_tokeninfo_url or oauth2_introspection_url");
        assertThat(parse("oauth2 {\n introspection_mode = get\n tokeninfo_url = x\n grant_url = g\n}\n", V241).checkError())
                .isEqualTo("oauth2_client_id is required with oauth2_grant_url");
        assertThat(parse("oauth2 {\n introspection_mode = get\n tokeninfo_url = x\n client_id = c\n}\n", V241).checkError())
                .isEqualTo("oauth2_client_id and oauth2_client_secret must be provided together");
        assertThat(parse("oauth2 {\n introspection_mode = get\n tokeninfo_url = x\n active_value = yes\n}\n", V241).checkError())
                .isEqualTo("Cannot have empty active_attribute if active_value is set");
        assertThat(parse("oauth2 {\n introspection_mode = bogus\n}\n", V241).checkError())
                .isEqualTo("Invalid oauth2_introspection_mode: Unknown value");
        assertThat(parse("oauth2 {\n tokeninfo_url = x\n force_introspection = maybe\n}\n", V241).checkError())
                .isEqualTo("Invalid oauth2_force_introspection: Invalid boolean value: maybe (use yes or no)");
    }

    @Test
    void anEmptyModeWithoutUrlsPassesTheCheckButNotTheSetup() throws Exception {
        OAuth2Settings s = parse("oauth2 {\n introspection_mode =\n}\n", V241);
        assertThat(s.checkError()).isNull();
        assertThat(s.setupError()).isEqualTo("Missing oauth2_introspection_mode setting");
        assertThat(parse("oauth2 {\n introspection_mode =\n tokeninfo_url = x\n}\n", V241).checkError())
                .isEqualTo("Missing oauth2_introspection_mode");
    }

    @Test
    void fieldsAreKeptInOrder() throws Exception {
        OAuth2Settings s = parse("oauth2 {\n tokeninfo_url = x\n oauth2_fields {\n  a = 1\n  b = 2\n }\n}\n", V241);
        assertThat(s.fields).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(List.copyOf(s.fields.keySet())).containsExactly("a", "b");
    }
}
