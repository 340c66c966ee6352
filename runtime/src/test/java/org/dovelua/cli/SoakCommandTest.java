package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovelua soak}: the table as it samples, the verdict, and exit code 1 for a leak. */
class SoakCommandTest {
    @TempDir
    Path dir;

    @Test
    void aLeakingScriptPrintsItsSamplesAndExitsOne() throws Exception {
        Path script = Files.writeString(dir.resolve("leak.lua"), String.join("\n",
                "kept = {}",
                "function auth_passdb_lookup(req)",
                "  kept[#kept + 1] = string.rep('x', 16384) .. #kept",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'",
                "end",
                "function auth_userdb_lookup(req)",
                "  return dovecot.auth.USERDB_RESULT_OK, 'uid=1'",
                "end", ""));
        Main.Result r = Main.capture("--script", script.toString(), "soak", "-n", "1000", "--samples", "4",
                "--max-heap-growth", "4", "3*auth alice pw", "user alice");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).startsWith("soak: 1000 requests, 2 kinds, one instance; tolerated growth of the lowest sample from "
                        + "20-40% of the requests to the last 20%: heap after GC 4.0 MB, open fds 8, threads 8\n"
                        + "    requests    seconds  heap-after-GC      fds  threads\n")
                .containsPattern("\n {11}0 +[0-9.]+ +[0-9.]+ MB +[0-9]+ +[0-9]+\n")
                .containsPattern("\n {9}250 ").containsPattern("\n {8}1000 ")
                .contains("answers:\n  auth alice pw: ok=750\n  user alice: found=250\n")
                .containsPattern("growth of the lowest sample from requests 250-250 to 1000-1000: heap after GC \\+[0-9.]+ MB \\(tolerance 4.0 MB\\)")
                .containsPattern("verdict: LEAK: heap after GC \\+[0-9.]+ MB > 4.0 MB\n$");
    }

    @Test
    void usageErrors() {
        assertThat(Main.capture("--script", "x.lua", "soak").exitCode()).isEqualTo(64);
        Main.Result bad = Main.capture("--script", "x.lua", "soak", "-n", "10", "--samples", "2", "auth");
        assertThat(bad.exitCode()).isEqualTo(64);
        assertThat(bad.stderr()).isEqualTo("dovelua: soak: request 'auth': expected [WEIGHT*]auth USER [PASSWORD], "
                + "[WEIGHT*]lookup USER or [WEIGHT*]user USER\n");
        assertThat(Main.capture("--script", "x.lua", "soak", "-n", "10", "--samples", "11", "user a").exitCode())
                .isEqualTo(64);
        Main.Result missing = Main.capture("--script", dir.resolve("none.lua").toString(), "soak", "-n", "10", "--samples", "2", "user a");
        assertThat(missing.exitCode()).isEqualTo(78);
        assertThat(missing.stdout()).isEmpty();
    }
}
