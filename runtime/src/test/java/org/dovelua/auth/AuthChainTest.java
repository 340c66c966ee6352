package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.request.AuthInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passdb/userdb chains built from a dovecot.conf (auth-request.c result rules, auth.c setup). */
class AuthChainTest {
    @TempDir
    Path dir;

    private static final String LUA = "function auth_passdb_lookup(req)\n"
            + "  if req.user == 'alice' then return dovecot.auth.PASSDB_RESULT_OK, 'password=secret host=h' end\n"
            + "  if req.user == 'master' then return dovecot.auth.PASSDB_RESULT_OK, 'password=mpw' end\n"
            + "  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no'\n"
            + "end\n"
            + "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, 'no' end\n";

    @Test
    void secondPassdbAnswersWhenTheFirstDoesNotKnowTheUser() throws Exception {
        try (TestAuth a = TestAuth.config(dir, "passdb {\n driver = lua\n args = file=%DIR%/auth.lua\n}\n"
                + "passdb {\n driver = static\n args = password=other\n}\n"
                + "userdb {\n driver = static\n args = uid=1000 gid=1000 home=/home/%u\n}\n", LUA)) {
            assertThat(a.test("bob", "other").success()).isTrue();
            assertThat(a.test("alice", "secret").args()).containsExactly("user=alice", "host=h");
            // alice is found by the Lua passdb with a different password: the static one is tried next
            assertThat(a.test("alice", "other").success()).isTrue();
            assertThat(a.user("bob").fields()).containsExactly("uid=1000", "gid=1000", "home=/home/bob");
        }
    }

    @Test
    void resultFailureReturnStopsTheChain() throws Exception {
        try (TestAuth a = TestAuth.config(dir, "passdb {\n driver = lua\n args = file=%DIR%/auth.lua\n"
                + " result_failure = return-fail\n}\n"
                + "passdb {\n driver = static\n args = password=other\n}\n"
                + "userdb {\n driver = prefetch\n}\n", LUA)) {
            assertThat(a.test("bob", "other").success()).isFalse();
        }
    }

    @Test
    void continueOkWithSkipAuthenticated() throws Exception {
        try (TestAuth a = TestAuth.config(dir, "passdb {\n driver = lua\n args = file=%DIR%/auth.lua\n"
                + " result_success = continue-ok\n}\n"
                + "passdb {\n driver = static\n args = password=other extra=yes\n skip = authenticated\n}\n"
                + "passdb {\n driver = static\n args = nopassword=y third=yes\n}\n"
                + "userdb {\n driver = prefetch\n}\n", LUA)) {
            assertThat(a.test("alice", "secret").args()).containsExactly("user=alice", "host=h", "third=yes");
        }
    }

    @Test
    void masterUserLogsInAsTheRequestedUser() throws Exception {
        try (TestAuth a = TestAuth.config(dir, "auth_master_user_separator = *\n"
                + "passdb {\n driver = static\n args = password=mpw\n master = yes\n pass = yes\n}\n"
                + "passdb {\n driver = lua\n args = file=%DIR%/auth.lua\n}\n"
                + "userdb {\n driver = prefetch\n}\n", LUA)) {
            AuthEngine.AuthReply r = a.test("alice*master", "mpw");
            assertThat(r.success()).isTrue();
            assertThat(r.args()).contains("user=alice", "auth_user=master");
            assertThat(a.test("nobody*master", "mpw").success()).isFalse();
        }
    }

    @Test
    void usernameFormatLowercasesByDefault() throws Exception {
        try (TestAuth a = TestAuth.config(dir, "passdb {\n driver = lua\n args = file=%DIR%/auth.lua\n}\n"
                + "userdb {\n driver = prefetch\n}\n", LUA)) {
            assertThat(a.test("ALICE", "secret").args()).containsExactly("user=alice", "host=h",
                    "original_user=ALICE");
        }
    }

    @Test
    void badLuaArgsAreLocated() {
        assertThatThrownBy(() -> TestAuth.config(dir, "passdb {\n driver = lua\n args = file=%DIR%/auth.lua cows=1\n}\n"
                + "userdb {\n driver = prefetch\n}\n", LUA))
                .isInstanceOf(SetupException.class)
                .hasMessage(dir.resolve("dovecot.conf") + ":1: Unsupported parameter cows=1");
        assertThatThrownBy(() -> TestAuth.config(dir, "passdb {\n driver = lua\n args = blocking=maybe\n}\n"
                + "userdb {\n driver = prefetch\n}\n", LUA))
                .hasMessage(dir.resolve("dovecot.conf") + ":1: Invalid value maybe. Field blocking must be yes or no");
    }

    @Test
    void config24PassesLuaSettingsToScriptInit() throws Exception {
        String lua = "local pw\nfunction script_init(args) pw = args.password end\n"
                + "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = pw, proto = tostring(req.protocol),"
                + " svc = tostring(req.service)}\nend\n";
        try (TestAuth a = TestAuth.config(dir, "dovecot_config_version = 2.4.1\n"
                + "passdb lua {\n lua_file = %DIR%/auth.lua\n lua_settings {\n  password = {PLAIN}test\n }\n}\n"
                + "userdb static {\n fields {\n  uid = 1000\n }\n}\n", lua)) {
            AuthInput in = new AuthInput();
            in.add("service=imap");
            AuthEngine.AuthReply r = a.engine.authTest(in, "alice", "test");
            assertThat(r.success()).isTrue();
            assertThat(r.args()).contains("proto=imap", "svc=nil");
            assertThat(a.user("alice").fields()).containsExactly("uid=1000");
        }
    }
}
