package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP stubs through the Java API: routing, the exchanges on each result, rewinding, errors. */
class DoveluaStubsTest {
    private static final String SCRIPT = String.join("\n",
            "function auth_passdb_lookup(req)",
            "  local r = dovecot.http.client{}:request{url = 'https://api.example.com/who?u=' .. req.user}",
            "  local resp = r:submit()",
            "  return dovecot.auth.PASSDB_RESULT_OK, 'nopassword=y said=' .. resp:payload() .. ' status=' .. resp:status()",
            "end",
            "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1' end",
            "");

    @TempDir
    Path dir;

    private DoveluaBuilder builder() throws Exception {
        Path script = dir.resolve("auth.lua");
        Files.writeString(script, SCRIPT);
        Files.writeString(dir.resolve("api.yaml"), "responses:\n  - body: one\n  - body: two\n");
        return Dovelua.builder().script(script);
    }

    @Test
    void eachResultCarriesItsOwnExchanges() throws Exception {
        try (Dovelua d = builder().stub("https://api.example.com", "static", dir.resolve("api.yaml")).build()) {
            Result first = d.authTest("alice", "x");
            Result second = d.authTest("bob", "x");
            assertThat(first.field("said")).isEqualTo("one");
            assertThat(second.field("said")).isEqualTo("two");
            assertThat(first.http()).singleElement().satisfies(ex -> {
                assertThat(ex.method()).isEqualTo("GET");
                assertThat(ex.url()).isEqualTo("https://api.example.com/who?u=alice");
                assertThat(ex.requestHeader("host")).isEqualTo("api.example.com");
                assertThat(ex.status()).isEqualTo(200);
            });
            assertThat(second.http()).extracting(ex -> ex.url()).containsExactly("https://api.example.com/who?u=bob");
            d.resetStubs();
            assertThat(d.authTest("carol", "x").field("said")).isEqualTo("one");
        }
    }

    @Test
    void withoutAStubTheHostDoesNotResolve() throws Exception {
        try (Dovelua d = builder().build()) {
            Result r = d.authTest("alice", "x");
            assertThat(r.field("status")).isEqualTo("9002");
            assertThat(r.stderr()).contains("dovelua: hint: https://api.example.com/who?u=alice has no stub");
        }
    }

    @Test
    void aBadStubFileFailsWhenAdded() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "responses:\n  - stauts: 200\n");
        DoveluaBuilder b = builder();
        assertThatThrownBy(() -> b.stub("https://api.example.com", "static", dir.resolve("bad.yaml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir.resolve("bad.yaml") + ":2:")
                .hasMessageEndingWith(": unknown key 'stauts' (expected one of: action, body, delay_ms, headers, match, reason, status, status_line)");
        assertThatThrownBy(() -> b.stub("login.example.com", "static", dir.resolve("api.yaml")))
                .hasMessageContaining("not an http(s) URL prefix");
        assertThatThrownBy(() -> b.stub("https://x", "ldap", dir.resolve("api.yaml")))
                .hasMessageContaining("unknown stub kind 'ldap'");
    }
}
