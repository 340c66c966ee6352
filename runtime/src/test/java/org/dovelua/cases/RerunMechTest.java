package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing case with {@code mech:} is re-run with dovelua as the SASL client and the same mechanism. */
class RerunMechTest {
    @TempDir
    Path dir;

    @Test
    void theRerunLineNamesTheMechanism() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "function auth_passdb_lookup(req) return 1, '' end\n");
        Path f = Files.writeString(dir.resolve("c.cases.yaml"), String.join("\n",
                "script: auth.lua",
                "cases:",
                "  - auth_test: {user: alice, password: pw, mech: CRAM-MD5}",
                "    expect: {result: ok}",
                ""));
        CaseFile file = CaseFile.read(f);
        assertThat(Rerun.of(file.setup(), file.cases().get(0))).endsWith("auth test --sasl-client -A CRAM-MD5 alice pw");
    }
}
