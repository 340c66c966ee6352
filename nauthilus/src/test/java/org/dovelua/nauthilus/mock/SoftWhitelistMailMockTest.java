package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

/** nauthilus_soft_whitelist and nauthilus_mail. */
class SoftWhitelistMailMockTest {
    @Test
    void softWhitelistKeepsListsPerEnvironmentAndUser() {
        String block = "{'entries': {'env1:alice': ['10.0.0.0/8']}}";
        try (MockHarness h = new MockHarness("nauthilus_soft_whitelist", block, SoftWhitelistMock::new)) {
            Varargs r = h.run("local w = require('nauthilus_soft_whitelist')\n"
                    + "local ok, e = w.soft_whitelist_set('alice', '192.0.2.0/24', 'env1')\n"
                    + "w.soft_whitelist_set('alice', '10.0.0.0/8', 'env1')\n"
                    + "w.soft_whitelist_delete('alice', '10.0.0.0/8', 'env1')\n"
                    + "local l = w.soft_whitelist_get('alice', 'env1')\n"
                    + "local other = w.soft_whitelist_get('alice', 'env2')\n"
                    + "return ok, e, #l, l[1], #other");
            assertThat(r.arg(1).tojstring()).isEqualTo("OK");
            assertThat(r.arg(2).isnil()).isTrue();
            // delete drops every equal entry
            assertThat(r.arg(3).toint()).isEqualTo(1);
            assertThat(r.arg(4).tojstring()).isEqualTo("192.0.2.0/24");
            assertThat(r.arg(5).toint()).isZero();
            assertThat(h.calls.calls).containsExactly("soft_whitelist_set|alice:env1", "soft_whitelist_set|alice:env1",
                    "soft_whitelist_delete|alice:env1", "soft_whitelist_get|alice:env1", "soft_whitelist_get|alice:env2");
        }
    }

    @Test
    void softWhitelistMismatches() {
        try (MockHarness h = new MockHarness("nauthilus_soft_whitelist", null, SoftWhitelistMock::new)) {
            h.calls.failCall(1).failCall(2);
            Varargs r = h.run("local w = require('nauthilus_soft_whitelist')\n"
                    + "local ok, e = w.soft_whitelist_set('bob', '1.2.3.4', 'env')\n"
                    + "local l, le = w.soft_whitelist_get('bob', 'env')\n"
                    + "return ok, e, type(l), #l, le");
            assertThat(r.arg(1).tojstring()).isEmpty();
            assertThat(r.arg(2).tojstring()).isEqualTo("mismatch #1 soft_whitelist_set");
            assertThat(r.arg(3).tojstring()).isEqualTo("table");
            // the failed set stored nothing
            assertThat(r.arg(4).toint()).isZero();
            assertThat(r.arg(5).tojstring()).isEqualTo("mismatch #2 soft_whitelist_get");
        }
    }

    @Test
    void mailSendsNothingAndAnswersTheErrorAlone() {
        try (MockHarness h = new MockHarness("nauthilus_mail", null, MailMock::new)) {
            h.calls.failCall(3);
            Varargs r = h.run("local m = require('nauthilus_mail')\n"
                    + "local a = m.send_mail({server = 'smtp.example', port = 25})\n"
                    + "local b = m.send_mail({})\n"
                    + "local c = m.send_mail({server = 25})\n"
                    + "return a, b, c");
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).isnil()).isTrue();
            assertThat(r.arg(3).tojstring()).isEqualTo("mismatch #3 send_mail");
            // a missing server is gopher's "nil" text
            assertThat(h.calls.calls).containsExactly("send_mail|smtp.example", "send_mail|nil", "send_mail|25");
        }
        try (MockHarness h = new MockHarness("nauthilus_mail", "{'send_error': 'relay denied'}", MailMock::new)) {
            assertThat(h.run("return require('nauthilus_mail').send_mail({server='s'})").arg1().tojstring())
                    .isEqualTo("relay denied");
            assertThat(h.error("require('nauthilus_mail').send_mail('s')"))
                    .contains("bad argument #1 to send_mail (table expected, got string)");
        }
    }
}
