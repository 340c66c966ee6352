package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two case files in one JVM, as {@code dovelua test} and JUnit run them: one whose script changes
 * everything shared it can reach (type metatables, {@code string}, {@code table}, {@code math},
 * the built-in modules' tables, its globals), one that relies on the usual idioms
 * ({@code function string.trim(s)} and {@code ("x"):trim()}). The second file's results are the
 * same alone, after the first, before it, and beside it on parallel workers.
 */
class CaseIsolationTest {
    @TempDir
    Path dir;

    private static final String HOSTILE_LUA = String.join("\n",
            "getmetatable('').__index = function() return function() return 'hijacked' end end",
            "debug.setmetatable(0, {__index = function() return 'x' end, __concat = function() return 'n' end})",
            "debug.setmetatable(nil, {__index = function() return 'nil field' end})",
            "string.format = nil table.concat = nil math.floor = function() return -1 end",
            "local cjson = require('cjson') cjson.encode = function() return 'hijacked' end",
            "local b64 = require('base64') b64.encode = nil",
            "dovecot = nil",
            "function auth_passdb_lookup(req)",
            "  getmetatable('').__len = function() return 0 end",
            "  return 1, 'password=pw'",
            "end",
            "function auth_userdb_lookup(req) return 1, 'uid=1000 gid=1000 home=/h' end",
            "");

    private static final String VICTIM_LUA = String.join("\n",
            "local cjson = require('cjson')",
            "local b64 = require('base64')",
            "function string.trim(s) return (s:gsub('^%s+', ''):gsub('%s+$', '')) end",
            "function auth_passdb_lookup(req)",
            "  local seen = ('  ' .. req.user .. '  '):trim() .. ':' .. ('x'):upper() .. ':' .. string.format('%d', 7)",
            "    .. ':' .. table.concat({1, 2}, ',') .. ':' .. math.floor(2.5) .. ':' .. cjson.encode({1})",
            "    .. ':' .. b64.encode('a') .. ':' .. tostring(getmetatable(0)) .. ':' .. #'abc'",
            "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', seen = seen}",
            "end",
            "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1000 gid=1000 home=/h' end",
            "");

    private CaseFile file(String name, String lua, String cases) throws Exception {
        Files.writeString(dir.resolve(name + ".lua"), lua);
        Path f = dir.resolve(name + ".cases.yaml");
        Files.writeString(f, "script: " + name + ".lua\ncases:\n" + cases);
        return CaseFile.read(f);
    }

    private CaseFile victim() throws Exception {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            cases.append("  - auth_test: {user: u").append(i).append(", password: pw}\n")
                    .append("    expect: {result: ok, fields_subset: {seen: 'u").append(i)
                    .append(":X:7:1,2:2:[1]:YQ==:nil:3'}}\n");
        }
        return file("victim", VICTIM_LUA, cases.toString());
    }

    private CaseFile hostile() throws Exception {
        return file("hostile", HOSTILE_LUA, "  - auth_test: {user: h, password: pw}\n    expect: {result: ok}\n"
                + "  - auth_test: {user: h2, password: pw}\n    expect: {result: ok}\n");
    }

    private static List<String> victimResults(List<CaseOutcome> outcomes) {
        return outcomes.stream().filter(o -> o.file().file().toString().contains("victim"))
                .map(o -> o.status() + " " + (o.result() == null ? o.error() : o.result().stdout())).toList();
    }

    @Test
    void theVictimAnswersTheSameAloneAfterBeforeAndBesideTheHostileFile() throws Exception {
        CaseFile victim = victim();
        CaseFile hostile = hostile();
        List<String> alone = victimResults(CaseRunner.run(List.of(victim), new CaseRunner.Options(1, null, false),
                (o, d, t) -> { }));
        assertThat(alone).hasSize(6).allMatch(r -> r.startsWith("PASSED "));
        for (List<CaseFile> order : List.of(List.of(hostile, victim), List.of(victim, hostile))) {
            for (int jobs : new int[] {1, 4}) {
                List<CaseOutcome> all = CaseRunner.run(order, new CaseRunner.Options(jobs, null, false), (o, d, t) -> { });
                assertThat(all).as("hostile cases run").filteredOn(o -> o.file() == hostile)
                        .allMatch(o -> o.status() == CaseOutcome.Status.PASSED);
                assertThat(victimResults(all)).as("%s on %d workers", order.get(0).file().getFileName(), jobs)
                        .isEqualTo(alone);
            }
        }
    }
}
