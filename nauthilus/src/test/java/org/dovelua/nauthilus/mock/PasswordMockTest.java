package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class PasswordMockTest {
    private static MockHarness harness(String block) {
        return new MockHarness("nauthilus_password", block, PasswordMock::new);
    }

    @Test
    void absentBlockAnswersGoZeroValuesAndTheDefaultHash() {
        try (MockHarness h = harness(null)) {
            Varargs r = h.run("local p = require('nauthilus_password')\n"
                    + "local c, ce = p.compare_passwords('{SSHA}x', 'secret')\n"
                    + "local pol, pe = p.check_password_policy({}, 'pw1')\n"
                    + "local hash, he = p.generate_password_hash('pw2')\n"
                    + "return c, ce, pol, pe, hash, he");
            assertThat(r.arg(1).toboolean()).isFalse();
            assertThat(r.arg(2).isnil()).isTrue();
            assertThat(r.arg(3).toboolean()).isFalse();
            assertThat(r.arg(4).isnil()).isTrue();
            assertThat(r.arg(5).tojstring()).isEqualTo(PasswordMock.DEFAULT_HASH).hasSize(64);
            assertThat(r.arg(6).isnil()).isTrue();
            assertThat(h.calls.calls).containsExactly("compare_passwords|{SSHA}x:secret",
                    "check_password_policy|pw1", "generate_password_hash|pw2");
        }
    }

    @Test
    void blockValuesAreAnswered() {
        try (MockHarness h = harness("{'compare_result': true, 'policy_result': true, 'generated_hash': 'h1'}")) {
            Varargs r = h.run("local p = require('nauthilus_password')\n"
                    + "return p.compare_passwords('a', 12), p.check_password_policy({}, 3.5), p.generate_password_hash('x')");
            assertThat(r.arg(1).toboolean()).isTrue();
            assertThat(r.arg(2).toboolean()).isTrue();
            assertThat(r.arg(3).tojstring()).isEqualTo("h1");
            // numbers pass CheckString as gopher's number text
            assertThat(h.calls.calls).containsExactly("compare_passwords|a:12", "check_password_policy|3.5",
                    "generate_password_hash|x");
        }
    }

    @Test
    void aMismatchIsReturnedNotRaised() {
        try (MockHarness h = harness("{'compare_result': true}")) {
            h.calls.failCall(1).failCall(2).failCall(3);
            Varargs r = h.run("local p = require('nauthilus_password')\n"
                    + "local c, ce = p.compare_passwords('a', 'b')\n"
                    + "local pol, pe = p.check_password_policy({}, 'c')\n"
                    + "local hash, he = p.generate_password_hash('d')\n"
                    + "return c, ce, pol, pe, hash, he");
            assertThat(r.arg(1).toboolean()).isFalse();
            assertThat(r.arg(2).tojstring()).isEqualTo("mismatch #1 compare_passwords");
            assertThat(r.arg(3).toboolean()).isFalse();
            assertThat(r.arg(4).tojstring()).isEqualTo("mismatch #2 check_password_policy");
            assertThat(r.arg(5).isnil()).isTrue();
            assertThat(r.arg(6).tojstring()).isEqualTo("mismatch #3 generate_password_hash");
        }
    }

    @Test
    void argumentsAreCheckedBeforeTheCallIsRecorded() {
        try (MockHarness h = harness(null)) {
            assertThat(h.error("require('nauthilus_password').compare_passwords(nil, 'x')"))
                    .contains("bad argument #1 to compare_passwords (string expected, got nil)");
            assertThat(h.error("require('nauthilus_password').check_password_policy('x', 'y')"))
                    .contains("bad argument #1 to check_password_policy (table expected, got string)");
            assertThat(h.calls.calls).isEmpty();
        }
    }
}
