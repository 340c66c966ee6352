package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each expectation of a plugin case, met and unmet: the kinds' return values, success and errors,
 * status messages, logs, context and Redis after the run, module calls; a failure names the case,
 * its request and the difference, with a rerun line.
 */
class PluginExpectationsTest {
    @TempDir
    Path dir;

    /** Runs a one-case file; returns "" when it passes, else its report. */
    private String run(String kind, String plugin, String fixture, String testCase) throws Exception {
        return run(kind, "test", plugin, fixture, testCase);
    }

    private String run(String kind, String mode, String plugin, String fixture, String testCase) throws Exception {
        Files.writeString(dir.resolve("p.lua"), plugin);
        Path f = Files.writeString(dir.resolve("p.cases.yaml"), "nauthilus:\n  plugin: p.lua\n  kind: " + kind
                + "\n  mode: " + mode + "\n" + (fixture == null ? "" : "  fixture:\n" + fixture) + "cases:\n" + testCase);
        CaseFile cf = CaseFile.read(f);
        List<CaseOutcome> out = CaseRunner.run(List.of(cf), new CaseRunner.Options(1, null, false), (o, d, t) -> { });
        CaseOutcome o = out.get(0);
        return o.status() == CaseOutcome.Status.PASSED ? "" : o.title() + "\n" + o.report();
    }

    private static final String SUBJECT = "function nauthilus_call_subject(r)\n"
            + "  if r.client_ip == '192.0.2.1' then nauthilus_builtin.status_message_set('go away') return true, 0 end\n"
            + "  return false, 0\nend\n";

    @Test
    void subjectRejectAndResult() throws Exception {
        assertThat(run("subject", SUBJECT, null, "  - request: {client_ip: 192.0.2.1}\n    expect: {reject: true, result: 0}\n"))
                .isEmpty();
        String report = run("subject", SUBJECT, null, "  - name: rejects\n    request: {client_ip: 192.0.2.2}\n"
                + "    expect: {reject: true, result: 1}\n");
        assertThat(report).startsWith(dir.resolve("p.cases.yaml") + ":6: rejects\n")
                .contains("reject\n  expected: true\n  actual:   false\n")
                .contains("result\n  expected: 1\n  actual:   0\n")
                .contains("(ran: nauthilus test --test-lua p.lua --test-callback subject with request"
                        + " {\"client_ip\":\"192.0.2.2\"}, exit 0, result reject=false result=0)")
                .contains("rerun: dovelua test " + CaseFiles.shown(dir.resolve("p.cases.yaml")) + " --filter rejects\n");
    }

    @Test
    void environmentTriggeredAbortResult() throws Exception {
        String env = "function nauthilus_call_environment(r) return true, false, 1 end\n";
        assertThat(run("environment", env, null, "  - expect: {triggered: true, abort: false, result: 1}\n")).isEmpty();
        assertThat(run("environment", env, null, "  - expect: {triggered: false, abort: true}\n"))
                .contains("triggered\n  expected: false\n  actual:   true\n")
                .contains("abort\n  expected: true\n  actual:   false\n");
    }

    @Test
    void actionResult() throws Exception {
        String action = "function nauthilus_call_action(r) return nauthilus_builtin.ACTION_RESULT_FAIL end\n";
        assertThat(run("action", action, null, "  - expect: {result: false}\n")).isEmpty();
        assertThat(run("action", action, null, "  - expect: {result: true}\n"))
                .contains("result\n  expected: true\n  actual:   false\n");
    }

    @Test
    void backendFields() throws Exception {
        String backend = "function nauthilus_backend_verify_password(r)\n"
                + "  return 0, {authenticated = true, user_found = true, account_field = 'mail'}\nend\n";
        assertThat(run("backend", backend, null, "  - expect: {authenticated: true, user_found: true, account_field:"
                + " mail}\n")).isEmpty();
        assertThat(run("backend", backend, null, "  - expect: {authenticated: false, account_field: uid,"
                + " display_name_field: cn}\n"))
                .contains("authenticated\n  expected: false\n  actual:   true\n")
                .contains("account_field\n  expected: uid\n  actual:   mail\n")
                .contains("display_name_field\n  expected: cn\n  actual:   (none)\n");
    }

