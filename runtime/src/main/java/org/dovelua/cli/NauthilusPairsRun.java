package org.dovelua.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.cases.JunitXml;
import org.dovelua.doveadm.Exits;
import org.dovelua.nauthilus.luatest.NauthilusVersion;
import org.dovelua.nauthilus.luatest.PairRun;
import org.dovelua.nauthilus.luatest.PluginPair;
import org.dovelua.nauthilus.luatest.PluginPairs;
import org.dovelua.nauthilus.luatest.ResultBlock;
import org.dovelua.nauthilus.luatest.TestModeModules;
import org.dovelua.nauthilus.net.NetworkAccess;

/**
 * {@code dovelua nauthilus test DIR...}: every {@code <name>_wrapper.lua}/{@code <name>_test.json}
 * pair below the directories ({@link PluginPairs}), run in this one JVM as
 * {@code scripts/run-lua-plugin-tests.sh} runs them one {@code go run ./server} at a time. One line
 * per pair, the result block (or main.go's error text) for a failure, then {@code N passed, N failed};
 * exit 0 iff every pair passed.
 */
final class NauthilusPairsRun {
    private final DoveluaCommand root;
    private final NauthilusVersion version;
    private final NetworkAccess network;
    private final boolean traceCalls;
    private final Path junitXml;

    NauthilusPairsRun(DoveluaCommand root, NauthilusVersion version, NetworkAccess network, boolean traceCalls,
            Path junitXml) {
        this.version = version;
        this.network = network;
        this.root = root;
        this.traceCalls = traceCalls;
        this.junitXml = junitXml;
    }

    int run(List<String> directories) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        List<PluginPair> pairs = new ArrayList<>();
        for (String d : directories) {
            Path dir = workingDirectory.resolve(d);
            if (!Files.isDirectory(dir)) {
                root.err.println("Error: " + d + ": not a directory (give --test-lua for one script)");
                return 1;
            }
            List<PluginPair> found;
            try {
                found = PluginPairs.discover(d, dir);
            } catch (IOException e) {
                root.err.println("Error: " + d + ": " + e.getMessage());
                return 1;
            }
            if (found.isEmpty()) {
                root.err.println("Error: " + d + ": no <name>" + PluginPairs.WRAPPER + " / <name>" + PluginPairs.FIXTURE
                        + " pairs found");
                return 1;
            }
            pairs.addAll(found);
        }
        TestModeModules modules = TestModeModules.standard();
        List<PairRun> runs = new ArrayList<>();
        int passed = 0;
        for (PluginPair pair : pairs) {
            PairRun run = PairRun.run(pair, modules, version, network, workingDirectory, traceCalls);
            runs.add(run);
            print(run);
            if (run.passed()) {
                passed++;
            }
        }
        int failed = runs.size() - passed;
        root.out.println();
        root.out.println(passed + " passed, " + failed + " failed");
        root.out.flush();
        if (junitXml != null) {
            try {
                writeJunit(runs);
            } catch (IOException e) {
                root.err.println("dovelua: nauthilus test: --junit-xml: " + e.getMessage());
                return Exits.CANTCREAT;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private void print(PairRun run) {
        PluginPair p = run.pair();
        String kind = p.kind() == null ? "?" : p.kind().flag;
        root.out.println((run.passed() ? "PASS " : "FAIL ") + p.script() + " (" + kind + ")");
        if (!run.passed()) {
            root.out.print(detail(run));
        }
        if (run.trace() != null) {
            root.out.print(run.trace().json());
        }
        root.out.flush();
    }

    /** What `--test-lua` mode shows for the pair: the result block, or main.go's error line. */
    private static String detail(PairRun run) {
        if (run.result() == null) {
            return "  " + run.error() + "\n";
        }
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        ResultBlock.print(w, run.pair().script(), run.pair().kind().flag, run.result());
        w.flush();
        return s.toString();
    }

    /** One testsuite per folder holding pairs, one testcase per pair (classname = the folder). */
    private void writeJunit(List<PairRun> runs) throws IOException {
        Map<String, List<JunitXml.Row>> byFolder = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (PairRun r : runs) {
            PluginPair p = r.pair();
            String failure = null;
            if (!r.passed()) {
                failure = r.result() == null ? r.error()
                        : r.result().errors.isEmpty() ? "Success: false" : r.result().errors.get(0);
            }
            byFolder.computeIfAbsent(p.directory(), k -> new ArrayList<>()).add(JunitXml.Row.ran(p.name(),
                    p.directory(), p.script(), r.nanos(), failure, failure == null ? null : detail(r)));
            nanos.merge(p.directory(), r.nanos(), Long::sum);
        }
        List<JunitXml.Suite> suites = new ArrayList<>();
        byFolder.forEach((folder, rows) -> suites.add(new JunitXml.Suite(folder, nanos.get(folder), rows)));
        JunitXml.write(junitXml, "dovelua nauthilus test", suites);
    }
}
