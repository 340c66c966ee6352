package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Case files: the model they become, and located errors for everything wrong in them. */
class CaseFileReaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "-- empty\n");
        Files.createDirectories(dir.resolve("fixtures"));
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aCompleteFileBecomesTheModel() throws Exception {
        Path f = write(String.join("\n",
                "script: auth.lua",
                "dovecot_version: 2.4.1",
                "mounts: {/etc/dovecot: fixtures}",
                "env: {TIER: gold}",
                "auth_verbose: yes",
                "auth_debug: false",
                "timeout: 2.5",
                "cases:",
                "  - auth_test: {user: alice, password: 1234, service: imap, rip: 10.0.0.1, info: {forward_x: y}}",
                "    expect:",
                "      result: ok",
                "      exit: 0",
                "      fields: {user: alice, quota: }",
                "      fields_subset: {user: alice}",
                "      absent_fields: nologin",
                "      logs: [found alice]",
                "      stdout: \"x\\n\"",
                "  - name: lookup",
                "    auth_lookup: bob",
                "    skip: not yet",
                "    expect: {logs: {contain: a, match: ['b+']}}",
                "  - user: {user: carol, lip: 10.0.0.2}",
                "    expect: {}",
                "  - iterate:",
                "    expect: {users: [alice, bob], result: ok}",
                ""));
        CaseFile cf = CaseFile.read(f);
        Setup s = cf.setup();
        assertThat(s.script()).isEqualTo(dir.resolve("auth.lua"));
        assertThat(s.config()).isNull();
        assertThat(s.version()).isEqualTo("2.4.1");
        assertThat(s.mounts()).containsExactly(Map.entry("/etc/dovecot", dir.resolve("fixtures")));
        assertThat(s.env()).containsExactly(Map.entry("TIER", "gold"));
        assertThat(s.authVerbose()).isTrue();
        assertThat(s.authDebug()).isFalse();
        assertThat(s.timeout().toMillis()).isEqualTo(2500);
        assertThat(cf.cases()).hasSize(4);
        Case t = cf.cases().get(0);
        assertThat(t.name()).isEqualTo("auth_test alice");
        assertThat(t.at().line()).isEqualTo(9);
        assertThat(t.command()).isEqualTo(Case.Command.AUTH_TEST);
        assertThat(t.password()).isEqualTo("1234");
        assertThat(t.info()).containsExactly(Map.entry("service", "imap"), Map.entry("rip", "10.0.0.1"),
                Map.entry("forward_x", "y"));
        Expect e = t.expect();
        assertThat(e.result()).isEqualTo("ok");
        assertThat(e.exit()).isZero();
        assertThat(e.fields()).containsExactly(Map.entry("user", "alice"), Map.entry("quota", ""));
        assertThat(e.absentFields()).containsExactly("nologin");
        assertThat(e.logsContain()).containsExactly("found alice");
        assertThat(e.stdout()).isEqualTo("x\n");
        Case l = cf.cases().get(1);
        assertThat(l.name()).isEqualTo("lookup");
        assertThat(l.skip()).isEqualTo("not yet");
        assertThat(l.expect().logsMatch()).extracting(java.util.regex.Pattern::pattern).containsExactly("b+");
        assertThat(cf.cases().get(2).info()).containsExactly(Map.entry("lip", "10.0.0.2"));
        assertThat(cf.cases().get(3).expect().users()).containsExactly("alice", "bob");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad YAML | cases: [\\n  - {user: a\\n | 2:3 | invalid YAML: expected the node content, but found '-' (while parsing a flow node at line 2)",
        "bad indentation | script: auth.lua\\ncases:\\n  - user: a\\n   expect: {} | 4:4 | line 4: 'expect:' is indented 3 spaces but 'user:' on line 3 is indented 4; keys of one mapping line up",
        "tab indentation | script: auth.lua\\ncases:\\n  - user: a\\n\\texpect: {} | 4:1 | line 4 is indented with a tab; YAML indents with spaces only",
        "unknown top key | script: auth.lua\\nscirpt: x\\ncases: [{user: a}] | 2:1 | unknown key 'scirpt' in the case file (expected one of: config, script, ",
        "no expect | script: auth.lua\\ncases:\\n  - user: a | 3:5 | case 1 (user) has no expect: add what the answer must be (e.g. expect: {result: ok}), or expect: {} to check only that the request runs",
        "unknown case key | script: auth.lua\\ncases:\\n  - user: a\\n    expct: {} | 4:5 | unknown key 'expct' in a case (expected one of: name, skip, auth_test, auth_lookup, user, iterate, auth_login, cache_flush, cache_stats, expect, advance_clock)",
        "unknown expect key | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {reslt: ok} | 4:14 | unknown key 'reslt' in expect (expected one of: result, exit, ",
        "unknown request key | script: auth.lua\\ncases:\\n  - auth_test: {user: a, password: b, sevice: imap} | 3:39 | unknown key 'sevice' in auth_test (expected one of: user, password, service, ",
        "typo before missing | script: auth.lua\\ncases:\\n  - auth_test: {user: a, pasword: b} | 3:26 | unknown key 'pasword' in auth_test (expected one of: user, password, service,",
        "typo in the setup | scirpt: auth.lua\\ncases: [{user: a}] | 1:1 | unknown key 'scirpt' in the case file",
        "exit type | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {exit: seven} | 4:20 | exit: expected a whole number, found a string",
        "fields type | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {fields: [a]} | 4:22 | fields: expected a mapping of name: value, found a list",
        "boolean | script: auth.lua\\nauth_debug: maybe\\ncases: [{user: a}] | 2:13 | auth_debug: expected yes/no (or true/false), found a string",
        "no setup | cases: [{user: a}] | 1:1 | give exactly one of config: (a dovecot.conf) or script: (a .lua file)",
        "both setups | script: auth.lua\\nconfig: auth.lua\\ncases: [{user: a}] | 1:1 | give exactly one of config:",
        "missing script | script: nope.lua\\ncases: [{user: a}] | 1:9 | script: ",
        "relative mount | script: auth.lua\\nmounts: {etc: fixtures}\\ncases: [{user: a}] | 2:10 | mounts: 'etc' is not an absolute path",
        "missing mount | script: auth.lua\\nmounts: {/etc: nope}\\ncases: [{user: a}] | 2:16 | mounts: ",
        "stubs list | script: auth.lua\\nstubs: [a]\\ncases: [{user: a}] | 2:8 | stubs: expected a mapping of URL prefix to stub",
        "stub url | script: auth.lua\\nstubs: {login: 'nauthilus:x'}\\ncases: [{user: a}] | 2:9 | stubs: 'login' is not an http(s) URL prefix",
        "stub kind | script: auth.lua\\nstubs: {'http://x': 'ldap:x.yaml'}\\ncases: [{user: a}] | 2:21 | stubs: unknown stub kind 'ldap' (expected KIND:FILE",
        "stub no colon | script: auth.lua\\nstubs: {'http://x': users.yaml}\\ncases: [{user: a}] | 2:21 | stubs: 'users.yaml' (expected KIND:FILE",
        "stub missing file | script: auth.lua\\nstubs: {'http://x': 'nextcloud:nope.yaml'}\\ncases: [{user: a}] | 2:21 | stubs: ",
        "stub inline unknown key | script: auth.lua\\nstubs:\\n  http://x:\\n    nextcloud:\\n      users: {a: [b]}\\n      delay: 5\\ncases: [{user: a}] | 6:7 | stubs: nextcloud: unknown key 'delay' (expected one of: delay_ms, fail_status, users)",
        "stub inline type | script: auth.lua\\nstubs:\\n  http://x:\\n    static:\\n      responses:\\n        - status: 99\\ncases: [{user: a}] | 6:11 | stubs: static: status must be a 3-digit HTTP status, not 99",
        "stub two kinds | script: auth.lua\\nstubs:\\n  http://x: {static: {}, nextcloud: {}}\\ncases: [{user: a}] | 3:13 | stubs: http://x: found a mapping (expected KIND:FILE",
        "http not a list | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {http: {url: x}} | 4:20 | http: expected a list of requests",
        "http unknown key | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {http: [{uri: x}]} | 4:22 | unknown key 'uri' in an http: request (expected one of: method, url, headers, absent_headers, json, body, status)",
        "http json and body | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {http: [{json: {}, body: x}]} | 4:22 | http: give json: (a subset) or body: (exact), not both",
        "result name | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {result: ok} | 4:22 | result: 'ok' is not a result of user (expected one of: found, not_found, failed)",
        "regex | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {logs: {match: ['a(']}} | 4:29 | logs.match: invalid regular expression: ",
        "two commands | script: auth.lua\\ncases:\\n  - user: a\\n    auth_lookup: a | 3:5 | a case runs one command, found both auth_lookup: and user:",
        "no command | script: auth.lua\\ncases:\\n  - name: x | 3:5 | case 1: expected one of auth_test:, auth_login:, auth_lookup:, user:, iterate:, cache_flush: or cache_stats:",
        "auth_test scalar | script: auth.lua\\ncases:\\n  - auth_test: alice | 3:16 | auth_test: expected a mapping with user: and password:, found a string",
        "missing password | script: auth.lua\\ncases:\\n  - auth_test: {user: a} | 3:16 | missing password: in this request",
        "bad rip | script: auth.lua\\ncases:\\n  - auth_lookup: {user: a, rip: 999.1} | 3:33 | rip: Invalid rip value: 999.1",
        "bad info | script: auth.lua\\ncases:\\n  - auth_test: {user: a, password: x, info: {rip: not-an-ip}}\\n | 3:45 | info: Invalid rip value: not-an-ip",
        "duplicate key | script: auth.lua\\nscript: auth.lua\\ncases: [{user: a}] | 2:1 | duplicate key 'script' (first at line 1)",
        "no cases | script: auth.lua | 1:1 | missing cases: (expected a list of cases)",
        "empty cases | script: auth.lua\\ncases: [] | 2:8 | cases: expected a non-empty list of cases, found a list",
        "not a mapping | - a\\n- b | 1:1 | the case file: expected a mapping, found a list",
        "empty file | '' | 1:1 | the file is empty",
        "users on user | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {users: [a]} | 4:14 | users: only an iterate: case lists users",
        "iterate value | script: auth.lua\\ncases:\\n  - iterate: alice | 3:14 | iterate: expected true (it takes no user), found a string",
        "version | script: auth.lua\\ndovecot_version: banana\\ncases: [{user: a}] | 2:18 | dovecot_version: ",
    })
    void errorsAreLocated(String what, String yaml, String at, String message) throws Exception {
        Path f = write(yaml.equals("''") ? "" : yaml.replace("\\n", "\n").replace("\\t", "\t"));
        assertThatThrownBy(() -> CaseFile.read(f)).as(what).isInstanceOf(CaseFileException.class)
                .hasMessageStartingWith(f + ":" + at + ": " + message)
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void configPathsAreRelativeToTheCaseFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("suite"));
        Files.writeString(dir.resolve("dovecot.conf"), "# empty\n");
        Path f = sub.resolve("login.cases.yaml");
        Files.writeString(f, "config: ../dovecot.conf\nmounts: {/etc/dovecot: ..}\ncases: [{user: a, expect: {}}]\n");
        CaseFile cf = CaseFile.read(f);
        assertThat(cf.setup().config()).isEqualTo(dir.resolve("dovecot.conf"));
        assertThat(cf.setup().mounts()).containsEntry("/etc/dovecot", dir);
        assertThat(CaseFiles.find(java.util.List.of(dir))).containsExactly(f);
        assertThat(CaseFiles.isCaseFileName("stub.yaml")).isFalse();
    }
}
