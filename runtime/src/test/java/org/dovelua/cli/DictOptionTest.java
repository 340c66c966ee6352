package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dict URI=FILE}: what a bad spec says (a usage error naming the option and the fix). */
class DictOptionTest {
    @TempDir
    Path dir;

    private Main.Result run(String spec) throws Exception {
        Path script = Files.writeString(dir.resolve("auth.lua"),
                "function auth_passdb_lookup(req) return dovecot.auth.PASSDB_RESULT_OK, 'nopassword=y' end\n");
        return Main.capture("--script", script.toString(), "--dict", spec, "auth", "test", "a", "p");
    }

    @Test
    void aSpecWithoutDataIsAUsageError() throws Exception {
        Main.Result r = run("redis:host=127.0.0.1:port=6379");
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.stderr()).contains("dovelua: --dict redis:host=127.0.0.1:port=6379: the data file 6379 does not"
                + " exist (the data file follows the URI's last '=', e.g. redis:host=127.0.0.1:port=6379=redis-seed.yaml)");
        assertThat(run("seed.yaml").stderr()).contains("dovelua: --dict seed.yaml: expected URI=FILE");
    }

    @Test
    void aMissingDataFileOrAFileDictIsNamed() throws Exception {
        Main.Result missing = run("proxy::authdb=" + dir.resolve("nope.yaml"));
        assertThat(missing.exitCode()).isEqualTo(64);
        assertThat(missing.stderr()).contains("the data file " + dir.resolve("nope.yaml") + " does not exist");
        Path data = Files.writeString(dir.resolve("users.yaml"), "{}\n");
        Main.Result file = run("file:/etc/dovecot/users.dict=" + data);
        assertThat(file.exitCode()).isEqualTo(64);
        assertThat(file.stderr()).contains("only redis: and proxy: dictionaries are answered from a data file")
                .contains("(a file: dict reads its own file: --mount it)");
    }

    @Test
    void aGoodSpecRuns() throws Exception {
        Path data = Files.writeString(dir.resolve("users.yaml"), "{}\n");
        Main.Result r = run("proxy::authdb=" + data);
        assertThat(r.stderr()).doesNotContain("--dict");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aBadDataFileIsNamedWithItsLine() throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.yaml"), "a: {hash: {}}\n");
        Main.Result r = run("redis:host=127.0.0.1:port=6379=" + seed);
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.stderr()).contains(seed + ":1: redis seed: hash of 'a' is empty").doesNotContain("follows the URI");
    }
}
