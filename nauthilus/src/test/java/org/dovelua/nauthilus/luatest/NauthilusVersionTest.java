package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows of {@link NauthilusVersion} as a script sees them, and the spellings {@code --nauthilus-version} takes. */
class NauthilusVersionTest {
    @TempDir
    Path dir;

    @Test
    void spellings() {
        assertThat(NauthilusVersion.parse("2")).isEqualTo(NauthilusVersion.V2);
        assertThat(NauthilusVersion.parse("2.x")).isEqualTo(NauthilusVersion.V2);
        assertThat(NauthilusVersion.parse("2.1")).isEqualTo(NauthilusVersion.V2);
        assertThat(NauthilusVersion.parse("v2.0.17")).isEqualTo(NauthilusVersion.V2);
        assertThat(NauthilusVersion.parse("3.1")).isEqualTo(NauthilusVersion.V3_1);
        assertThat(NauthilusVersion.parse("3.1.0")).isEqualTo(NauthilusVersion.V3_1);
        assertThat(NauthilusVersion.parse("3")).isEqualTo(NauthilusVersion.V3_1);
        assertThat(NauthilusVersion.parse("3.0")).isEqualTo(NauthilusVersion.V3_0);
        assertThat(NauthilusVersion.parse("3.0.x")).isEqualTo(NauthilusVersion.V3_0);
        for (String bad : new String[] {"", "1", "1.12", "2.2", "3.2", "4", "two", "2.1.3.4", "3..1", null}) {
            assertThat(NauthilusVersion.parse(bad)).as(String.valueOf(bad)).isNull();
        }
        assertThat(NauthilusVersion.DEFAULT).isEqualTo(NauthilusVersion.V3_1);
    }

    private String probe(NauthilusVersion v, String lua, String kind) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("plugins"));
        java.nio.file.Files.writeString(dir.resolve("plugins/p.lua"), lua);
        TestRunner runner = TestRunner.create("plugins/p.lua", CallbackKind.of(kind), "", TestModeModules.standard(), dir)
                .version(v);
        TestResult r = runner.run();
        assertThat(r.errors).isEmpty();
        return String.join("\n", r.logs);
    }

    private static final String CONSTANTS = "function nauthilus_run_hook(r)\n"
            + "  local names = {}\n"
            + "  for k, v in pairs(nauthilus_builtin) do if type(v) ~= 'function' then names[#names + 1] = k .. '=' .. tostring(v) end end\n"
            + "  table.sort(names)\n"
            + "  nauthilus_builtin.custom_log_add('c', table.concat(names, ' '))\n"
            + "  nauthilus_builtin.custom_log_add('dl', type(dynamic_loader))\n"
            + "  nauthilus_builtin.custom_log_add('path', package.path:gsub(';[^;]*$', ''))\n"
            + "  nauthilus_builtin.custom_log_add('policy', tostring(package.preload.nauthilus_policy ~= nil))\n"
            + "end\n";

    @Test
    void twoXHasTheOldNamesDynamicLoaderAndNoShareEntries() throws Exception {
        String logs = probe(NauthilusVersion.V2, CONSTANTS, "hook");
        // builtin.go@v2.1.3 action/backend/filter/feature constants
        assertThat(logs).contains("[CUSTOM] c: ACTION_RESULT_FAIL=1 ACTION_RESULT_OK=0 BACKEND_RESULT_FAIL=1"
                + " BACKEND_RESULT_OK=0 FEATURES_ABORT_NO=false FEATURES_ABORT_YES=true FEATURE_RESULT_FAIL=1"
                + " FEATURE_RESULT_OK=0 FEATURE_TRIGGER_NO=false FEATURE_TRIGGER_YES=true FILTER_ACCEPT=false"
                + " FILTER_REJECT=true FILTER_RESULT_FAIL=1 FILTER_RESULT_OK=0\n");
        assertThat(logs).contains("[CUSTOM] dl: function\n");
        // runner.go@v2.1.3 configureLuaPackagePath: the script's directory and its lib only
        assertThat(logs).contains("[CUSTOM] path: plugins/?.lua;plugins/?/init.lua;plugins/lib/?.lua;plugins/lib/?/init.lua");
        assertThat(logs).contains("[CUSTOM] policy: false");
    }

    @Test
    void threeOneAndThreeZero() throws Exception {
        String v31 = probe(NauthilusVersion.V3_1, CONSTANTS, "hook");
        assertThat(v31).contains("ENVIRONMENT_ABORT_NO=false").contains("SUBJECT_REJECT=true").doesNotContain("FEATURE")
                .doesNotContain("FILTER").contains("[CUSTOM] dl: nil\n").contains("[CUSTOM] policy: true");
        assertThat(v31).contains("[CUSTOM] path: plugins/?.lua;plugins/?/init.lua;plugins/lib/?.lua;plugins/lib/?/init.lua;"
                + "../../../lua-plugins.d/share/?.lua;../../../lua-plugins.d/share/?/init.lua;server/lua-plugins.d/share/?.lua");
        String v30 = probe(NauthilusVersion.V3_0, CONSTANTS, "hook");
        // runner.go@v3.0.0 configureLuaPackagePath: only the working directory's share entry
        assertThat(v30).contains("[CUSTOM] path: plugins/?.lua;plugins/?/init.lua;plugins/lib/?.lua;plugins/lib/?/init.lua;"
                + "server/lua-plugins.d/share/?.lua").contains("[CUSTOM] dl: nil\n");
    }

    @Test
    void aPre112HookSignatureFindsTheLogLevelInTheRequest() throws Exception {
        // hook.go@v2.1.3 executeAndHandleError calls nauthilus_run_hook(request): the request carries log_level
        String lua = "function nauthilus_run_hook(logging, session)\n"
                + "  nauthilus_builtin.custom_log_add('lvl', logging.log_level)\n"
                + "  nauthilus_builtin.custom_log_add('session', tostring(session))\nend\n";
        java.nio.file.Files.writeString(dir.resolve("ctx.json"), "{\"context\": {\"debug\": true}}");
        java.nio.file.Files.writeString(dir.resolve("h.lua"), lua);
        TestResult r = TestRunner.create("h.lua", CallbackKind.HOOK, "ctx.json", TestModeModules.standard(), dir)
                .version(NauthilusVersion.V2).run();
        assertThat(r.logs).containsExactly("[CUSTOM] lvl: debug", "[CUSTOM] session: nil");
    }

    @Test
    void osGetenvIsGophersEmptyIsNil() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("e.lua"), "function nauthilus_run_hook(r)\n"
                + "  nauthilus_builtin.custom_log_add('a', tostring(os.getenv('A')))\n"
                + "  nauthilus_builtin.custom_log_add('e', tostring(os.getenv('E')))\n"
                + "  nauthilus_builtin.custom_log_add('u', tostring(os.getenv('U')))\nend\n");
        TestResult r = TestRunner.create("e.lua", CallbackKind.HOOK, "", TestModeModules.standard(), dir)
                .environment(java.util.Map.of("A", "1", "E", "")).run();
        assertThat(r.logs).containsExactly("[CUSTOM] a: 1", "[CUSTOM] e: nil", "[CUSTOM] u: nil");
    }
}
