package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class LdapMockTest {
    @Test
    void defaults() {
        try (MockHarness h = new MockHarness("nauthilus_ldap", null, LdapMock::new)) {
            Varargs r = h.run("local l = require('nauthilus_ldap')\n"
                    + "local s = l.ldap_search({})\n"
                    + "local host, port, err = l.ldap_endpoint('pool')\n"
                    + "return next(s), l.ldap_modify({}), host, port, err");
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).tojstring()).isEqualTo("OK");
            assertThat(r.arg(3).tojstring()).isEqualTo("localhost");
            assertThat(r.arg(4).todouble()).isEqualTo(389);
            assertThat(r.arg(5).isnil()).isTrue();
            assertThat(h.calls.calls).containsExactly("ldap_search|search", "ldap_endpoint|endpoint", "ldap_modify|modify");
        }
    }

    @Test
    void blockValuesAndErrors() {
        String block = "{'search_result': {'mail': ['a@x', 'b@x'], 'cn': null}, 'modify_ok': false,"
                + " 'endpoint_host': 'ldap1', 'endpoint_port': 636}";
        try (MockHarness h = new MockHarness("nauthilus_ldap", block, LdapMock::new)) {
            Varargs r = h.run("local l = require('nauthilus_ldap')\n"
                    + "local s = l.ldap_search()\n"
                    + "local m, me = l.ldap_modify()\n"
                    + "local host, port = l.ldap_endpoint()\n"
                    + "return #s.mail, s.mail[2], #s.cn, m, me, host, port");
            assertThat(r.arg(1).toint()).isEqualTo(2);
            assertThat(r.arg(2).tojstring()).isEqualTo("b@x");
            assertThat(r.arg(3).toint()).isZero();
            assertThat(r.arg(4).isnil()).isTrue();
            assertThat(r.arg(5).tojstring()).isEqualTo("mock ldap modify failed");
            assertThat(r.arg(6).tojstring()).isEqualTo("ldap1");
            assertThat(r.arg(7).todouble()).isEqualTo(636);
        }
        String errors = "{'search_error': 'no such object', 'modify_error': 'busy', 'endpoint_error': 'down'}";
        try (MockHarness h = new MockHarness("nauthilus_ldap", errors, LdapMock::new)) {
            Varargs r = h.run("local l = require('nauthilus_ldap')\n"
                    + "local s, se = l.ldap_search()\n"
                    + "local m, me = l.ldap_modify()\n"
                    + "local host, port, ee = l.ldap_endpoint()\n"
                    + "return s, se, m, me, host, port, ee");
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).tojstring()).isEqualTo("no such object");
            assertThat(r.arg(4).tojstring()).isEqualTo("busy");
            assertThat(r.arg(5).isnil()).isTrue();
            assertThat(r.arg(6).isnil()).isTrue();
            assertThat(r.arg(7).tojstring()).isEqualTo("down");
        }
    }

    @Test
    void aMismatchComesBackLikeAnError() {
        try (MockHarness h = new MockHarness("nauthilus_ldap", "{'search_result': {'a': ['b']}}", LdapMock::new)) {
            h.calls.failCall(1).failCall(2);
            Varargs r = h.run("local l = require('nauthilus_ldap')\n"
                    + "local s, se = l.ldap_search()\n"
                    + "local host, port, ee = l.ldap_endpoint()\n"
                    + "return s, se, host, port, ee");
            assertThat(r.arg(1).isnil()).isTrue();
            assertThat(r.arg(2).tojstring()).isEqualTo("mismatch #1 ldap_search");
            assertThat(r.arg(3).isnil()).isTrue();
            assertThat(r.arg(4).isnil()).isTrue();
            assertThat(r.arg(5).tojstring()).isEqualTo("mismatch #2 ldap_endpoint");
        }
    }
}
