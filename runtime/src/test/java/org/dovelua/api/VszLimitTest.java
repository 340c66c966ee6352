package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that keeps filling memory is an auth worker past its {@code vsz_limit} (issue 17),
 * as seen on 2.3.19 (docs/real-dovecot-2.3.19.md, "vsz_limit"): temp fail, the aborted request,
 * master's "returned error 83" line naming the limit, and the next request gets a fresh worker.
 */
class VszLimitTest {
    @TempDir
    Path dir;

    private static final String LEAK = String.join("\n",
            "keep = {}",
            "function auth_passdb_lookup(req)",
            "  if req.user == 'leaker' then",
            "    pcall(function() for i = 1, 1e8 do keep[#keep + 1] = string.rep('x', 100) .. i end end)",
            "  end",
            "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pass'",
            "end");

    private Path config(String service) throws Exception {
        Path script = Files.writeString(dir.resolve("auth.lua"), LEAK);
        return Files.writeString(dir.resolve("dovecot.conf"), String.join("\n",
                "auth_verbose = yes",
                "passdb {",
                "  driver = lua",
                "  args = file=" + script + " blocking=yes",
                "}",
                "userdb {",
                "  driver = static",
                "  args = uid=1000 gid=1000 home=/home/%u",
                "}",
                service,
                ""));
    }

    @Test
    void aWorkerPastItsVszLimitDiesAndTheRequestIsTempFailed() throws Exception {
        Path conf = config("service auth-worker {\n  vsz_limit = 8M\n}");
        try (Dovelua d = Dovelua.builder().config(conf).mount(dir.resolve("auth.lua").toString(),
                dir.resolve("auth.lua")).build()) {
            Result r = d.authTest("leaker", "pass");
            assertThat(r.result()).as("%s%s", r.stderr(), r.logs()).isEqualTo("internal_failure");
            assertThat(r.logs()).anySatisfy(l -> assertThat(l)
                    .startsWith("auth-worker: Fatal: dovelua: Out of memory: the Lua state of " + dir.resolve("auth.lua"))
                    .contains("past its budget of 8 MB (service auth-worker { vsz_limit })"));
            assertThat(r.logs()).contains("auth: Error: auth-worker: Aborted PASSV request for leaker: "
                    + "Worker process died unexpectedly");
            assertThat(r.logs()).anySatisfy(l -> assertThat(l)
                    .startsWith("auth-worker: Fatal: master: service(auth-worker): child ")
                    .endsWith(" returned error 83 (Out of memory (service auth-worker { vsz_limit=8 MB }, you may"
                            + " need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)"));
            // the worker was replaced: its new state starts empty
            assertThat(d.authTest("someone", "pass").result()).isEqualTo("ok");
        }
    }

    @Test
    void theServicesOwnZeroWinsOverDefaultVszLimit() throws Exception {
        // 100,000 entries hold about 15 MB: past 4M, but vsz_limit = 0 is no limit
        Path conf = config("default_vsz_limit = 4M\nservice auth-worker {\n  vsz_limit = 0\n}");
        Path script = dir.resolve("auth.lua");
        Files.writeString(script, LEAK.replace("1e8", "100000"));
        try (Dovelua d = Dovelua.builder().config(conf).mount(script.toString(), script).build()) {
            assertThat(d.authTest("leaker", "pass").result()).isEqualTo("ok");
        }
    }

    @Test
    void aBadSizeIsASetupErrorAtItsLine() throws Exception {
        Path conf = config("service auth-worker {\n  vsz_limit = 256X\n}");
        try (Dovelua d = Dovelua.builder().config(conf).mount(dir.resolve("auth.lua").toString(),
                dir.resolve("auth.lua")).build()) {
            assertThat(d.authTest("someone", "pass").stderr()).contains(conf + ":11: service auth-worker"
                    + " { vsz_limit }: Invalid size: 256X (a size such as 256M or 1G; 0 means no limit)");
        }
    }
}
