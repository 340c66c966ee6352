package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * db_oauth2_setup()'s dict_init_auto() for {@code oauth2_local_validation}: a dict driver Dovecot has
 * no module for stops the auth process (seen on 2.4.1: {@code Fatal: Cannot initialize oauth2:
 * Unknown dict module: nosuch}, doveadm finds no auth socket).
 */
class OAuth2KeyDictSetupTest {
    @TempDir
    Path dir;

    private static final String LUA = "function auth_passdb_lookup(req) return dovecot.auth.PASSDB_RESULT_OK, 'password=x' end\n";

    @Test
    void anUnknownDictModuleStopsTheAuthProcess() {
        String conf = "dovecot_config_version = 2.4.1\nauth_mechanisms = plain oauthbearer\noauth2 {\n"
                + "  introspection_mode = local\n  oauth2_local_validation {\n    dict nosuch {\n    }\n  }\n}\n"
                + "passdb lua {\n lua_file = %DIR%/auth.lua\n}\nuserdb static {\n fields {\n  uid = 1000\n }\n}\n";
        assertThatThrownBy(() -> TestAuth.config(dir, "2.4.1", conf, LUA).close())
                .hasMessage("Cannot initialize oauth2: Unknown dict module: nosuch");
    }
}
