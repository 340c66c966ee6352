package org.dovelua.auth.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dovelua.auth.TestAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code req:password_verify} (spec §5.3 / C.8) and the passdb verify chain (C.7) from a Lua passdb. */
class PasswordVerifyLuaTest {
    @TempDir
    Path dir;

    /** The script returns req:password_verify's two values as fields, and OK. */
    private TestAuth verifying(String version, String crypted) throws Exception {
        return TestAuth.script(dir, version, "function auth_passdb_lookup(req)\n"
                + "  local code, err = req:password_verify([[" + crypted + "]], req.password)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {nopassword='y', code=tostring(code), err=tostring(err)}\n"
                + "end\nfunction auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {} end\n");
    }

    private String[] codeAndError(String version, String crypted, String user, String plain) throws Exception {
        try (TestAuth a = verifying(version, crypted)) {
            var args = a.test(user, plain).args();
            String code = args.stream().filter(s -> s.startsWith("code=")).findFirst().orElseThrow().substring(5);
            String err = args.stream().filter(s -> s.startsWith("err=")).findFirst().orElseThrow().substring(4);
            return new String[] {code, err};
        }
    }

    @Test
    void matchMismatchUnknownAndBadData() throws Exception {
        assertThat(codeAndError("2.3.19", "{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M=", "alice", "test"))
                .containsExactly("1.0", "nil");
        assertThat(codeAndError("2.3.19", "{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M=", "alice", "nope"))
                .containsExactly("0.0", "Password mismatch");
        assertThat(codeAndError("2.3.19", "{FOO}x", "alice", "test")).containsExactly("0.0", "Unknown scheme FOO");
        assertThat(codeAndError("2.3.19", "{SHA1}zz", "alice", "test"))
                .containsExactly("-1.0", "Password data is not valid for scheme SHA1: Input isn't valid base64 encoded data");
        assertThat(codeAndError("2.3.19", "{SSHA}aa==", "alice", "test"))
                .containsExactly("-1.0", "SSHA password is too short");
        // no {SCHEME}: PLAIN, not the passdb default
        assertThat(codeAndError("2.3.19", "test", "alice", "test")).containsExactly("1.0", "nil");
    }

    @Test
    void digestMd5UsesTheOriginalUserName() throws Exception {
        assertThat(codeAndError("2.3.19", "{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d", "testuser1", "test"))
                .containsExactly("1.0", "nil");
    }

    @Test
    void weakSchemeIsRefusedIn24() throws Exception {
        assertThat(codeAndError("2.4.0", "{PLAIN-MD5}098f6bcd4621d373cade4e832627b4f6", "alice", "test"))
                .containsExactly("-1.0", "Weak password scheme 'PLAIN-MD5' used and refused");
        assertThat(codeAndError("2.3.19", "{PLAIN-MD5}098f6bcd4621d373cade4e832627b4f6", "alice", "test"))
                .containsExactly("1.0", "nil");
    }

    @Test
    void passdbPasswordWithSchemeIsVerifiedAndErrorsAreLogged() throws Exception {
        String lua = "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password=req.user == 'bad' and '{SSHA}aa==' or "
                + "'{SHA512-CRYPT}$6$rounds=1000$0123456789abcdef$ZIAd5WqfyLkpvsVCVUU1GrvqaZTqvhJoouxdSqJO71l9Ld3tVrfOatEjarhghvEYADkq//LpDnTeO90tcbtHR1'}\n"
                + "end\nfunction auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {} end\n";
        try (TestAuth a = TestAuth.script(dir, "2.3.19", lua)) {
            assertThat(a.test("alice", "08/15!test~4711").success()).isTrue();
            assertThat(a.test("alice", "wrong").success()).isFalse();
            assertThat(a.test("bad", "x").success()).isFalse();
            assertThat(a.log).anyMatch(l -> l.endsWith("Invalid password in passdb: SSHA password is too short"));
        }
    }

    /** 2.4.1 (seen in Debian trixie): a verify error in the Lua passdb path is an internal failure. */
    @Test
    void weakPassdbPasswordIsAnInternalFailureIn24() throws Exception {
        String lua = "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = '{LDAP-MD5}CY9rzUYh03PK3k6DJie09g=='}\n"
                + "end\nfunction auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {} end\n";
        try (TestAuth a = TestAuth.script(dir, "2.4.1", lua)) {
            assertThat(a.test("alice", "test").args()).containsExactly("user=alice", "code=temp_fail");
            assertThat(a.log).anyMatch(l -> l.endsWith(
                    "Invalid password in passdb: Weak password scheme 'LDAP-MD5' used and refused"));
        }
        try (TestAuth a = TestAuth.script(dir, "2.3.19", lua)) {
            assertThat(a.test("alice", "test").success()).isTrue();
        }
    }
}
