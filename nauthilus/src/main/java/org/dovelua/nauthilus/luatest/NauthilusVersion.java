package org.dovelua.nauthilus.luatest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaValue;

/**
 * The Nauthilus release whose {@code --test-lua} mode a run emulates ({@code --nauthilus-version}):
 * one row per release line, holding what differs between them. Sources: croessner/nauthilus tags
 * v2.1.3, v3.0.0 and the 3.1 commit aefda567 (server/testing/luatest/runner.go and mocks.go,
 * server/lualib/builtin.go, server/definitions/const.go, server/lualib/luapool/runtime.go).
 * The hook entry is called alike in all three: {@code nauthilus_run_hook(request)} since v1.12.0
 * (hook.go executeAndHandleError); the request carries {@code log_level}, {@code log_format} and the
 * nested {@code logging} table (request.go@v2.1.3 SetupRequest), so a pre-1.12 {@code
 * nauthilus_run_hook(logging, session)} finds the log level in its first parameter and nil in the second.
 */
public enum NauthilusVersion {
    /** 3.1 (aefda567): the share directory is found from the script's directory too. */
    V3_1("3.1", Constants.V3, Names.V3, false, List.of("../../../../lua-plugins.d/share/?.lua",
            "../../../../lua-plugins.d/share/?/init.lua"), List.of("server/lua-plugins.d/share/?.lua"),
            TestRunner.VALIDATION_ORDER, List.of()),
    /** 3.0 (v3.0.0 runner.go configureLuaPackagePath): only the checkout-relative share entry. */
    V3_0("3.0", Constants.V3, Names.V3, false, List.of(), List.of("server/lua-plugins.d/share/?.lua"),
            TestRunner.VALIDATION_ORDER, List.of()),
    /**
     * 2.x (v2.1.3): FEATURE_/FEATURES_ABORT_/FILTER_ constants (builtin.go featureBuiltinConstants,
     * filterBuiltinConstants), nauthilus_call_feature/nauthilus_call_filter (const.go LuaFnCallFeature,
     * LuaFnCallFilter), a dynamic_loader no-op (luapool/runtime.go ensureDynamicLoaderStub: production's, as
     * 2.x's own test mode set none, mocks.go@v2.1.3, and the docs' samples call it), no share
     * entries in package.path, and neither nauthilus_policy nor nauthilus_i18n (mocks.go PreloadModule list).
     */
    V2("2", Constants.V2, Names.V2, true, List.of(), List.of(),
            TestRunner.VALIDATION_ORDER.stream().filter(b -> !b.equals("policy") && !b.equals("i18n")).toList(),
            List.of("nauthilus_policy", "nauthilus_i18n"));

    /** The default: the release the runner was written against. */
    public static final NauthilusVersion DEFAULT = V3_1;

    public final String label;
    /** nauthilus_builtin's constants, in builtin.go's order (allBuiltinConstants). */
    final Map<String, LuaValue> constants;
    /** The subject and environment kinds' entry functions and error labels. */
    final Names names;
    /** Whether {@code dynamic_loader} is a global (production 2.x; test mode at 3.x has none). */
    final boolean dynamicLoader;
    /** package.path entries relative to the script's directory, after dir/?.lua ... dir/lib/?/init.lua. */
    final List<String> scriptShareEntries;
    /** package.path entries relative to the working directory. */
    final List<String> workingShareEntries;
    /** The blocks whose expected_calls are validated, in order (runner.go runtimeExpectationValidators). */
    final List<String> validationOrder;
    /** Modules the release's test mode does not preload. */
    final List<String> absentModules;

    NauthilusVersion(String label, Map<String, LuaValue> constants, Names names, boolean dynamicLoader,
            List<String> scriptShareEntries, List<String> workingShareEntries, List<String> validationOrder,
            List<String> absentModules) {
        this.label = label;
        this.constants = constants;
        this.names = names;
        this.dynamicLoader = dynamicLoader;
        this.scriptShareEntries = scriptShareEntries;
        this.workingShareEntries = workingShareEntries;
        this.validationOrder = validationOrder;
        this.absentModules = absentModules;
    }

    /** The accepted spellings, for a usage error. */
    public static final String ACCEPTED = "3.1, 3.0, 2 (also 2.x, 2.0, 2.1, 3.1.x, 3.0.x)";

