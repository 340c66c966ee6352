package org.dovelua.auth.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.AuthSetup;
import org.dovelua.auth.TestAuth;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.request.AuthInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Return-value rules of db-lua.c (spec §6) and what the client sees for them. */
class DbLuaTest {
    @TempDir
    Path dir;

    private TestAuth passdb(String version, String body) throws Exception {
        return TestAuth.script(dir, version, "function auth_passdb_lookup(req)\n" + body + "\nend\n"
                + "function auth_userdb_lookup(req)\n" + body.replace("PASSDB", "USERDB") + "\nend\n");
    }

    /** The request table is made at its final size; pairs() sees its keys in the order the grown table gave. */
    @Test
    void pairsOfTheRequestTableKeepTheirOrder() throws Exception {
        String keys = "local function keys(t) local o = {} for k in pairs(t) do o[#o+1] = k end"
                + " return table.concat(o, ',') end\n";
        try (TestAuth a = TestAuth.script(dir, "2.3.19", keys + "function auth_passdb_lookup(req)\n"
                + "return dovecot.auth.PASSDB_RESULT_OK, 'password=pass order=' .. keys(req) .. ' p=' .. keys(req.passdb)"
                + " .. ' u=' .. keys(req.userdb)\nend\n")) {
            assertThat(a.test("alice", "pass").args()).contains("order=passdbs_seen_internal_failure,item,passdb,userdb,"
                    + "passdbs_seen_user_unknown,skip_password_check,userdbs_seen_internal_failure", "p=item", "u=item");
        }
    }

