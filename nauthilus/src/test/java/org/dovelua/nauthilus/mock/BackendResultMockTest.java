package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class BackendResultMockTest {
    private static final String BLOCK = "{'authenticated': true, 'account_field': 'uid', 'totp_recovery': ['r1', 'r2'],"
            + " 'display_name': 'Alice', 'attributes': {'mail': 'a@x'}}";

    @Test
    void newIsSeededFromTheBlockAndAccessorsGetAndSet() {
        try (MockHarness h = new MockHarness("nauthilus_backend_result", BLOCK, BackendResultMock::new)) {
            Varargs r = h.run("local br = require('nauthilus_backend_result').new()\n"
                    + "local a, u, acc, rec, dn = br:authenticated(), br:user_found(), br:account_field(),"
                    + " br:totp_recovery_field(), br:display_name_field()\n"
                    + "br:user_found(true)\n"
                    + "br:unique_user_id_field(42)\n"
                    + "br:attributes({role = 'admin'})\n"
                    + "br:webauthn_credentials({'c1', 2})\n"
                    + "return a, u, acc, rec, dn, br:attributes().role, br:attributes().mail, br:webauthn_credentials()[2], br");
            assertThat(r.arg(1).toboolean()).isTrue();
            assertThat(r.arg(2).toboolean()).isFalse();
            assertThat(r.arg(3).tojstring()).isEqualTo("uid");
            assertThat(r.arg(4).tojstring()).isEqualTo("r1");
            assertThat(r.arg(5).tojstring()).isEqualTo("Alice");
            assertThat(r.arg(6).tojstring()).isEqualTo("admin");
            assertThat(r.arg(7).isnil()).as("attributes are replaced, not merged").isTrue();
            assertThat(r.arg(8).tojstring()).isEqualTo("2");
            BackendResultMock.Value v = BackendResultMock.valueOf(r.arg(9));
            assertThat(v.userFound).isTrue();
            assertThat(v.uniqueUserIdField).isEqualTo("42");
            assertThat(v.webAuthnCredentials).containsExactly("c1", "2");
            assertThat(h.calls.calls).containsExactly("new|", "authenticated|", "user_found|", "account_field|",
                    "totp_recovery_field|", "display_name_field|", "user_found|", "unique_user_id_field|", "attributes|",
                    "webauthn_credentials|", "attributes|", "attributes|", "webauthn_credentials|");
        }
    }

    @Test
    void assignmentGoesThroughNewindexWithoutARecordedCall() {
        try (MockHarness h = new MockHarness("nauthilus_backend_result", null, BackendResultMock::new)) {
            Varargs r = h.run("local br = require('nauthilus_backend_result').new()\n"
                    + "br.authenticated = 1\n"
                    + "br.user_found = false\n"
                    + "br.account_field = 7.5\n"
                    + "br.display_name = 'Bob'\n"
                    + "br.unique_user_id = {}\n"
                    + "br.attributes = {'not', 'a', 'map'}\n"
                    + "br.unknown = 'ignored'\n"
                    + "return br, br.unknown");
            BackendResultMock.Value v = BackendResultMock.valueOf(r.arg1());
            assertThat(v.authenticated).isTrue();
            assertThat(v.userFound).isFalse();
            assertThat(v.accountField).isEqualTo("7.5");
            assertThat(v.displayNameField).isEqualTo("Bob");
            assertThat(v.uniqueUserIdField).isEmpty();
            assertThat(v.attributes).isEmpty();
            assertThat(r.arg(2).isnil()).isTrue();
            assertThat(v.toMap()).containsEntry("unique_user_id", "").containsEntry("authenticated", true)
                    .doesNotContainKey("webauthn_credentials");
            assertThat(h.calls.calls).containsExactly("new|");
        }
    }

    @Test
    void errors() {
        try (MockHarness h = new MockHarness("nauthilus_backend_result", null, BackendResultMock::new)) {
            assertThat(h.error("local br = require('nauthilus_backend_result').new()\nbr:authenticated('yes')"))
                    .contains("bad argument #2 to authenticated (boolean expected, got string)");
            assertThat(h.error("local br = require('nauthilus_backend_result').new()\nbr.account_field(io.stdout)"))
                    .contains("backend_result expected");
            h.calls.failCall(h.calls.calls.size() + 1);
            assertThat(h.error("require('nauthilus_backend_result').new()")).endsWith("mismatch #" + h.calls.calls.size() + " new");
        }
    }

    @Test
    void valueOfOtherValuesIsNull() {
        assertThat(BackendResultMock.valueOf(org.luaj.vm2.LuaValue.valueOf("x"))).isNull();
        assertThat(new BackendResultMock.Value().toMap().keySet()).containsExactly("authenticated", "user_found",
                "account_field", "totp_secret_field", "totp_recovery_field", "unique_user_id", "display_name_field",
                "attributes");
    }
}