    @Test
    void hookAnswerIsComparedAsJson() throws Exception {
        String hook = "function nauthilus_run_hook(r) return {status = 'ok', n = 2, list = {'a', 'b'}} end\n";
        assertThat(run("hook", hook, null, "  - expect: {answer: {list: [a, b], n: 2, status: ok}}\n")).isEmpty();
        assertThat(run("hook", hook, null, "  - expect: {answer: {list: [a], n: 2, status: ok}}\n"))
                .contains("answer differs (- expected, + actual):\n")
                .contains("-   \"list\" : [ \"a\" ],\n  +   \"list\" : [ \"a\", \"b\" ],\n");
        assertThat(run("hook", "function nauthilus_run_hook(r) return nil end\n", null,
                "  - expect: {answer: {status: ok}}\n")).contains("answer differs").contains("+ null");
    }

    @Test
    void cacheFlushKeysAndAccount() throws Exception {
        String flush = "function nauthilus_cache_flush(r) return {'k1', 'k2'}, 'acct' end\n";
        assertThat(run("cache_flush", flush, null, "  - expect: {keys: [k1, k2], account: acct}\n")).isEmpty();
        assertThat(run("cache_flush", flush, null, "  - expect: {keys: [k1], account: other}\n"))
                .contains("keys differs (- expected, + actual):\n")
                .contains("account\n  expected: other\n  actual:   acct\n");
    }

    @Test
    void aFailedRunFailsTheCaseUnlessItIsExpected() throws Exception {
        String broken = "function nauthilus_call_action(r) error('boom') end\n";
        assertThat(run("action", broken, null, "  - expect: {}\n"))
                .contains("success\n  expected: true\n  actual:   false (action execution failed: p.lua:1: boom)\n");
        assertThat(run("action", broken, null, "  - expect: {errors: ['p.lua:1: boom']}\n")).isEmpty();
        assertThat(run("action", broken, null, "  - expect: {errors: [kaboom]}\n"))
                .contains("errors\n  expected: an error containing: kaboom\n");
        assertThat(run("action", "function nauthilus_call_action(r) return true end\n", null,
                "  - expect: {success: false}\n")).contains("success\n  expected: false\n  actual:   true\n");
        assertThat(run("action", "syntax error here\n", null, "  - expect: {errors: ['failed to load Lua script']}\n"))
                .isEmpty();
    }

    @Test
    void statusMessagesAndLogs() throws Exception {
        String action = "function nauthilus_call_action(r)\n  nauthilus_builtin.status_message_set('one')\n"
                + "  nauthilus_builtin.custom_log_add('k', 'v 42')\n  return true\nend\n";
        assertThat(run("action", action, null, "  - expect: {status: [one], logs: {contain: ['[CUSTOM] k: v 42'],"
                + " match: ['v \\d+']}}\n")).isEmpty();
        assertThat(run("action", action, null, "  - expect: {status: [two]}\n"))
                .contains("status messages differs (- expected, + actual):\n  - two\n  + one\n");
        assertThat(run("action", action, null, "  - expect: {logs: [nope]}\n"))
                .contains("logs\n  expected: a line containing: nope\n  actual:\n    [STATUS] one\n    [CUSTOM] k: v 42\n");
        assertThat(run("action", action, null, "  - expect: {logs: {match: ['^x']}}\n"))
                .contains("logs\n  expected: a line matching: ^x\n");
    }

    @Test
    void contextAfterTheRun() throws Exception {
        String action = "local c = require('nauthilus_context')\nfunction nauthilus_call_action(r)\n"
                + "  c.context_set('hits', 3)\n  c.context_set('who', r.username)\n  return true\nend\n";
        assertThat(run("action", action, null, "  - request: {username: ann}\n    expect: {context: {hits: 3, who: ann,"
                + " other: null}}\n")).isEmpty();
        assertThat(run("action", action, null, "  - request: {username: ann}\n    expect: {context: {hits: 4, other: x}}\n"))
                .contains("context hits\n  expected: 4\n  actual:   3\n")
                .contains("context other\n  expected: x\n  actual:   (none)\n");
    }

