package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.api.Result;
import org.dovelua.api.SandboxNetwork;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.nauthilus.NauthilusMode;
import org.dovelua.nauthilus.RequestContext;
import org.dovelua.nauthilus.luatest.FixtureException;
import org.dovelua.nauthilus.luatest.MockData;
import org.dovelua.nauthilus.luatest.RunnerException;
import org.dovelua.nauthilus.luatest.TestModeModules;
import org.dovelua.nauthilus.luatest.TestResult;
import org.dovelua.nauthilus.luatest.TestRunner;
import org.dovelua.nauthilus.net.NetworkAccess;
import org.dovelua.nauthilus.redis.NauthilusRedis;
import org.dovelua.nauthilus.redis.RedisContents;

/**
 * Runs one plugin case: the setup's fixture with the case's blocks and request, the plugin once
 * through Nauthilus's test runner (server/testing/luatest/runner.go Run), then the case's
 * expectations. The answer is also given as a {@link Result}, so failures print, count and go into
 * JUnit XML and JSON reports as every case's do.
 */
final class PluginRun {
    /** What the run left, read before its modules close. */
    record Left(TestResult result, Map<String, JsonNode> context, Map<String, RedisContents.Value> redis,
            Map<String, List<String>> calls, List<HttpExchange> http) {
    }

    private PluginRun() {
    }

    /** The fixture a case runs with: the setup's blocks, the case's in their place, the request in context. */
    static ObjectNode fixture(PluginSetup setup, ObjectNode request, ObjectNode caseBlocks) {
        ObjectNode f = setup.fixture().deepCopy();
        caseBlocks.fields().forEachRemaining(e -> f.set(e.getKey(), e.getValue().deepCopy()));
        if (!request.isEmpty()) {
            JsonNode ctx = f.get("context");
            ObjectNode c = ctx instanceof ObjectNode o ? o : f.putObject("context");
            request.fields().forEachRemaining(e -> c.set(e.getKey(), e.getValue().deepCopy()));
        }
        return f;
    }

    /** Runs {@code c}; never throws (a plugin that cannot run fails its case with the runner's text). */
    static CaseOutcome run(CaseFile file, Case c) {
        return run(file, c, null);
    }

    /** {@link #run(CaseFile, Case)}, counting the plugin's lines into {@code coverage} (null: off). */
    static CaseOutcome run(CaseFile file, Case c, org.dovelua.lua.coverage.Coverage coverage) {
        PluginSetup setup = file.setup().nauthilus();
        PluginCase pc = c.plugin();
        long start = System.nanoTime();
        List<String> hints = new ArrayList<>();
        // the file's stubs, started for this case alone: every case sees them rewound, as
        // CaseRunner rewinds a doveadm case's (resetStubs), whichever worker runs it
        try (SandboxNetwork net = SandboxNetwork.start(file.setup().networkSettings(),
                line -> hints.add("dovelua: hint: " + line))) {
            MockData data = MockData.parse(fixture(setup, pc.request(), pc.fixture()).toString());
            NauthilusMode mode = PluginModes.mode(setup.mode());
            TestRunner runner = new TestRunner(setup.plugin(), setup.kind(), data, TestModeModules.standard(mode),
                    setup.dir(), mode).version(PluginModes.version(setup.version()))
                    .network(new NetworkAccess(net.router(), net.shell())).coverage(coverage);
            Map<String, JsonNode> context = new LinkedHashMap<>();
            Map<String, RedisContents.Value>[] redis = new Map[1];
            runner.atEnd(end -> {
                if (pc.expect().context() != null) {
                    pc.expect().context().keySet().forEach(k -> context.put(k, PluginReturns.json(value(end.context(), k))));
                }
                if (pc.expect().redis() != null) {
                    NauthilusRedis r = end.module(NauthilusRedis.class);
                    redis[0] = r != null ? RedisContents.of(r) : RedisContents.seededBy(data.block("redis"));
                }
            });
            TestResult r;
            StringWriter out = new StringWriter();
            try {
                r = runner.run();
                PrintWriter w = new PrintWriter(out);
                runner.printResult(w, r);
                w.flush();
            } catch (RunnerException e) {
                // server/main.go runLuaTest: the load error ends the run with exit code 1
                r = new TestResult();
                r.errors.add(e.getMessage());
                out.write(e.getMessage() + "\n");
            }
            Map<String, List<String>> calls = new LinkedHashMap<>();
            for (String block : PluginCaseReader.BLOCKS) {
                List<String> seen = new ArrayList<>();
                data.calls(block).recorded().forEach(x -> seen.add(x.method() + " " + x.args()));
                calls.put(block, seen);
            }
            List<HttpExchange> http = net.router().exchanges();
            Left left = new Left(r, context, redis[0], calls, http);
            long nanos = System.nanoTime() - start;
            List<Mismatch> m = PluginCheck.check(setup.kind(), pc.expect(), left);
            return new CaseOutcome(file, c, m.isEmpty() ? CaseOutcome.Status.PASSED : CaseOutcome.Status.FAILED, m,
                    null, answer(setup, pc.request(), r, out.toString(), hints, http), nanos);
        } catch (FixtureException | IllegalArgumentException e) {
            return new CaseOutcome(file, c, CaseOutcome.Status.FAILED, List.of(), c.at() + ": " + e.getMessage(), null,
                    System.nanoTime() - start);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            return new CaseOutcome(file, c, CaseOutcome.Status.FAILED, List.of(), c.at() + ": dovelua failed to run "
                    + "this case: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null,
                    System.nanoTime() - start);
        }
    }

    private static Object value(RequestContext ctx, String key) {
        return ctx == null ? null : ctx.get(key);
    }

    /** The run as a Result: the test mode's command, exit code and result block, the return values as fields. */
    private static Result answer(PluginSetup setup, ObjectNode request, TestResult r, String stdout,
            List<String> hints, List<HttpExchange> http) {
        Map<String, String> fields = new LinkedHashMap<>();
        PluginReturns.of(setup.kind()).keySet()
                .forEach(k -> fields.put(k, PluginReturns.text(PluginReturns.actual(setup.kind(), k, r))));
        List<String> lines = new ArrayList<>();
        fields.forEach((k, v) -> lines.add(k + "=" + v));
        // the input too: a failure names the request it ran
        String command = "nauthilus test"
                + (setup.version().equals(PluginModes.DEFAULT_VERSION) ? "" : " --nauthilus-version " + setup.version())
                + (setup.mode().equals("test") ? "" : " --mode " + setup.mode())
                + " --test-lua " + setup.plugin() + " --test-callback " + setup.kind().flag
                + (request.isEmpty() ? "" : " with request " + request);
        StringBuilder errors = new StringBuilder();
        r.errors.forEach(e -> errors.append("dovelua: ").append(e).append('\n'));
        hints.forEach(h -> errors.append(h).append('\n'));
        return new Result(command, TestRunner.exitCode(r), stdout, errors.toString(), String.join(" ", lines), fields,
                lines, List.of(), r.logs, http, List.of());
    }
}
