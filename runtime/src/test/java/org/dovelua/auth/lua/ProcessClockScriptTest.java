package org.dovelua.auth.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything a script reads the time from follows the auth process's clock (the session clock a
 * case's {@code sleep:} moves, {@code Main.Session.advanceClock}): {@code os.time}, {@code os.date},
 * 2.4's {@code dovecot.gettimeofday}/{@code nanoseconds}, and var-expand's {@code time:} and
 * {@code date:} providers, in {@code dovecot.var_expand} and in a request's templates.
 */
class ProcessClockScriptTest {
    private static final String SCRIPT = """
            function auth_passdb_lookup(req)
              return dovecot.auth.PASSDB_RESULT_OK, {
                password = "{PLAIN}secret",
                os_time = tostring(os.time()),
                os_date = os.date("!%Y-%m-%d"),
                tv_sec = tostring(dovecot.gettimeofday().tv_sec),
                ns_sec = tostring(dovecot.nanoseconds() // 1000000000),
                unix = dovecot.var_expand("%{time:unix | epoch}"),
                year = req:var_expand("%{date:year}"),
              }
            end
            """;

    @TempDir
    Path dir;

    @Test
    void scriptsReadTheProcessClock() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "dovecot_config_version = 2.4.5\n"
                + "dovecot_storage_version = 2.4.5\n"
                + "passdb lua {\n  lua_file = " + dir + "/auth.lua\n}\nuserdb static {\n}\n");
        AtomicLong now = new AtomicLong(1_765_000_000L); // 2025-12-06T05:46:40Z
        try (Dovelua d = Dovelua.builder().version("2.4.5").config(conf).mount(dir.toString(), dir)
                .clock(now::get).build()) {
            Result r = d.authTest("alice", "secret");
            assertThat(r.field("os_time")).as(r.stdout() + r.stderr()).isEqualTo("1765000000");
            assertThat(r.field("os_date")).isEqualTo("2025-12-06");
            assertThat(r.field("tv_sec")).isEqualTo("1765000000");
            assertThat(r.field("ns_sec")).isEqualTo("1765000000");
            assertThat(r.field("unix")).isEqualTo("1765000000");
            assertThat(r.field("year")).isEqualTo("2025");
            now.set(1_800_000_000L); // 2027-01-15T08:00:00Z: the session moved on
            r = d.authTest("alice", "secret");
            assertThat(r.field("os_time")).isEqualTo("1800000000");
            assertThat(r.field("os_date")).isEqualTo("2027-01-15");
            assertThat(r.field("tv_sec")).isEqualTo("1800000000");
            assertThat(r.field("unix")).isEqualTo("1800000000");
            assertThat(r.field("year")).isEqualTo("2027");
        }
    }
}