    private static final String REDIS_FIXTURE = "    redis:\n      initial_data:\n"
            + "        strings: {s: one}\n        hashes: {h: {f: '1'}}\n        lists: {l: [a, b]}\n"
            + "        sets: {st: [y, x]}\n        zsets: {z: [{member: m, score: 2}]}\n";
    private static final String REDIS_ACTION = "local rd = require('nauthilus_redis')\n"
            + "function nauthilus_call_action(r)\n  rd.redis_hset('default', 'h', 'g', '2')\n"
            + "  rd.redis_zadd('default', 'z', 'n', 1)\n  rd.redis_set('default', 'new', 'v')\n  return true\nend\n";

    @Test
    void redisAfterTheRun() throws Exception {
        assertThat(run("action", REDIS_ACTION, REDIS_FIXTURE, "  - expect:\n      redis:\n        s: one\n"
                + "        h: {f: '1', g: '2'}\n        l: [a, b]\n        st: [x, y]\n        z: {zset: {n: 1, m: 2}}\n"
                + "        new: v\n        gone:\n        st2: {set: []}\n".replace("        st2: {set: []}\n", "")))
                .isEmpty();
        String report = run("action", REDIS_ACTION, REDIS_FIXTURE, "  - expect:\n      redis:\n        s: two\n"
                + "        h: {f: '1'}\n        l: [b, a]\n        z: {zset: {m: 2}}\n        new:\n        gone: x\n");
        assertThat(report).contains("redis key s\n  expected: string two\n  actual:   string one\n")
                .contains("redis key h differs (- expected, + actual):\n    hash\n      f: 1\n  +   g: 2\n")
                .contains("redis key l differs (- expected, + actual):\n    list\n  -   - b\n      - a\n  +   - b\n")
                .contains("redis key z differs (- expected, + actual):\n    zset\n  +   n: 1\n      m: 2\n")
                .contains("redis key new\n  expected: (no such key)\n  actual:   string v\n")
                .contains("redis key gone\n  expected: string x\n  actual:   (no such key)\n");
        // a plugin that never requires nauthilus_redis leaves the seed as it was
        assertThat(run("action", "function nauthilus_call_action(r) return true end\n", REDIS_FIXTURE,
                "  - expect: {redis: {s: one, new: }}\n")).isEmpty();
    }

    @Test
    void moduleCalls() throws Exception {
        assertThat(run("action", REDIS_ACTION, REDIS_FIXTURE, "  - expect:\n      calls:\n        redis:\n"
                + "          - {method: REDIS_HSET, args: 'h,g'}\n          - redis_zadd\n          - {method: redis_set}\n"
                + "        context: []\n")).isEmpty();
        assertThat(run("action", REDIS_ACTION, REDIS_FIXTURE, "  - expect: {calls: {redis: [redis_hset, redis_set]}}\n"))
                .contains("redis calls differs (- expected, + actual):\n")
                .contains("+ redis_zadd default,z,n,1\n");
        assertThat(run("action", REDIS_ACTION, REDIS_FIXTURE, "  - expect: {calls: {redis: [{method: redis_hset, args:"
                + " nope}, redis_zadd, redis_set]}}\n")).contains("redis calls differs");
    }

    @Test
    void productionModeRunsWhatAServerRunsAndItsBackendCommands() throws Exception {
        String backend = "function nauthilus_backend_verify_password(r)\n"
                + "  local b = nauthilus_backend_result.new()\n  b.authenticated = true\n  return 0, b\nend\n"
                + "function nauthilus_backend_list_accounts(r) return 0, {'alice', 'bob'} end\n";
        // test mode lets a script assign fields; a server's backend_result has setters only
        assertThat(run("backend", "test", backend, null, "  - expect: {authenticated: true}\n")).isEmpty();
        assertThat(run("backend", "production", backend, null, "  - name: assigns\n    expect: {authenticated: true}\n"))
                .contains("(ran: nauthilus test --mode production --test-lua p.lua --test-callback backend");
        assertThat(run("backend_list_accounts", "production", backend, null,
                "  - expect: {code: 0, accounts: [alice, bob]}\n")).isEmpty();
        assertThat(run("backend_list_accounts", "production", backend, null, "  - expect: {accounts: [carol]}\n"))
                .contains("accounts differs (- expected, + actual):\n  - [ \"carol\" ]\n  + [ \"alice\", \"bob\" ]\n");
    }
}
