package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovelua bench}: the requests' log lines are counted, and printed only when asked (issue 18). */
class BenchCommandTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Files.writeString(dir.resolve("a.lua"), "function auth_passdb_lookup(req) req:log_info('hi') "
                + "return dovecot.auth.PASSDB_RESULT_OK, 'password=pw' end\n");
        return Files.writeString(dir.resolve("dovecot.conf"), "auth_verbose = yes\npassdb {\n driver = lua\n"
                + " args = file=/etc/dovecot/a.lua\n}\nuserdb {\n driver = static\n args = uid=1 allow_all_users\n}\n");
    }

    @Test
    void requestLogLinesAreCountedNotPrinted() throws Exception {
        Main.Result r = Main.capture("-c", config().toString(), "--mount", "/etc/dovecot=" + dir, "bench", "-n", "5",
                "--warmup", "2", "u", "pw");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("5 requests in");
        // 2 warm-up and 5 measured requests: one summary line instead of seven
        assertThat(r.stderr().lines()).containsExactly(
                "dovelua: bench: the requests logged 7 lines, not shown (--show-logs prints them);"
                        + " the first: auth-worker: Info: lua(u): db-lua: hi");
    }

    @Test
    void showLogsPrintsThem() throws Exception {
        Main.Result r = Main.capture("-c", config().toString(), "--mount", "/etc/dovecot=" + dir, "bench", "-n", "5",
                "--warmup", "2", "--show-logs", "u", "pw");
        assertThat(r.stderr().lines().filter(l -> l.equals("auth-worker: Info: lua(u): db-lua: hi"))).hasSize(7);
        assertThat(r.stderr()).doesNotContain("not shown");
    }

    @Test
    void workersEachHaveTheirOwnAuthProcessAndTheFiguresComeAsJson() throws Exception {
        // a global counter per Lua state: each worker's process counts its own requests
        Files.writeString(dir.resolve("a.lua"), "n = 0\nfunction auth_passdb_lookup(req) n = n + 1 "
                + "if n == 4 then req:log_warning('fourth in this state') end "
                + "return dovecot.auth.PASSDB_RESULT_OK, 'password=pw' end\n");
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "passdb {\n driver = lua\n"
                + " args = file=/etc/dovecot/a.lua\n}\nuserdb {\n driver = static\n args = uid=1 allow_all_users\n}\n");
        Main.Result r = Main.capture("-c", conf.toString(), "--mount", "/etc/dovecot=" + dir, "bench", "-n", "6",
                "--warmup", "1", "--concurrency", "3", "--json", "u", "pw");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertThat(j.get("requests").asInt()).isEqualTo(6);
        assertThat(j.get("concurrency").asInt()).isEqualTo(3);
        assertThat(j.get("p50_us").asDouble()).isPositive();
        // 1 warm-up + 2 measured per worker: no state reaches its fourth request
        assertThat(j.get("log_lines").asInt()).isZero();
        Main.Result one = Main.capture("-c", conf.toString(), "--mount", "/etc/dovecot=" + dir, "bench", "-n", "6",
                "--warmup", "1", "--json", "u", "pw");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(one.stdout()).get("log_lines").asInt())
                .isEqualTo(1);
    }

    @Test
    void aDurationMeasuresForThatLong() throws Exception {
        Main.Result r = Main.capture("-c", config().toString(), "--mount", "/etc/dovecot=" + dir, "bench",
                "--duration", "0.3", "--warmup", "0", "u", "pw");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).matches("(?s)[1-9][0-9]* requests in [0-9]+\\.[0-9]{3} s: .*");
        Main.Result bad = Main.capture("-c", config().toString(), "bench", "--concurrency", "0", "u", "pw");
        assertThat(bad.exitCode()).isEqualTo(64);
    }

    @Test
    void startupReportsAuthProcessStarts() throws Exception {
        // issue 20: the warm-JVM cost of starting an auth process, as figures (their values are not asserted)
        Files.writeString(dir.resolve("a.lua"), "function auth_passdb_lookup(req) "
                + "return dovecot.auth.PASSDB_RESULT_OK, 'password=pw' end\n");
        Main.Result r = Main.capture("--script", dir.resolve("a.lua").toString(), "bench", "--startup", "3", "u", "pw");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout().lines().toList()).hasSize(2);
        assertThat(r.stdout()).startsWith("3 auth process starts (after 20 unmeasured): p50 ")
                .contains("with the first request (auth worker start): p50 ");
        Main.Result json = Main.capture("--script", dir.resolve("a.lua").toString(), "bench", "--startup", "2", "--json",
                "u", "pw");
        assertThat(json.stdout()).startsWith("{\"starts\":2,\"start_p50_ms\":");
    }

    @Test
    void startupOfAScriptThatDoesNotStartSaysSo() throws Exception {
        Files.writeString(dir.resolve("bad.lua"), "function auth_passdb_lookup(req)\n  return (\nend\n");
        Main.Result r = Main.capture("--script", dir.resolve("bad.lua").toString(), "bench", "--startup", "2", "u", "pw");
        assertThat(r.exitCode()).isEqualTo(75);
        assertThat(r.stderr()).contains("unexpected symbol near 'end'").endsWith(
                "dovelua: bench: the auth process does not start\n");
    }
}
