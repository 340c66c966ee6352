package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dovelua.lua.coverage.Cobertura;
import org.dovelua.lua.coverage.Coverage;
import org.dovelua.lua.coverage.CoverageSummary;
import org.dovelua.lua.coverage.FileCoverage;
import org.dovelua.lua.coverage.Lcov;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dovelua test --coverage}: the lines and {@code if} arms of a script and the module it
 * {@code require}s, counted by hand below, as LCOV and Cobertura; and the same coverage whatever
 * number of workers ran the cases.
 */
class CaseCoverageTest {
    @TempDir
    Path dir;

    static final String AUTH = String.join("\n",
            "-- a small script whose coverage is counted by hand",             // 1  no code
            "local util = require(\"util\")",                                   // 2  the chunk
            "",                                                                 // 3
            "function auth_passdb_lookup(req)",                                 // 4  the chunk (global set)
            "  local user = req.user",                                          // 5  each lookup: alice, carol
            "  if user == \"alice\" then",                                      // 6  both; arm 0 taken by alice
            "    return dovecot.auth.PASSDB_RESULT_OK, \"password=\" .. util.secret(user)", // 7 alice
            "  elseif user == \"bob\" then",                                    // 8  carol; arm 1 never taken
            "    -- bob is never asked for",                                    // 9  no code
            "    return dovecot.auth.PASSDB_RESULT_OK, \"password=builder\"",   // 10 missed
            "  else",                                                           // 11 no code; arm 2 taken by carol
            "    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, \"no such user\"", // 12 carol
            "  end",                                                            // 13 no code
            "end",                                                              // 14 the chunk (CLOSURE)
            "",                                                                 // 15
            "function auth_userdb_lookup(req)",                                 // 16 the chunk
            // 17: a one-line arm shares its line with its condition: not measured as an arm
            "  if req.user == \"alice\" then return dovecot.auth.USERDB_RESULT_OK, \"uid=1000\" end",
            "  return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, \"no such user\"", // 18 missed (no userdb lookup)
            "end",                                                              // 19 the chunk: CLOSURE, return
            "");
    static final String UTIL = String.join("\n",
            "local M = {}",                     // 1 the module's chunk
            "",                                 // 2
            "function M.secret(user)",          // 3 the chunk
            "  if #user > 3 then",              // 4 alice; arm 0 taken; no else arm written
            "    return \"wonderland\"",        // 5 alice
            "  end",                            // 6 no code
            "  return \"short\"",               // 7 missed
            "end",                              // 8 the chunk (CLOSURE)
            "",                                 // 9
            "return M",                         // 10 the chunk
            "");

