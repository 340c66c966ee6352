package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dicts:} in a case file: data files relative to the case file, inline data, the places of mistakes. */
class CaseDictsTest {
    @TempDir
    Path dir;

    private Path caseFile(String dicts) throws Exception {
        Files.writeString(dir.resolve("auth.lua"),
                "function auth_passdb_lookup(req) return dovecot.auth.PASSDB_RESULT_OK, 'nopassword=y' end\n");
        Files.writeString(dir.resolve("seed.yaml"), "{}\n");
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\n" + dicts + "cases:\n"
                + "  - auth_test: {user: alice, password: secret}\n"
                + "    expect: {result: ok}\n");
        return f;
    }

    @Test
    void aDataFileIsRelativeToTheCaseFileAndTheRerunLineCarriesIt() throws Exception {
        CaseFile file = CaseFile.read(caseFile("dicts:\n  \"redis:host=127.0.0.1:port=6379\": seed.yaml\n"));
        assertThat(file.setup().dicts()).containsExactly(
                new Setup.Dict("redis:host=127.0.0.1:port=6379", dir.resolve("seed.yaml"), false));
        assertThat(Rerun.of(file.setup(), file.cases().get(0))).contains("--dict redis:host=127.0.0.1:port=6379=");
    }

    @Test
    void inlineDataIsKeptAsJson() throws Exception {
        CaseFile file = CaseFile.read(caseFile("dicts:\n  proxy::authdb:\n    keys:\n      shared/passdb/alice: '{\"password\":\"x\"}'\n"));
        Setup.Dict d = file.setup().dicts().get(0);
        assertThat(d.uri()).isEqualTo("proxy::authdb");
        assertThat(d.inline()).isTrue();
        assertThat(Files.readString(d.data())).contains("\"shared/passdb/alice\" : \"{\\\"password\\\":\\\"x\\\"}\"");
        assertThat(Rerun.of(file.setup(), file.cases().get(0))).doesNotContain("--dict proxy")
                .contains("# plus the inline stub for proxy::authdb: write it to a file for")
                .contains("--dict URI=FILE");
    }

    @Test
    void mistakesAreNamedWhereTheyAre() throws Exception {
        Path missing = caseFile("dicts:\n  proxy::authdb: nope.yaml\n");
        assertThatThrownBy(() -> CaseFile.read(missing)).hasMessageContaining("cases.yaml:3")
                .hasMessageContaining("dicts: the data file " + dir.resolve("nope.yaml") + " does not exist"
                        + " (local paths are relative to the case file)");
        Path module = caseFile("dicts:\n  \"ldap:uri=x\": seed.yaml\n");
        assertThatThrownBy(() -> CaseFile.read(module)).hasMessageContaining("cases.yaml:3")
                .hasMessageContaining("dicts: 'ldap:uri=x': only redis: and proxy: dictionaries");
        Path list = caseFile("dicts: seed.yaml\n");
        assertThatThrownBy(() -> CaseFile.read(list)).hasMessageContaining("cases.yaml:2")
                .hasMessageContaining("dicts: (expected a mapping of dict URI to a data file or inline data");
    }

    @Test
    void badInlineDataIsNamedAtItsPlaceInTheCaseFile() throws Exception {
        Path f = caseFile("dicts:\n  proxy::authdb:\n    shared/passdb/alice: x\n");
        assertThatThrownBy(() -> CaseFile.read(f)).hasMessageStartingWith(f + ":4:5: dicts: proxy::authdb: unknown key "
                + "'shared/passdb/alice' (expected one of: iterate, keys, mode)");
    }
}
