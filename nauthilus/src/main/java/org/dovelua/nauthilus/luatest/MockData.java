package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.ModuleCalls;

/**
 * The {@code --test-mock} fixture ({@code server/testing/luatest/types.go} {@code MockData}), decoded
 * with Go's rules ({@link GoJsonDecoder}). Each of the 23 blocks is reachable as a Jackson tree with
 * canonical key names ({@link #block}); every block but {@code expected_output} gets its
 * {@code expected_calls} engine ({@link #calls}), made once per run.
 */
public final class MockData {
    /** The blocks in types.go's order. */
    public static final List<String> BLOCKS = List.copyOf(GoType.MOCK_DATA.fields.keySet());

    private final ObjectNode root;
    private final Map<String, ExpectedCalls> calls = new LinkedHashMap<>();
    /** --trace-calls: records what the modules report to the engines; null when not tracing. */
    private CallTrace trace;

    private MockData(ObjectNode root) {
        this.root = root;
        // mocks.go setupBackendAndContextMocks: ensureResetMock(&mockData.Backend) — the backend block
        // always exists; the backend mock records select_server into it as runtime_selected_host /
        // runtime_selected_port (json:"-" fields, so a fixture cannot set them), read by the runner.
        if (!root.path("backend").isObject()) {
            root.putObject("backend");
        }
        for (String name : BLOCKS) {
            if (!name.equals("expected_output")) {
                calls.put(name, name.equals("db") ? ExpectedCalls.forDb(block(name).path("expected_calls"))
                        : ExpectedCalls.forModule(name, block(name).path("expected_calls")));
            }
        }
    }

    /** No {@code --test-mock}: an empty fixture (runner.go NewTestRunner). */
    public static MockData empty() {
        return new MockData(GoJsonDecoder.MAPPER.createObjectNode());
    }

    public static MockData parse(byte[] json) throws FixtureException {
        return new MockData(GoJsonDecoder.decode(json));
    }

    public static MockData parse(String json) throws FixtureException {
        return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * runner.go {@code loadMockData}: the texts {@code failed to read mock data file: ...} and
     * {@code failed to parse mock data JSON: ...} (Go's os and json errors).
     */
    public static MockData load(Path file, String shownPath) throws RunnerException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RunnerException("failed to read mock data file: open " + shownPath + ": no such file or directory");
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage());
            throw new RunnerException("failed to read mock data file: " + (Files.isDirectory(file)
                    ? "read " + shownPath + ": " + why : "open " + shownPath + ": " + why));
        }
        try {
            return parse(data);
        } catch (FixtureException e) {
            throw new RunnerException("failed to parse mock data JSON: " + e.getMessage());
        }
    }

    /** Whether the fixture has the block (present and not null). */
    public boolean has(String block) {
        return root.has(block);
    }

    /** The block with canonical keys, or a MissingNode when absent. */
    public JsonNode block(String block) {
        JsonNode n = root.get(block);
        return n == null ? MissingNode.getInstance() : n;
    }

    /** The block's expected_calls engine (an empty one when the block or its list is absent). */
    public ExpectedCalls calls(String block) {
        ExpectedCalls c = calls.get(block);
        if (c == null) {
            throw new IllegalArgumentException("no expected_calls for block " + block);
        }
        return c;
    }

    /** Records every call the modules make from now on into {@code trace} (--trace-calls). */
    void traceInto(CallTrace trace) {
        this.trace = trace;
    }

    /** The engine a module of {@code block} reports to: {@link #calls}, seen by the trace when tracing. */
    ModuleCalls moduleCalls(String block) {
        return trace == null ? calls(block) : trace.wrap(block, calls(block));
    }
}
