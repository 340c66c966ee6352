package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.nauthilus.BackendResultFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Wiring another module into {@link TestModeModules}: a stand-in backend mock records the selected
 * server into its block (runner.go captureBackendSelection reads it), a stand-in backend_result module
 * becomes the {@code nauthilus_backend_result} global and its userdata is read (populateBackendResultFromUserData).
 */
class ModuleWiringTest {
    @TempDir
    Path dir;

    record Result(boolean authenticated, boolean userFound, String accountField, String displayNameField,
            String uniqueUserIdField) implements BackendResultFields {
    }

    private static TestModeModules modules() {
        return TestModeModules.standard()
                .mock("nauthilus_backend", "backend", (block, calls) -> new TwoArgFunction() {
                    @Override
                    public LuaValue call(LuaValue modname, LuaValue env) {
                        LuaTable m = new LuaTable();
                        m.set("select_backend_server", new VarArgFunction() {
                            @Override
                            public Varargs invoke(Varargs args) {
                                calls.record("select_backend_server", args.checkjstring(1));
                                ((ObjectNode) block).put("runtime_selected_host", args.checkjstring(1));
                                ((ObjectNode) block).put("runtime_selected_port", args.checkint(2));
                                return NONE;
                            }
                        });
                        return m;
                    }
                })
                .library("nauthilus_backend_result", () -> new TwoArgFunction() {
                    @Override
                    public LuaValue call(LuaValue modname, LuaValue env) {
                        LuaTable m = new LuaTable();
                        m.set("new", new VarArgFunction() {
                            @Override
                            public Varargs invoke(Varargs args) {
                                return new LuaUserdata(new Result(true, true, "uid", "cn", "id-1"));
                            }
                        });
                        return m;
                    }
                });
    }

    @Test
    void backendSelectionAndUserdataResult() throws Exception {
        Files.writeString(dir.resolve("s.lua"), "local b = require('nauthilus_backend')\n"
                + "function nauthilus_backend_verify_password(r)\n"
                + " b.select_backend_server('10.0.0.5', 993)\n"
                + " return nauthilus_builtin.BACKEND_RESULT_OK, nauthilus_backend_result.new()\nend");
        Files.writeString(dir.resolve("f.json"), "{\"backend\": {\"expected_calls\": [{\"method\": \"select_backend_server\","
                + " \"arg_contains\": \"10.0.0.5\"}]}, \"expected_output\": {\"used_backend_address\": \"10.0.0.5\","
                + " \"used_backend_port\": 993, \"backend_display_name\": \"cn\"}}");
        TestRunner runner = TestRunner.create("s.lua", CallbackKind.BACKEND, "f.json", modules(), dir);
        TestResult r = runner.run();
        assertThat(r.errors).isEmpty();
        assertThat(r.success).isTrue();
        java.io.StringWriter out = new java.io.StringWriter();
        runner.printResult(new java.io.PrintWriter(out), r);
        assertThat(out.toString()).contains("Backend Result: true\nBackend Return Code: 0\nBackend Authenticated: true\n"
                + "Backend User Found: true\nBackend Account Field: uid\nBackend Display Name: cn\n"
                + "Backend Unique User ID: id-1\nUsed Backend Address: 10.0.0.5\nUsed Backend Port: 993\n");
    }

    @Test
    void aFixtureCannotSetTheRuntimeSelection() throws Exception {
        MockData d = MockData.parse("{\"backend\": {\"runtime_selected_host\": \"x\"}}");
        assertThat(d.block("backend").has("runtime_selected_host")).isFalse();
        assertThat(MockData.empty().block("backend").isObject()).isTrue();
    }
}
