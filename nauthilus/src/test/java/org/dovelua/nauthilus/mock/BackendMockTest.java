package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class BackendMockTest {
    private static final String BLOCK = "{'backend_servers': [{'protocol': 'imap', 'host': 'imap1', 'port': 993, 'tls': true},"
            + " {'protocol': 'smtp', 'host': 'mx1'}]}";

    @Test
    void serversSelectionAndResultEditsAreKeptForTheRunner() {
        try (MockHarness h = new MockHarness("nauthilus_backend", BLOCK, BackendMock::new)) {
            Varargs r = h.run("local b = require('nauthilus_backend')\n"
                    + "local s = b.get_backend_servers()\n"
                    + "b.select_backend_server(s[1].host, s[1].port)\n"
                    + "b.apply_backend_result({[1] = 'x', k = 'v'})\n"
                    + "b.remove_from_backend_result({'mail', 3})\n"
                    + "return #s, s[1].protocol, s[1].port, s[1].tls, s[2].port, s[2].deep_check, s[1].nope");
            assertThat(r.arg(1).toint()).isEqualTo(2);
            assertThat(r.arg(2).tojstring()).isEqualTo("imap");
            assertThat(r.arg(3).todouble()).isEqualTo(993);
            assertThat(r.arg(4).toboolean()).isTrue();
            assertThat(r.arg(5).todouble()).isZero();
            assertThat(r.arg(6).toboolean()).isFalse();
            assertThat(r.arg(7).isnil()).isTrue();
            BackendMock b = (BackendMock) h.module;
            assertThat(b.selectedHost()).isEqualTo("imap1");
            assertThat(b.selectedPort()).isEqualTo(993L);
            assertThat(b.appliedBackendResult()).isEqualTo(Map.of("1", "x", "k", "v"));
            assertThat(b.removedFromAttributes()).containsExactly("mail", "3");
            assertThat(h.calls.calls).containsExactly("get_backend_servers|", "select_backend_server|imap1",
                    "apply_backend_result|", "remove_from_backend_result|");
        }
    }

    @Test
    void applyTakesABackendResultUserdataAndIgnoresAnArray() {
        try (MockHarness h = new MockHarness("nauthilus_backend", null, BackendMock::new)) {
            BackendResultMock br = new BackendResultMock(MockHarness.block("{'account_field': 'uid'}"), (m, a) -> null);
            h.state.globals().set("br", br.newUserdata());
            h.run("require('nauthilus_backend').apply_backend_result(br)");
            BackendMock b = (BackendMock) h.module;
            assertThat(b.appliedBackendResult()).containsEntry("account_field", "uid");
            h.run("require('nauthilus_backend').apply_backend_result({'a', 'b'})");
            assertThat(b.appliedBackendResult()).containsEntry("account_field", "uid");
            assertThat(b.selectedHost()).isEmpty();
            assertThat(b.selectedPort()).isNull();
        }
    }

    @Test
    void mismatchesRaiseAndArgumentsAreCheckedInUpstreamOrder() {
        try (MockHarness h = new MockHarness("nauthilus_backend", BLOCK, BackendMock::new)) {
            h.calls.failCall(1);
            assertThat(h.error("require('nauthilus_backend').select_backend_server('h', 1)"))
                    .endsWith("mismatch #1 select_backend_server");
            assertThat(((BackendMock) h.module).selectedHost()).isEmpty();
            assertThat(h.error("require('nauthilus_backend').select_backend_server('h', '1')"))
                    .contains("bad argument #2 to select_backend_server (number expected, got string)");
            // remove_from_backend_result checks its table before recording
            assertThat(h.error("require('nauthilus_backend').remove_from_backend_result()"))
                    .contains("bad argument #1 to remove_from_backend_result (table expected, got nil)");
            // apply_backend_result records before checking
            assertThat(h.error("require('nauthilus_backend').apply_backend_result()"))
                    .contains("bad argument #1 to apply_backend_result (value expected)");
            assertThat(h.calls.calls).containsExactly("select_backend_server|h", "apply_backend_result|");
        }
    }
}