    /**
     * {@code 3.1}, {@code 3.1.2}, {@code 3.0}, {@code 3.0.x}, {@code 3}: the 3.x rows; {@code 2},
     * {@code 2.x}, {@code 2.1}, {@code 2.0.17}: the 2.x row. Anything else: null.
     */
    public static NauthilusVersion parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        if (!t.matches("\\d+(\\.(\\d+|x))*")) {
            return null;
        }
        String[] parts = t.split("\\.");
        if (parts.length > 3) {
            return null;
        }
        switch (parts[0]) {
            case "2":
                return parts.length == 1 || parts[1].equals("x") || parts[1].equals("0") || parts[1].equals("1")
                        ? V2 : null;
            case "3":
                if (parts.length == 1 || parts[1].equals("x") || parts[1].equals("1")) {
                    return V3_1;
                }
                return parts[1].equals("0") ? V3_0 : null;
            default:
                return null;
        }
    }

    /**
     * What a release calls the subject and environment kinds: the entry functions (const.go
     * LuaFnCall*) and the label runner.go's errors use ({@code "%s execution failed"}).
     */
    record Names(String subjectEntry, String environmentEntry, String subjectLabel, String environmentLabel) {
        static final Names V3 = new Names(CallbackKind.SUBJECT.entry, CallbackKind.ENVIRONMENT.entry, "subject source",
                "environment source");
        // const.go@v2.1.3 LuaFnCallFilter/LuaFnCallFeature; runner.go@v2.1.3 executeFilter/executeFeature
        static final Names V2 = new Names("nauthilus_call_filter", "nauthilus_call_feature", "filter", "feature");
    }

    /** The entry function of a kind (const.go LuaFnCall*). */
    String entry(CallbackKind kind) {
        return switch (kind) {
            case SUBJECT -> names.subjectEntry();
            case ENVIRONMENT -> names.environmentEntry();
            default -> kind.entry;
        };
    }

    /** What runner.go names the kind in its errors ({@code "%s execution failed"}, {@code "%s returned unexpected types"}). */
    String errorLabel(CallbackKind kind) {
        return switch (kind) {
            case SUBJECT -> names.subjectLabel();
            case ENVIRONMENT -> names.environmentLabel();
            case ACTION -> "action";
            case HOOK -> "hook";
            case CACHE_FLUSH -> "cache flush";
            default -> "backend"; // verify_password and the production-only backend commands
        };
    }

    private static final class Constants {
        static final Map<String, LuaValue> V3 = build("SUBJECT_ACCEPT", "SUBJECT_REJECT", "SUBJECT_RESULT_OK",
                "SUBJECT_RESULT_FAIL", "ENVIRONMENT_TRIGGER_NO", "ENVIRONMENT_TRIGGER_YES", "ENVIRONMENT_ABORT_NO",
                "ENVIRONMENT_ABORT_YES", "ENVIRONMENT_RESULT_OK", "ENVIRONMENT_RESULT_FAIL");
        // const.go@v2.1.3: LuaFilterAccept..LuaFilterResultFail, LuaFeatureTriggerNo..LuaFeatureResultFail
        static final Map<String, LuaValue> V2 = build("FILTER_ACCEPT", "FILTER_REJECT", "FILTER_RESULT_OK",
                "FILTER_RESULT_FAIL", "FEATURE_TRIGGER_NO", "FEATURE_TRIGGER_YES", "FEATURES_ABORT_NO",
                "FEATURES_ABORT_YES", "FEATURE_RESULT_OK", "FEATURE_RESULT_FAIL");

        /** action, backend, subject/filter, environment/feature (builtin.go allBuiltinConstants). */
        private static Map<String, LuaValue> build(String accept, String reject, String subjectOk, String subjectFail,
                String triggerNo, String triggerYes, String abortNo, String abortYes, String envOk, String envFail) {
            Map<String, LuaValue> m = new LinkedHashMap<>();
            m.put("ACTION_RESULT_OK", LuaValue.valueOf(0.0));
            m.put("ACTION_RESULT_FAIL", LuaValue.valueOf(1.0));
            m.put("BACKEND_RESULT_OK", LuaValue.valueOf(0.0));
            m.put("BACKEND_RESULT_FAIL", LuaValue.valueOf(1.0));
            m.put(accept, LuaValue.FALSE);
            m.put(reject, LuaValue.TRUE);
            m.put(subjectOk, LuaValue.valueOf(0.0));
            m.put(subjectFail, LuaValue.valueOf(1.0));
            m.put(triggerNo, LuaValue.FALSE);
            m.put(triggerYes, LuaValue.TRUE);
            m.put(abortNo, LuaValue.FALSE);
            m.put(abortYes, LuaValue.TRUE);
            m.put(envOk, LuaValue.valueOf(0.0));
            m.put(envFail, LuaValue.valueOf(1.0));
            return java.util.Collections.unmodifiableMap(m);
        }
    }
}
