package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

/** nauthilus_dns, nauthilus_brute_force and nauthilus_psnet: the three single-answer mocks. */
class DnsBruteForcePsnetMockTest {
    @Test
    void dnsLookupAnswersTheResultForTheNameOrAnEmptyTable() {
        String block = "{'lookup_result': {'mx.example.org': ['192.0.2.1', null, '192.0.2.2'], 'n.example': null}}";
        try (MockHarness h = new MockHarness("nauthilus_dns", block, DnsMock::new)) {
            Varargs r = h.run("local d = require('nauthilus_dns')\n"
                    + "local a = d.lookup('mx.example.org')\n"
                    + "local b = d.lookup('other')\n"
                    + "local c = d.lookup('n.example')\n"
                    + "return #a, a[1], a[2], type(b), next(b), c");
            // GoToLuaValue appends: the null leaves no hole
            assertThat(r.arg(1).toint()).isEqualTo(2);
            assertThat(r.arg(2).tojstring()).isEqualTo("192.0.2.1");
            assertThat(r.arg(3).tojstring()).isEqualTo("192.0.2.2");
            assertThat(r.arg(4).tojstring()).isEqualTo("table");
            assertThat(r.arg(5).isnil()).isTrue();
            assertThat(r.arg(6).isnil()).isTrue();
            assertThat(h.calls.calls).containsExactly("lookup|mx.example.org", "lookup|other", "lookup|n.example");
        }
    }

    @Test
    void dnsMismatchAnswersALoneNil() {
        try (MockHarness h = new MockHarness("nauthilus_dns", "{'lookup_result': {'x': 'y'}}", DnsMock::new)) {
            h.calls.failCall(1);
            Varargs r = h.run("local d = require('nauthilus_dns')\n"
                    + "local function pack(...) return select('#', ...), ... end\n"
                    + "local n, v = pack(d.lookup('x'))\n"
                    + "return n, v, d.lookup('x')");
            assertThat(r.arg(1).toint()).isEqualTo(1);
            assertThat(r.arg(2).isnil()).isTrue();
            assertThat(r.arg(3).tojstring()).isEqualTo("y");
        }
    }

    @Test
    void bruteForceIgnoresMismatches() {
        try (MockHarness h = new MockHarness("nauthilus_brute_force", "{'is_blocked': true, 'increment_by': 3}",
                BruteForceMock::new)) {
            h.calls.failCall(1).failCall(2);
            Varargs r = h.run("local b = require('nauthilus_brute_force')\nreturn b.is_blocked(), b.increment()");
            assertThat(r.arg(1).toboolean()).isTrue();
            assertThat(r.arg(2).todouble()).isEqualTo(3);
            assertThat(h.calls.calls).containsExactly("is_blocked|", "increment|");
        }
        try (MockHarness h = new MockHarness("nauthilus_brute_force", "{'increment_by': -2}", BruteForceMock::new)) {
            Varargs r = h.run("local b = require('nauthilus_brute_force')\nreturn b.is_blocked(), b.increment()");
            assertThat(r.arg(1).toboolean()).isFalse();
            assertThat(r.arg(2).todouble()).isEqualTo(1);
        }
    }

    @Test
    void psnetStatsOrTheDefault() {
        try (MockHarness h = new MockHarness("nauthilus_psnet", "{'stats': {'connections': 7, 'peers': {'a': 1}}}",
                PsnetMock::new)) {
            h.calls.failCall(1);
            Varargs r = h.run("local s = require('nauthilus_psnet').get_stats('imap')\nreturn s.connections, s.peers.a");
            assertThat(r.arg(1).todouble()).isEqualTo(7);
            assertThat(r.arg(2).todouble()).isEqualTo(1);
            assertThat(h.calls.calls).containsExactly("get_stats|imap");
            // OptString refuses a number, unlike CheckString
            assertThat(h.error("require('nauthilus_psnet').get_stats(1)"))
                    .contains("bad argument #1 to get_stats (string expected, got number)");
        }
        try (MockHarness h = new MockHarness("nauthilus_psnet", null, PsnetMock::new)) {
            Varargs r = h.run("local s = require('nauthilus_psnet').get_stats()\nreturn s.connections");
            assertThat(r.arg(1).todouble()).isEqualTo(0);
            assertThat(h.calls.calls).containsExactly("get_stats|");
        }
    }
}
