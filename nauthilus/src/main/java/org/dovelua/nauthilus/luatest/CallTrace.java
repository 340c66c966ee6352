package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovelua.nauthilus.ModuleCalls;

/**
 * {@code --trace-calls} (a dovelua extra; Nauthilus has no such aid): every call a module reported to
 * its block's expected_calls engine, in order, written back as the fixture's own
 * {@code expected_calls} shape (types.go {@code ExpectedCall}: {@code method}, {@code arg_contains};
 * db's {@code DBExpectedCall}: {@code query_contains}) so that it can be pasted into the fixture.
 * It decorates the engines ({@link #wrap}); the mocks do not know it is there.
 */
public final class CallTrace {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One recorded call: the fixture block, the method and the module's argument text. */
    public record Call(String block, String method, String args, JsonNode answer) {
    }

    private final List<Call> calls = new ArrayList<>();

    /** The engine of {@code block}, recording each call before the engine judges it. */
    public ModuleCalls wrap(String block, ModuleCalls engine) {
        return new ModuleCalls() {
            @Override
            public String record(String method, String args) {
                String mismatch = engine.record(method, args);
                // db answers with the matched entry's columns/rows (types.go DBExpectedCall); a traced
                // entry keeps them so the pasted fixture answers as the traced run did
                JsonNode answer = mismatch == null && "db".equals(block) ? engine.lastMatched() : null;
                calls.add(new Call(block, method, args, answer));
                return mismatch;
            }

            @Override
            public JsonNode lastMatched() {
                return engine.lastMatched();
            }

            @Override
            public String validateComplete() {
                return engine.validateComplete();
            }
        };
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * {@code {"<block>": {"expected_calls": [...]}, ...}}: the blocks in the fixture's order
     * ({@link MockData#BLOCKS}), each call in the order made; blocks without calls are left out.
     */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        for (String block : MockData.BLOCKS) {
            ArrayNode list = null;
            for (Call c : calls) {
                if (!c.block.equals(block)) {
                    continue;
                }
                if (list == null) {
                    list = root.putObject(block).putArray("expected_calls");
                }
                boolean db = block.equals("db");
                ObjectNode entry = list.addObject();
                entry.put("method", c.method);
                entry.put(db ? "query_contains" : "arg_contains", c.args);
                if (c.answer != null) {
                    c.answer.fields().forEachRemaining(f -> {
                        String key = f.getKey().toLowerCase(Locale.ROOT);
                        if (!key.equals("method") && !key.equals("query_contains")) {
                            entry.set(f.getKey(), f.getValue());
                        }
                    });
                }
            }
        }
        return root;
    }

    /** {@link #toJson()} indented, with a final newline. */
    public String json() {
        try {
            return JSON.writeValueAsString(toJson()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
