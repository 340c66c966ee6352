package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Nauthilus plugin case file's mistakes, each with its file:line:column and what to write instead. */
class PluginCaseFileMistakesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void plugin() throws Exception {
        Files.writeString(dir.resolve("p.lua"), "function nauthilus_call_subject(r) return false, 0 end\n");
    }

    private String error(String... lines) throws Exception {
        Path f = Files.writeString(dir.resolve("p.cases.yaml"), String.join("\n", lines) + "\n");
        try {
            CaseFile.read(f);
        } catch (CaseFileException e) {
            return e.getMessage().replace(f.toString(), "F");
        }
        throw new AssertionError("read without a mistake");
    }

    private static final String SETUP = "nauthilus: {plugin: p.lua, kind: subject, mode: test}";

    @Test
    void aGoodFileReads() throws Exception {
        Path f = Files.writeString(dir.resolve("ok.cases.yaml"), SETUP + "\ncases:\n  - request: {username: a}\n"
                + "    expect: {reject: false}\n");
        CaseFile cf = CaseFile.read(f);
        assertThat(cf.setup().nauthilus().kind().flag).isEqualTo("subject");
        assertThat(cf.cases()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("request a");
            assertThat(c.command()).isEqualTo(Case.Command.PLUGIN);
        });
    }

    @Test
    void dovecotKeysHaveNoPlaceInAPluginFile() throws Exception {
        assertThat(error(SETUP, "script: auth.lua", "cases: [{expect: {}}]")).isEqualTo("F:2:1: unknown key 'script'"
                + " in a Nauthilus plugin case file (expected one of: nauthilus, stubs, allow_network, exec, cases; the mocks' data goes under"
                + " nauthilus: fixture:)");
    }

    @Test
    void theSetupsMistakes() throws Exception {
        assertThat(error("nauthilus: {plugin: nope.lua, kind: subject, mode: test}", "cases: [{expect: {}}]"))
                .isEqualTo("F:1:21: plugin: " + dir.resolve("nope.lua") + " does not exist (local paths are relative"
                        + " to the case file)");
        assertThat(error("nauthilus: {plugin: p.lua, kind: filter, mode: test}", "cases: [{expect: {}}]"))
                .isEqualTo("F:1:34: kind: 'filter' is not a plugin kind in test mode (expected one of: subject, environment,"
                        + " action, backend, hook, cache_flush)");
        assertThat(error("nauthilus: {plugin: p.lua, kind: subject, mode: test, colour: red}", "cases: [{expect: {}}]"))
                .isEqualTo("F:1:55: unknown key 'colour' in nauthilus (expected one of: plugin, kind, version, mode,"
                        + " fixture)");
        assertThat(error("nauthilus: {plugin: p.lua, kind: subject, mode: test, version: \"4\"}", "cases: [{expect: {}}]"))
                .isEqualTo("F:1:64: version: '4' is not a Nauthilus version dovelua knows (expected one of: 3.1, 3.0, 2 (also 2.x, 2.0, 2.1, 3.1.x, 3.0.x))");
        assertThat(error("nauthilus: {plugin: p.lua, kind: subject, mode: test, fixture: {dbx: {}}}",
                "cases: [{expect: {}}]")).startsWith("F:1:65: unknown fixture block 'dbx' in fixture (expected one of:"
                        + " context, redis, policy,");
        assertThat(error("nauthilus: {plugin: p.lua, kind: subject, mode: test, fixture: missing.json}",
                "cases: [{expect: {}}]")).startsWith("F:1:64: fixture: " + dir.resolve("missing.json")
                        + " does not exist (a --test-mock JSON file, relative to the case file)");
    }

    @Test
    void aKindOnlyProductionHasIsRefusedInTestMode() throws Exception {
        assertThat(error("nauthilus: {plugin: p.lua, kind: backend_list_accounts, mode: test}", "cases: [{expect: {}}]"))
                .isEqualTo("F:1:34: kind: 'backend_list_accounts' is not a plugin kind in test mode (expected one of:"
                        + " subject, environment, action, backend, hook, cache_flush)");
        assertThat(error("nauthilus: {plugin: p.lua, kind: subject, mode: prod}", "cases: [{expect: {}}]"))
                .isEqualTo("F:1:49: mode: 'prod' is not a mode (expected one of: production, test)");
    }

    @Test
    void aReturnValueOfAnotherKindIsNamedWithTheKindsOwn() throws Exception {
        assertThat(error(SETUP, "cases:", "  - expect: {triggered: true}")).isEqualTo("F:3:14: unknown key 'triggered'"
                + " in expect (subject plugin) (expected one of: reject, result, success, errors, status, logs, context,"
                + " redis, calls, http)");
        assertThat(error(SETUP, "cases:", "  - expect: {reject: maybe}")).isEqualTo("F:3:22: reject: a subject plugin's"
                + " reject is true or false, found a string");
        assertThat(error(SETUP, "cases:", "  - expect: {result: 1.5}")).isEqualTo("F:3:22: result: a subject plugin's"
                + " result is a whole number, found a number (1.5)");
    }

    @Test
    void theCasesMistakes() throws Exception {
        assertThat(error(SETUP, "cases:", "  - request: {user: alice}", "    expect: {}")).startsWith("F:3:15: unknown"
                + " key 'user' in request (expected one of: username, password, client_ip,");
        assertThat(error(SETUP, "cases:", "  - request: {username: alice}")).isEqualTo("F:3:5: case 1 has no expect: add"
                + " what the run must give (e.g. expect: {reject: false}), or expect: {} to check only that the run"
                + " succeeds");
        assertThat(error(SETUP, "cases:", "  - request: {username: [a, b]}", "    expect: {}")).startsWith("F:3:14: the"
                + " fixture this case makes does not decode as Nauthilus's --test-mock JSON: json: cannot unmarshal"
                + " array into Go struct field");
        assertThat(error(SETUP, "cases:", "  - expect: {calls: {redis: [{args: x}]}}")).isEqualTo("F:3:30: calls: redis:"
                + " a call needs method:");
        assertThat(error(SETUP, "cases:", "  - expect: {calls: {rediss: []}}")).startsWith("F:3:22: calls: unknown"
                + " fixture block 'rediss' (expected one of:");
        assertThat(error(SETUP, "cases:", "  - expect: {redis: {k: {zset: {a: high}}}}")).isEqualTo("F:3:36: redis: k:"
                + " found a string (a zset's scores are numbers)");
        assertThat(error(SETUP, "cases:", "  - expect: {redis: {k: [[1]]}}")).startsWith("F:3:26: redis: k: found a list"
                + " (expected a string, a mapping of field: value for a hash, a list,");
        assertThat(error(SETUP, "cases:", "  - expect: {logs: {match: ['(']}}")).startsWith("F:3:29: logs.match:"
                + " invalid regular expression: Unclosed group");
    }

    @Test
    void everyMistakeOfAFileIsReportedAtOnce() throws Exception {
        Path f = Files.writeString(dir.resolve("many.cases.yaml"), String.join("\n", SETUP, "cases:",
                "  - expect: {triggered: true}", "  - expect: {reject: false}", "  - request: {usr: a}",
                "    expect: {}", ""));
        assertThatThrownBy(() -> CaseFile.read(f)).hasMessageContaining(f + ":3:14: unknown key 'triggered'")
                .hasMessageContaining("\n" + f + ":5:15: unknown key 'usr' in request");
    }
}
