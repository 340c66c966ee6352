package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class MiscMockTest {
    private static MockHarness harness() {
        return new MockHarness("nauthilus_misc", null, MiscMock::new);
    }

    @Test
    void answersAndArgumentTexts() {
        try (MockHarness h = harness()) {
            Varargs r = h.run("local m = require('nauthilus_misc')\n"
                    + "local c, ce = m.get_country_name('DE')\n"
                    + "local w, we = m.wait_random(50, 200.9)\n"
                    + "local ip, ie = m.scoped_ip(nil, '2001:db8::1')\n"
                    + "return c, ce, w, we, ip, ie");
            assertThat(r.arg(1).tojstring()).isEqualTo("MockCountry");
            assertThat(r.arg(2).isnil()).isTrue();
            assertThat(r.arg(3).todouble()).isEqualTo(50);
            assertThat(r.arg(4).isnil()).isTrue();
            assertThat(r.arg(5).tojstring()).isEqualTo("2001:db8::1");
            assertThat(r.arg(6).isnil()).isTrue();
            // CheckInt truncates 200.9 to 200
            assertThat(h.calls.calls).containsExactly("get_country_name|DE", "wait_random|50:200",
                    "scoped_ip|2001:db8::1");
        }
    }

    @Test
    void anEmptyWaitRangeAndMismatches() {
        try (MockHarness h = harness()) {
            h.calls.failCall(2).failCall(3);
            Varargs r = h.run("local m = require('nauthilus_misc')\n"
                    + "local w, we = m.wait_random(5, 5)\n"
                    + "local c, ce = m.get_country_name('FR')\n"
                    + "local ip, ie = m.scoped_ip('ctx', '10.0.0.1')\n"
                    + "return w, we, c, ce, ip, ie");
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).tojstring()).isEqualTo("invalid wait range");
            assertThat(r.arg(3).tojstring()).isEqualTo("Unknown");
            assertThat(r.arg(4).tojstring()).isEqualTo("mismatch #2 get_country_name");
            assertThat(r.arg(5).isnil()).isTrue();
            assertThat(r.arg(6).tojstring()).isEqualTo("mismatch #3 scoped_ip");
        }
    }

    @Test
    void argumentErrors() {
        try (MockHarness h = harness()) {
            assertThat(h.error("require('nauthilus_misc').wait_random('1', 2)"))
                    .contains("bad argument #1 to wait_random (number expected, got string)");
            assertThat(h.error("require('nauthilus_misc').scoped_ip()"))
                    .contains("bad argument #1 to scoped_ip (value expected)");
            assertThat(h.calls.calls).isEmpty();
        }
    }
}