    private CaseFile suite(int alices, int carols) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), AUTH);
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/util.lua"), UTIL);
        StringBuilder cases = new StringBuilder("script: auth.lua\nmounts:\n  /usr/share/lua/5.4: lib\ncases:\n");
        for (int i = 0; i < alices; i++) {
            cases.append("  - name: alice ").append(i).append("\n    auth_test: {user: alice, password: wonderland}\n")
                    .append("    expect: {result: ok}\n");
        }
        for (int i = 0; i < carols; i++) {
            cases.append("  - name: carol ").append(i).append("\n    auth_test: {user: carol, password: x}\n")
                    .append("    expect: {result: user_unknown}\n");
        }
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, cases.toString());
        return CaseFile.read(f);
    }

    private List<FileCoverage> run(CaseFile file, int jobs) {
        Coverage c = new Coverage();
        List<CaseOutcome> out = CaseRunner.run(List.of(file), new CaseRunner.Options(jobs, null, false, c),
                (o, d, t) -> { });
        assertThat(out).allMatch(o -> o.status() == CaseOutcome.Status.PASSED);
        return c.collect();
    }

    /**
     * One worker, one alice and one carol. A chunk's lines run once per state: the script is
     * loaded by the passdb and the userdb, in the auth process and in the auth worker (4); the
     * module by each state's require (4).
     */
    @Test
    void linesAndArmsAsCountedByHand() throws Exception {
        List<FileCoverage> files = run(suite(1, 1), 1);
        Path auth = dir.resolve("auth.lua").toRealPath();
        Path util = dir.resolve("lib/util.lua").toRealPath();
        assertThat(Lcov.write(files)).isEqualTo(""
                + "TN:\nSF:" + auth + "\n"
                + "BRDA:6,0,0,1\nBRDA:6,0,1,0\nBRDA:6,0,2,1\nBRF:3\nBRH:2\n"
                + "DA:2,4\nDA:4,4\nDA:5,2\nDA:6,2\nDA:7,1\nDA:8,1\nDA:10,0\nDA:12,1\nDA:14,4\nDA:16,4\n"
                + "DA:17,0\nDA:18,0\n"
                // CLOSURE on the `end` line, then the global's store back on line 16, then the
                // chunk's return on line 19 again (luacov and lua5.4's hook count the same)
                + "DA:19,8\n"
                + "LF:13\nLH:10\nend_of_record\n"
                + "TN:\nSF:" + util + "\n"
                + "BRDA:4,0,0,1\nBRF:1\nBRH:1\n"
                + "DA:1,4\nDA:3,4\nDA:4,1\nDA:5,1\nDA:7,0\nDA:8,4\nDA:10,4\n"
                + "LF:7\nLH:6\nend_of_record\n");
        assertThat(Cobertura.write(files, dir.toRealPath(), 0)).isEqualTo(""
                + "<?xml version=\"1.0\" ?>\n"
                + "<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n"
                + "<coverage line-rate=\"0.8\" branch-rate=\"0.75\" lines-covered=\"16\" lines-valid=\"20\" "
                + "branches-covered=\"3\" branches-valid=\"4\" complexity=\"0\" version=\"dovelua\" timestamp=\"0\">\n"
                + "  <sources>\n    <source>" + dir.toRealPath() + "</source>\n  </sources>\n"
                + "  <packages>\n"
                + "    <package name=\".\" line-rate=\"0.7692\" branch-rate=\"0.6667\" complexity=\"0\">\n"
                + "      <classes>\n"
                + "        <class name=\"auth.lua\" filename=\"auth.lua\" line-rate=\"0.7692\" branch-rate=\"0.6667\" "
                + "complexity=\"0\">\n"
                + "          <methods/>\n          <lines>\n"
                + line(2, 4) + line(4, 4) + line(5, 2)
                + "            <line number=\"6\" hits=\"2\" branch=\"true\" condition-coverage=\"66% (2/3)\"/>\n"
                + line(7, 1) + line(8, 1) + line(10, 0) + line(12, 1) + line(14, 4) + line(16, 4) + line(17, 0)
                + line(18, 0) + line(19, 8)
                + "          </lines>\n        </class>\n      </classes>\n    </package>\n"
                + "    <package name=\"lib\" line-rate=\"0.8571\" branch-rate=\"1\" complexity=\"0\">\n"
                + "      <classes>\n"
                + "        <class name=\"util.lua\" filename=\"lib/util.lua\" line-rate=\"0.8571\" branch-rate=\"1\" "
                + "complexity=\"0\">\n"
                + "          <methods/>\n          <lines>\n"
                + line(1, 4) + line(3, 4)
                + "            <line number=\"4\" hits=\"1\" branch=\"true\" condition-coverage=\"100% (1/1)\"/>\n"
                + line(5, 1) + line(7, 0) + line(8, 4) + line(10, 4)
                + "          </lines>\n        </class>\n      </classes>\n    </package>\n"
                + "  </packages>\n</coverage>\n");
        assertThat(CoverageSummary.write(files, dir.toRealPath())).isEqualTo(""
                + "Coverage:\n"
                + "  auth.lua: lines 10/13 (76.9%), if arms 2/3, uncovered: 10, 17-18\n"
                + "  lib/util.lua: lines 6/7 (85.7%), if arms 1/1, uncovered: 7\n"
                + "  total: lines 16/20 (80.0%), if arms 3/4 (75.0%)\n");
    }

    private static String line(int n, int hits) {
        return "            <line number=\"" + n + "\" hits=\"" + hits + "\" branch=\"false\"/>\n";
    }

    /**
     * Four workers each start their own auth process (so a chunk's lines count once more per
     * process), but every request's lines and arms are counted once, whichever worker ran it: the
     * same as one worker, files and lines in the same order.
     */
    @Test
    void fourWorkersMergeToWhatOneWorkerCounts() throws Exception {
        CaseFile file = suite(7, 5);
        List<FileCoverage> one = run(file, 1);
        List<FileCoverage> four = run(file, 4);
        assertThat(four).extracting(FileCoverage::file).containsExactlyElementsOf(
                one.stream().map(FileCoverage::file).toList());
        for (int i = 0; i < one.size(); i++) {
            assertThat(hitOrMissed(four.get(i))).isEqualTo(hitOrMissed(one.get(i)));
            assertThat(four.get(i).arms()).isEqualTo(one.get(i).arms());
        }
        // the request's lines: 12 passdb lookups, 7 of them alice's
        Map<Integer, Long> requestLines = new TreeMap<>(four.get(0).lines()).subMap(5, 13);
        assertThat(requestLines).isEqualTo(new TreeMap<>(one.get(0).lines()).subMap(5, 13))
                .isEqualTo(Map.of(5, 12L, 6, 12L, 7, 7L, 8, 5L, 10, 0L, 12, 5L));
        assertThat(Lcov.write(four).lines().filter(l -> l.startsWith("BRDA")).toList())
                .containsExactly("BRDA:6,0,0,7", "BRDA:6,0,1,0", "BRDA:6,0,2,5", "BRDA:4,0,0,7");
    }

    /**
     * A Nauthilus plugin case file's plugin is counted too (its gopher-lua state, one per case),
     * with the file it {@code require}s.
     */
    @Test
    void aPluginCaseFilesPluginIsCounted() throws Exception {
        Files.writeString(dir.resolve("p.lua"), String.join("\n",
                "local helper = require('helper')",         // 1 the chunk
                "function nauthilus_call_subject(r)",       // 2 the chunk (the global's store)
                "  if helper.bad(r.client_ip) then",        // 3 both cases; arm 0 taken once
                "    return true, 0",                       // 4 the first case
                "  end",                                    // 5 no code
                "  return false, 0",                        // 6 the second case
                "end",                                      // 7 the chunk: CLOSURE, then its return after line 2: 2
                ""));
        Files.writeString(dir.resolve("helper.lua"), String.join("\n",
                "local M = {}",                             // 1 the chunk
                "function M.bad(ip) return ip == '192.0.2.1' end", // 2 the chunk and each call
                "return M",                                 // 3 the chunk
                ""));
        Path f = Files.writeString(dir.resolve("p.cases.yaml"), "nauthilus:\n  plugin: p.lua\n  kind: subject\n"
                + "cases:\n  - request: {client_ip: 192.0.2.1}\n    expect: {reject: true, result: 0}\n"
                + "  - request: {client_ip: 192.0.2.2}\n    expect: {reject: false, result: 0}\n");
        Coverage c = new Coverage();
        List<CaseOutcome> out = CaseRunner.run(List.of(CaseFile.read(f)), new CaseRunner.Options(2, null, false, c),
                (o, d, t) -> { });
        assertThat(out).allMatch(o -> o.status() == CaseOutcome.Status.PASSED);
        assertThat(Lcov.write(c.collect())).isEqualTo(""
                + "TN:\nSF:" + dir.resolve("helper.lua").toRealPath() + "\n"
                + "BRF:0\nBRH:0\nDA:1,2\nDA:2,4\nDA:3,2\nLF:3\nLH:3\nend_of_record\n"
                + "TN:\nSF:" + dir.resolve("p.lua").toRealPath() + "\n"
                + "BRDA:3,0,0,1\nBRF:1\nBRH:1\n"
                + "DA:1,2\nDA:2,2\nDA:3,2\nDA:4,1\nDA:6,1\nDA:7,4\nLF:6\nLH:6\nend_of_record\n");
    }

    private static Map<Integer, Boolean> hitOrMissed(FileCoverage f) {
        return f.lines().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() > 0,
                (a, b) -> a, TreeMap::new));
    }
}
