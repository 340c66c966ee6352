package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --http-max-payload} reaches the HTTP client: a larger Content-Length is "Payload is too large". */
class HttpMaxPayloadOptionTest {
    @TempDir
    Path dir;

    @Test
    void theCeilingIsTheOptionsAndANegativeOneIsAUsageError() throws Exception {
        Path script = Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  local r = dovecot.http.client{}:request{url = 'https://api.example.com/big'}:submit()",
                "  req:log_warning(r:status() .. '|' .. r:reason() .. '|' .. #(r:payload() or ''))",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'",
                "end", ""));
        Path stub = Files.writeString(dir.resolve("big.yaml"), "responses:\n  - body: '" + "x".repeat(2000) + "'\n");
        String[] common = {"--script", script.toString(), "--stub", "https://api.example.com=static:" + stub};
        Main.Result small = Main.capture(concat(common, "--http-max-payload", "1000", "auth", "test", "alice", "pw"));
        assertThat(small.stderr()).contains("9007|Payload is too large|0");
        Main.Result big = Main.capture(concat(common, "--http-max-payload", "4000", "auth", "test", "alice", "pw"));
        assertThat(big.stderr()).contains("200|OK|2000");
        Main.Result negative = Main.capture(concat(common, "--http-max-payload", "-1", "auth", "test", "alice", "pw"));
        assertThat(negative.exitCode()).isEqualTo(64);
        assertThat(negative.stderr()).contains("a payload ceiling cannot be negative");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
