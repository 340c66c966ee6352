package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * db_oauth2_setup()'s last check, an openid_configuration_url http_url_parse() refuses, stops the
 * auth process; its caller names it: passdb_preinit() ({@code passdb oauth2: }, case 518) or
 * mech_oauth2_initialize() ({@code Cannot initialize oauth2: }, case 524), the mechanism first
 * (mech_init() runs before auths_preinit() in main.c).
 */
class OAuth2OpenidUrlSetupTest {
    @TempDir
    Path dir;

    private static final String LUA = "function auth_passdb_lookup(req) return dovecot.auth.PASSDB_RESULT_OK, {password = 'x'} end\n";
    private static final String OAUTH2 = "oauth2 {\n  introspection_mode = post\n  introspection_url = http://127.0.0.1:1/i\n"
            + "  openid_configuration_url = http://exa mple.com/.well-known/openid-configuration\n}\n";
    private static final String USERDB = "userdb static {\n fields {\n  uid = 1000\n }\n}\n";

    @Test
    void passdbOauth2StopsTheAuthProcess() {
        String conf = "dovecot_config_version = 2.4.1\npassdb oauth2 {\n}\n" + OAUTH2 + USERDB;
        assertThatThrownBy(() -> TestAuth.config(dir, "2.4.1", conf, LUA).close())
                .hasMessage("passdb oauth2: Invalid openid_configuration_url: Invalid host identifier");
    }

    @Test
    void aNamedPassdbIsNamed() {
        String conf = "dovecot_config_version = 2.4.1\npassdb idp {\n driver = oauth2\n}\n" + OAUTH2 + USERDB;
        assertThatThrownBy(() -> TestAuth.config(dir, "2.4.1", conf, LUA).close())
                .hasMessage("passdb idp: Invalid openid_configuration_url: Invalid host identifier");
    }

    @Test
    void passdbOauth2sOtherSetupRefusalsStopItTooInTheirOrder() {
        String conf = "dovecot_config_version = 2.4.1\npassdb oauth2 {\n}\noauth2 {\n  introspection_mode = local\n"
                + "  oauth2_local_validation {\n    dict nosuch {\n    }\n  }\n"
                + "  openid_configuration_url = http://exa mple.com/\n}\n" + USERDB;
        assertThatThrownBy(() -> TestAuth.config(dir, "2.4.1", conf, LUA).close())
                .hasMessage("passdb oauth2: Unknown dict module: nosuch");
    }

    @Test
    void theMechanismsDatabaseStopsItFirst() {
        String conf = "dovecot_config_version = 2.4.1\nauth_mechanisms = plain oauthbearer\npassdb oauth2 {\n}\n"
                + OAUTH2 + USERDB;
        assertThatThrownBy(() -> TestAuth.config(dir, "2.4.1", conf, LUA).close())
                .hasMessage("Cannot initialize oauth2: Invalid openid_configuration_url: Invalid host identifier");
    }
}
