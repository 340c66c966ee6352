package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.gopher.GopherState;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** One Lua state with one mock module in package.preload, and the calls it reported. */
final class MockHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A ModuleCalls that records "method|args" and answers a mismatch for the call numbers asked to fail. */
    static final class RecordingCalls implements ModuleCalls {
        final List<String> calls = new ArrayList<>();
        private final List<Integer> failing = new ArrayList<>();

        RecordingCalls failCall(int number) {
            failing.add(number);
            return this;
        }

        @Override
        public String record(String method, String args) {
            calls.add(method + "|" + args);
            return failing.contains(calls.size()) ? "mismatch #" + calls.size() + " " + method : null;
        }
    }

    final GopherState state = GopherState.create();
    final RecordingCalls calls = new RecordingCalls();
    final LuaValue module;

    MockHarness(String moduleName, String blockJson, java.util.function.BiFunction<JsonNode, ModuleCalls, LuaValue> factory) {
        this(block(blockJson), moduleName, factory);
    }

    MockHarness(JsonNode block, String moduleName, java.util.function.BiFunction<JsonNode, ModuleCalls, LuaValue> factory) {
        module = factory.apply(block, calls);
        state.globals().get("package").get("preload").set(moduleName, module);
    }

    static JsonNode block(String json) {
        try {
            return json == null ? MissingNode.getInstance() : JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    Varargs run(String lua) {
        return state.call(() -> state.load("@t.lua", lua.getBytes(StandardCharsets.UTF_8)).invoke());
    }

    String error(String lua) {
        LuaError[] caught = new LuaError[1];
        assertThatThrownBy(() -> run(lua)).isInstanceOfSatisfying(LuaError.class, e -> caught[0] = e);
        return caught[0].getMessage();
    }

    @Override
    public void close() {
        state.close();
    }
}