    @Test
    void stringFormIsSplitOnSpacesAndPasswordIsChecked() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_OK, '  password=secret   a=b=c  flag  proxy=y'")) {
            assertThat(a.test("alice", "secret").args()).containsExactly("user=alice", "a=b=c", "flag", "proxy");
            assertThat(a.test("alice", "wrong").success()).isFalse();
            assertThat(a.log).anyMatch(l -> l.equals("auth-worker: Info: lua(alice,10.0.0.1): Password mismatch"));
        }
    }

    @Test
    void tableValuesAreConvertedAsDec2strAndBooleans() throws Exception {
        try (TestAuth a = passdb("2.3.19",
                "return dovecot.auth.PASSDB_RESULT_OK, {password='secret', neg=-1, flt=1.5, port=143, on=true, off=false}")) {
            assertThat(a.test("alice", "secret").args()).contains("neg=18446744073709551615", "flt=0", "port=143",
                    "on=yes", "off=no");
        }
    }

    @Test
    void missingSecondValueIsAnInternalFailureIn23() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN")) {
            assertThat(a.test("alice", "x").args()).containsExactly("user=alice", "code=temp_fail");
            assertThat(a.log).contains("auth-worker: Error: lua(alice,10.0.0.1): db-lua: db-lua: "
                    + "auth_passdb_lookup(req) invalid return value (expected string or table, got nil)");
        }
    }

    @Test
    void nilSecondValueIsAcceptedIn240() throws Exception {
        try (TestAuth a = passdb("2.4.0", "return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN")) {
            assertThat(a.test("alice", "x").args()).containsExactly("user=alice");
        }
    }

    @Test
    void stringOnSuccessIsAnInternalFailureFrom241() throws Exception {
        try (TestAuth a = passdb("2.4.1", "return dovecot.auth.PASSDB_RESULT_OK, 'password=x'")) {
            assertThat(a.test("alice", "x").args()).contains("code=temp_fail");
            assertThat(a.log).anyMatch(l -> l.endsWith(
                    "invalid return value (expected nil or table, got string)"));
        }
    }

    @Test
    void tableWithFailureIsAnInternalFailureFrom241() throws Exception {
        try (TestAuth a = passdb("2.4.1", "return dovecot.auth.PASSDB_RESULT_NEXT, {}")) {
            assertThat(a.log).noneMatch(l -> l.contains("Error"));
            assertThat(a.test("alice", "x").args()).contains("code=temp_fail");
            assertThat(a.log).anyMatch(l -> l.endsWith(
                    "invalid error return value (expected nil or string, got table)"));
        }
    }

    @Test
    void numericKeysPanicTheWorkerAndTheNextRequestGetsAFreshState() throws Exception {
        try (TestAuth a = passdb("2.3.19",
                "n = (n or 0) + 1\nif req.user == 'count' then return 1, {password='x', n=n} end\n"
                        + "return dovecot.auth.PASSDB_RESULT_OK, {'a','b'}")) {
            assertThat(a.test("alice", "x").args()).containsExactly("user=alice", "code=temp_fail");
            assertThat(a.log).contains("auth-worker: Panic: Lua script '" + dir.resolve("auth.lua") + "': invalid key to 'next'",
                    "auth: Error: auth-worker: Aborted PASSV request for alice: Worker process died unexpectedly");
            assertThat(a.test("count", "x").args()).contains("n=1");
        }
    }

    @Test
    void falseStillSetsTheField() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_OK, {nopassword=false}")) {
            assertThat(a.test("alice", "anything").success()).isTrue();
        }
    }

    @Test
    void nextOnTheLastPassdbIsAnInternalFailureKeepingStringFields() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_NEXT, 'password=secret foo=bar'")) {
            assertThat(a.test("alice", "secret").args()).containsExactly("user=alice", "code=temp_fail", "foo=bar");
            assertThat(a.log).contains(
                    "auth: Error: lua(alice,10.0.0.1): Last passdb had noauthenticate field, cannot authenticate user");
        }
    }

    @Test
    void unknownResultCodesPanic() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return 7, 'xx'")) {
            assertThat(a.test("alice", "x").args()).contains("code=temp_fail");
            assertThat(a.log).contains("auth-worker: Panic: file passdb.c: line 298: unreached");
        }
    }

    @Test
    void userRewriteAddsOriginalUserAndAnEmptyField() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_OK, 'user=alice2 password=secret'")) {
            assertThat(a.test("chg", "secret").args()).containsExactly("user=alice2", "", "original_user=chg");
        }
    }

    @Test
    void protectedAndRemoveSuffixes() throws Exception {
        try (TestAuth a = passdb("2.3.19",
                "return dovecot.auth.PASSDB_RESULT_OK, 'password=x a=1 a:protected=2 b=1 b:remove c:protected=3'")) {
            assertThat(a.test("alice", "x").args()).containsExactly("user=alice", "a=1", "c=3");
        }
    }

    @Test
    void allowNetsMismatchTurnsOkIntoAFailure() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_OK, 'password=x allow_nets=192.168.0.0/16'")) {
            assertThat(a.test("alice", "x").success()).isFalse();
            assertThat(a.log).contains(
                    "auth-worker: Info: lua(alice,10.0.0.1): allow_nets check failed: IP 10.0.0.1 not in allowed networks");
        }
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_OK, 'password=x allow_nets=10.0.0.0/8'")) {
            // allow_nets is stored hidden: the only extra field is hidden, so the reply has an empty one
            assertThat(a.test("alice", "x").args()).containsExactly("user=alice", "");
        }
    }

    @Test
    void userdbPrefetchFieldsAreHiddenFromTheClient() throws Exception {
        try (TestAuth a = passdb("2.3.19", "return dovecot.auth.PASSDB_RESULT_OK, 'password=x userdb_uid=1000 host=h'")) {
            assertThat(a.test("alice", "x").args()).containsExactly("user=alice", "host=h");
        }
    }

    @Test
    void userdbStringFormAndUidResolution() throws Exception {
        try (TestAuth a = TestAuth.script(dir, "2.3.19",
                "function auth_userdb_lookup(req)\n if req.user == 'bad' then return 1, 'uid=nosuchuser_dovelua home=/h' end\n"
                        + " if req.user == 'worse' then return 1, 'uid=nosuchuser_dovelua' end\n"
                        + " return dovecot.auth.USERDB_RESULT_OK, 'uid=root gid=1000 home=/home/x'\nend\n")) {
            assertThat(a.user("alice").fields()).containsExactly("uid=0", "gid=1000", "home=/home/x");
            assertThat(a.user("bad").status()).isEqualTo("FAIL");
            assertThat(a.log).contains("auth-worker: Error: lua(bad): Invalid UID value 'nosuchuser_dovelua'");
            // nothing else changed: the worker's reply is only tempfail, which 2.3's auth process
            // cannot read (differential case 236)
            assertThatThrownBy(() -> a.user("worse")).hasMessageContaining("auth-fields.c: line 64");
        }
    }

    @Test
    void scriptInitMustReturnIntegerZeroIn23() throws Exception {
        assertThatThrownBy(() -> TestAuth.script(dir, "2.3.19", "function script_init() return nil end"))
                .isInstanceOf(AuthInitException.class)
                .hasMessage("passdb-lua: initialization failed: script_init() returned non-number");
        assertThatThrownBy(() -> TestAuth.script(dir, "2.3.19", "function script_init() return 1 end"))
                .hasMessage("passdb-lua: initialization failed: Script init failed");
        // lua_isinteger: the float 0.0 is no integer (docs/real-dovecot-2.3.19.md, observation 17)
        assertThatThrownBy(() -> TestAuth.script(dir, "2.3.19", "function script_init() return 0.0 end"))
                .hasMessage("passdb-lua: initialization failed: script_init() returned non-number");
        TestAuth.script(dir, "2.3.19", "function script_init() return 0 end").close();
        TestAuth.script(dir, "2.4.1", "function script_init(args) return nil end").close();
    }

    @Test
    void syntaxErrorFailsInitWithLuaLoad() throws Exception {
        assertThatThrownBy(() -> TestAuth.script(dir, "2.3.19", "function auth_passdb_lookup(req)\n"))
                .hasMessageStartingWith("passdb-lua: initialization failed: lua_load(" + dir.resolve("auth.lua") + ") failed: ");
    }

    @Test
    void missingLookupFunctionIsAnInternalFailure() throws Exception {
        try (TestAuth a = TestAuth.script(dir, "2.3.19", "x = 1")) {
            assertThat(a.test("alice", "x").args()).contains("code=temp_fail");
            assertThat(a.log).contains("auth-worker: Error: lua(alice,10.0.0.1): db-lua: 'auth_passdb_lookup' is not a function");
        }
    }

    @Test
    void constantsAndRequestMembers() throws Exception {
        try (TestAuth a = passdb("2.3.19", "req:log_info(table.concat({req.user, req.service, tostring(req.rip),"
                + " req.mech, tostring(req.password), tostring(req.domain), req:var_expand('%u/%n/%s/%r')}, '|'))\n"
                + "return dovecot.auth.PASSDB_RESULT_OK, {password='x'}")) {
            a.test("alice", "x");
            assertThat(a.log).contains("auth-worker: Info: lua(alice,10.0.0.1): db-lua: alice|doveadm|10.0.0.1|PLAIN|x|nil|alice/alice/doveadm/10.0.0.1");
        }
    }

    @Test
    void runawayLoopEndsTheRequestNotTheJvm() throws Exception {
        Path file = dir.resolve("loop.lua");
        java.nio.file.Files.writeString(file, "function auth_passdb_lookup(req) while true do end end\n");
        java.util.List<String> log = new java.util.ArrayList<>();
        AuthEngine e = new AuthSetup().callTimeout(java.time.Duration.ofMillis(300))
                .sink((p, l, m) -> log.add(p + ": " + l.label() + ": " + m)).fromScript(file);
        e.init();
        AuthInput in = new AuthInput();
        assertThat(e.authTest(in, "alice", "x").args()).contains("code=temp_fail");
        assertThat(log).contains("auth: Error: auth-worker: Aborted PASSV request for alice: Lookup timed out");
        e.close();
    }

    @Test
    void scriptDeinitRunsOnShutdownOnly() throws Exception {
        TestAuth a = TestAuth.script(dir, "2.3.19", "function script_deinit() dovecot.i_info('bye') end\n"
                + "function auth_passdb_lookup(req) return 1, 'password=x' end\n");
        a.test("alice", "x");
        a.engine.shutdown();
        // the auth process and the worker it started each hold a passdb and a userdb state
        assertThat(a.log.stream().filter(l -> l.endsWith(": Info: bye"))).hasSize(4);

        TestAuth b = TestAuth.script(dir, "2.3.19", "function script_deinit() error('nope') end\n");
        b.close();
        assertThat(b.log).noneMatch(l -> l.contains("script_deinit"));
        TestAuth c = TestAuth.script(dir, "2.3.19", "function script_deinit() error('nope') end\n");
        c.engine.shutdown();
        assertThat(c.log).anyMatch(l -> l.startsWith("auth: Error: script_deinit() failed: "
                + "lua_pcall(script_deinit, 0, 0) failed: "));
    }

    @Test
    void version24WordsInitFailuresAndChecksTheCacheKeyFunction() throws Exception {
        assertThatThrownBy(() -> TestAuth.script(dir, "2.4.1", "function script_init() error('no') end"))
                .hasMessageStartingWith("passdb-lua: script_init() failed: lua_pcall(script_init, 1, 0) failed: ");
        assertThatThrownBy(() -> TestAuth.script(dir, "2.4.1", "function auth_passdb_get_cache_key() return {} end"))
                .hasMessage("passdb-lua: auth_passdb_get_cache_key() failed: "
                        + "db-lua: auth_passdb_get_cache_key invalid return value (expected string, got table)");
        TestAuth.script(dir, "2.4.1", "function auth_passdb_get_cache_key() return '%{user}' end").close();
        assertThatThrownBy(() -> TestAuth.script(dir, "2.4.1", "function x(")).hasMessageStartingWith(
                "passdb-lua: Lua script '" + dir.resolve("auth.lua") + "': lua_load(");
    }
}
