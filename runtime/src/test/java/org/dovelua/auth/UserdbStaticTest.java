package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dovelua.auth.config.SetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * userdb-static.c: a userdb-only lookup without {@code allow_all_users} asks the passdbs whether the
 * user exists (differential cases 229-233 show it against real 2.3.19 and 2.4.1).
 */
class UserdbStaticTest {
    @TempDir
    Path dir;

    private static final String LUA = "function auth_passdb_lookup(req)\n"
            + "  if req.user == 'alice' then return dovecot.auth.PASSDB_RESULT_OK, 'password=secret userdb_quota=1G' end\n"
            + "  if req.user == 'dave' then return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, 'down' end\n"
            + "  if req.user == 'gina' then return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, 'x' end\n"
            + "  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no'\n"
            + "end\n";

    private TestAuth auth(String staticArgs) throws Exception {
        return TestAuth.config(dir, "passdb {\n driver = lua\n args = file=%DIR%/auth.lua\n}\n"
                + "userdb {\n driver = static\n args = " + staticArgs + "\n}\n", LUA);
    }

    @Test
    void aUserdbOnlyLookupAsksThePassdbsWhetherTheUserExists() throws Exception {
        try (TestAuth a = auth("uid=1000 gid=1000 home=/home/%u")) {
            assertThat(a.user("alice").status()).isEqualTo("USER");
            // the passdb's userdb_ fields join the template's
            assertThat(a.user("alice").fields()).containsExactly("quota=1G", "uid=1000", "gid=1000", "home=/home/alice");
            assertThat(a.user("bob").status()).isEqualTo("NOTFOUND");
            assertThat(a.user("dave").status()).isEqualTo("FAIL");
            assertThat(a.user("gina").status()).as("a mismatch is neither found nor unknown").isEqualTo("FAIL");
        }
    }

    @Test
    void aLoginsUserdbLookupFollowsASuccessfulAuthenticationWithoutAskingThePassdbs() throws Exception {
        // auth_request_success_continue() sets fields.successful; static_lookup() then trusts it (case 480's
        // passdb oauth2 has no credentials lookups, so asking would fail the login)
        String lua = "function auth_passdb_lookup(req) return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no' end\n"
                + "function auth_password_verify(req, pass) return dovecot.auth.PASSDB_RESULT_OK, '' end\n";
        try (TestAuth a = TestAuth.config(dir, "passdb {\n driver = lua\n args = file=%DIR%/auth.lua\n}\n"
                + "userdb {\n driver = static\n args = uid=1000\n}\n", lua)) {
            AuthEngine.LoginReply login = a.engine.authLogin(new org.dovelua.auth.request.AuthInput(), "zed", "pw");
            assertThat(login.passdb().success()).isTrue();
            assertThat(login.userdb().status()).isEqualTo("USER");
            assertThat(a.user("zed").status()).as("a userdb-only lookup still asks").isEqualTo("NOTFOUND");
        }
    }

    @ParameterizedTest
    @CsvSource({"allow_all_users, USER", "allow_all_users=yes, USER", "allow_all_users=YES, USER",
            "allow_all_users=no, NOTFOUND", "allow_all_users=maybe, NOTFOUND",
            "allow_all_users=yes allow_all_users=no, USER", "allow_all_users=no allow_all_users=yes, NOTFOUND"})
    void allowAllUsersIsTheFirstSuchKeyBareOrYes(String option, String status) throws Exception {
        try (TestAuth a = auth("uid=1000 " + option + " gid=1000")) {
            assertThat(a.user("bob").status()).isEqualTo(status);
        }
    }

    @Test
    void allowAllUsersIsNotAField() throws Exception {
        try (TestAuth a = auth("uid=1000 allow_all_users gid=1000")) {
            assertThat(a.user("bob").fields()).containsExactly("uid=1000", "gid=1000");
        }
    }

    @Test
    void aSecondAllowAllUsersKeyStaysInTheTemplate() throws Exception {
        // userdb_template_remove() removes only the first
        try (TestAuth a = auth("uid=1000 allow_all_users=yes allow_all_users=no")) {
            assertThat(a.user("bob").fields()).containsExactly("uid=1000", "allow_all_users=no");
        }
    }

    @Test
    void dovecot24ReadsItsSetting() throws Exception {
        String conf = "dovecot_config_version = 2.4.1\npassdb lua {\n lua_file = %DIR%/auth.lua\n}\n"
                + "userdb static {\n userdb_static_allow_all_users = %S\n fields {\n  uid = 1000\n }\n}\n";
        for (String yes : new String[] {"yes", "Y", "1"}) {
            try (TestAuth a = TestAuth.config(dir, "2.4.1", conf.replace("%S", yes), LUA)) {
                assertThat(a.user("bob").status()).as(yes).isEqualTo("USER");
            }
        }
        try (TestAuth a = TestAuth.config(dir, "2.4.1", conf.replace("%S", "NO"), LUA)) {
            assertThat(a.user("bob").status()).isEqualTo("NOTFOUND");
        }
        assertThatThrownBy(() -> TestAuth.config(dir, "2.4.1", conf.replace("%S", "maybe"), LUA))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("userdb_static_allow_all_users: Invalid boolean value: maybe (use yes or no)");
    }
}
