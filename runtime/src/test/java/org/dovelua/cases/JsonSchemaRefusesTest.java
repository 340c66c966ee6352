package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.cases.JsonSchemas.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the Java readers refuse (the mistakes of CaseFileReaderTest, CaseExecTest, CaseDictsTest,
 * CaseSqlTest and StubsTest), the JSON Schemas refuse too, so an editor flags it before a run does.
 * Left out, because no JSON Schema can see them: YAML syntax, indentation and tabs, duplicate keys
 * and an empty file (the editor's YAML parser reports those), files that do not exist (config:,
 * script:, mounts:, stub, exec, sql and dict files) and whether logs.match is a valid Java regex.
 */
class JsonSchemaRefusesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "-- empty\n");
        Files.writeString(dir.resolve("dovecot.conf"), "# empty\n");
        Files.writeString(dir.resolve("seed.yaml"), "{}\n");
        Files.writeString(dir.resolve("users.sql"), "CREATE TABLE t (a TEXT);\n");
        Files.writeString(dir.resolve("nc.yaml"), "users: {a: [b]}\n");
        Files.createDirectories(dir.resolve("fixtures"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case files (CaseFileReaderTest.errorsAreLocated, in its order)
        "unknown top key | CASES | script: auth.lua\\nscirpt: x\\ncases: [{user: a, expect: {}}]",
        "no expect | CASES | script: auth.lua\\ncases:\\n  - user: a",
        "unknown case key | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expct: {}",
        "unknown expect key | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {reslt: ok}",
        "unknown request key | CASES | script: auth.lua\\ncases:\\n  - auth_test: {user: a, password: b, sevice: imap}\\n    expect: {}",
        "typo before missing | CASES | script: auth.lua\\ncases:\\n  - auth_test: {user: a, pasword: b}\\n    expect: {}",
        "exit type | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {exit: seven}",
        "fields type | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {fields: [a]}",
        "boolean | CASES | script: auth.lua\\nauth_debug: maybe\\ncases: [{user: a, expect: {}}]",
        "no setup | CASES | cases: [{user: a, expect: {}}]",
        "both setups | CASES | script: auth.lua\\nconfig: dovecot.conf\\ncases: [{user: a, expect: {}}]",
        "relative mount | CASES | script: auth.lua\\nmounts: {etc: fixtures}\\ncases: [{user: a, expect: {}}]",
        "stubs list | CASES | script: auth.lua\\nstubs: [a]\\ncases: [{user: a, expect: {}}]",
        "stub url | CASES | script: auth.lua\\nstubs: {login: 'nextcloud:nc.yaml'}\\ncases: [{user: a, expect: {}}]",
        "stub kind | CASES | script: auth.lua\\nstubs: {'http://x': 'ldap:nc.yaml'}\\ncases: [{user: a, expect: {}}]",
        "stub no colon | CASES | script: auth.lua\\nstubs: {'http://x': nc.yaml}\\ncases: [{user: a, expect: {}}]",
        "stub inline unknown key | CASES | script: auth.lua\\nstubs:\\n  http://x:\\n    nextcloud:\\n      users: {a: [b]}\\n      delay: 5\\ncases: [{user: a, expect: {}}]",
        "stub inline type | CASES | script: auth.lua\\nstubs:\\n  http://x:\\n    static:\\n      responses:\\n        - status: 99\\ncases: [{user: a, expect: {}}]",
        "stub two kinds | CASES | script: auth.lua\\nstubs:\\n  http://x: {static: {}, nextcloud: {}}\\ncases: [{user: a, expect: {}}]",
        "http not a list | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {http: {url: x}}",
        "http unknown key | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {http: [{uri: x}]}",
        "http json and body | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {http: [{json: {}, body: x}]}",
        "result name | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {result: ok}",
        "two commands | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    auth_lookup: a\\n    expect: {}",
        "no command | CASES | script: auth.lua\\ncases:\\n  - name: x\\n    expect: {}",
        "auth_test scalar | CASES | script: auth.lua\\ncases:\\n  - auth_test: alice\\n    expect: {}",
        "missing password | CASES | script: auth.lua\\ncases:\\n  - auth_test: {user: a}\\n    expect: {}",
        "bad rip | CASES | script: auth.lua\\ncases:\\n  - auth_lookup: {user: a, rip: 999.1}\\n    expect: {}",
        "bad info | CASES | script: auth.lua\\ncases:\\n  - auth_test: {user: a, password: x, info: {rip: not-an-ip}}\\n    expect: {}",
        "no cases | CASES | script: auth.lua",
        "empty cases | CASES | script: auth.lua\\ncases: []",
        "not a mapping | CASES | - a\\n- b",
        "users on user | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {users: [a]}",
        "iterate value | CASES | script: auth.lua\\ncases:\\n  - iterate: alice\\n    expect: {}",
        "version | CASES | script: auth.lua\\ndovecot_version: banana\\ncases: [{user: a, expect: {}}]",
        // more of the case file reader's refusals
        "version 2.2 | CASES | script: auth.lua\\ndovecot_version: 2.2.36\\ncases: [{user: a, expect: {}}]",
        "iterate false | CASES | script: auth.lua\\ncases:\\n  - iterate: false\\n    expect: {}",
        "auth_test result on a lookup | CASES | script: auth.lua\\ncases:\\n  - auth_lookup: a\\n    expect: {result: password_mismatch}",
        "iterate result | CASES | script: auth.lua\\ncases:\\n  - iterate: true\\n    expect: {result: found}",
        "bad port | CASES | script: auth.lua\\ncases:\\n  - user: {user: a, rport: 70000}\\n    expect: {}",
        "null user | CASES | script: auth.lua\\ncases:\\n  - user:\\n    expect: {}",
        "expect null | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect:",
        "logs unknown key | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {logs: {contains: x}}",
        "absent_fields mapping | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {absent_fields: {a: b}}",
        "status not a number | CASES | script: auth.lua\\ncases:\\n  - user: a\\n    expect: {http: [{status: ok}]}",
        "timeout zero | CASES | script: auth.lua\\ntimeout: 0\\ncases: [{user: a, expect: {}}]",
        "timeout text | CASES | script: auth.lua\\ntimeout: soon\\ncases: [{user: a, expect: {}}]",
        "env list | CASES | script: auth.lua\\nenv: [A]\\ncases: [{user: a, expect: {}}]",
        "env nested | CASES | script: auth.lua\\nenv: {A: {b: c}}\\ncases: [{user: a, expect: {}}]",
        // CaseExecTest
        "exec mode | CASES | script: auth.lua\\ncases:\\n  - {auth_lookup: a, expect: {exec: [{command: x, mode: rw}]}}",
        "exec expect mapping | CASES | script: auth.lua\\ncases:\\n  - {auth_lookup: a, expect: {exec: {command: x}}}",
        "exec stub exit range | CASES | script: auth.lua\\nexec:\\n  x: {exit: 300}\\ncases: [{user: a, expect: {}}]",
        "exec stub unknown key | CASES | script: auth.lua\\nexec:\\n  x: {stdot: a}\\ncases: [{user: a, expect: {}}]",
        "exec stub both ends | CASES | script: auth.lua\\nexec:\\n  x: {exit: 0, signal: 9}\\ncases: [{user: a, expect: {}}]",
        "exec stub a list | CASES | script: auth.lua\\nexec:\\n  x: [a]\\ncases: [{user: a, expect: {}}]",
        "exec not a mapping | CASES | script: auth.lua\\nexec: [x]\\ncases: [{user: a, expect: {}}]",
        // CaseDictsTest, CaseSqlTest
        "dict module | CASES | script: auth.lua\\ndicts:\\n  'ldap:uri=x': seed.yaml\\ncases: [{user: a, expect: {}}]",
        "dicts scalar | CASES | script: auth.lua\\ndicts: seed.yaml\\ncases: [{user: a, expect: {}}]",
        "dict number | CASES | script: auth.lua\\ndicts:\\n  'proxy::x': 5\\ncases: [{user: a, expect: {}}]",
        "sql scheme | CASES | script: auth.lua\\nsql:\\n  ldap://db.example.org/mail: users.sql\\ncases: [{user: a, expect: {}}]",
        "sql no database | CASES | script: auth.lua\\nsql:\\n  mysql://db.example.org: users.sql\\ncases: [{user: a, expect: {}}]",
        // stub files (StubsTest.badFilesAreLocated, wrongTypesAreSaidInPlainWords)
        "static unknown key | STATIC | responses:\\n  - status: 200\\n    bogus: 1",
        "static status range | STATIC | responses:\\n  - status: 42",
        "static action | STATIC | responses:\\n  - action: explode",
        "static status text | STATIC | responses:\\n  - status: abc",
        "static responses number | STATIC | responses: 5",
        "static responses mapping | STATIC | responses: {a: 1}",
        "static delay text | STATIC | responses:\\n  - delay_ms: x",
        "static negative delay | STATIC | responses:\\n  - delay_ms: -1",
        "static match text | STATIC | responses:\\n  - match: x",
        "static headers list | STATIC | responses:\\n  - headers: [a]",
        "static body list | STATIC | responses:\\n  - body: [a]",
        "static top-level key | STATIC | users: [1]",
        "nextcloud users number | NEXTCLOUD | users: 5",
        "nextcloud users list | NEXTCLOUD | users: [1]",
        "nextcloud passwords text | NEXTCLOUD | users: {a: x}",
        "nextcloud fail_status mapping | NEXTCLOUD | fail_status: {}",
        "nextcloud fail_status range | NEXTCLOUD | fail_status: 42",
        "nextcloud delay text | NEXTCLOUD | delay_ms: x",
        "nauthilus version | NAUTHILUS | version: 7",
        "nauthilus version list | NAUTHILUS | version: [1]",
        "nauthilus backchannel text | NAUTHILUS | backchannel: x",
        "nauthilus backchannel key | NAUTHILUS | backchannel: {user: a}",
        "nauthilus brute_force yes text | NAUTHILUS | brute_force: 'yes'",
        "nauthilus brute_force number | NAUTHILUS | brute_force: 1",
        "nauthilus version fraction | NAUTHILUS | version: 2.5",
        "static status quoted | STATIC | responses:\\n  - status: '200'",
        "static body empty | STATIC | responses:\\n  - body:",
        "static responses empty | STATIC | responses:",
        "nextcloud users empty | NEXTCLOUD | users:",
        "exec stdout empty | EXEC | stdout:",
        "exec exit quoted | EXEC | exit: '3'",
        "nauthilus user key | NAUTHILUS | users: {a: {pasword: x}}",
        "nauthilus user text | NAUTHILUS | users: {a: x}",
        "exec exit range | EXEC | exit: 300",
        "exec signal range | EXEC | signal: 0",
        "exec both | EXEC | exit: 0\\nsignal: 9",
        "exec unknown key | EXEC | stdot: a",
        "exec stdout list | EXEC | stdout: [a]",
    })
    void theSchemaRefusesWhatTheReaderRefuses(String what, Kind kind, String yaml) throws Exception {
        Path f = dir.resolve(kind == Kind.CASES ? "bad.cases.yaml" : "bad.yaml");
        Files.writeString(f, yaml.replace("\\n", "\n") + "\n");
        assertThat(JsonSchemas.readerError(kind, f)).as("the reader refuses %s", what).isNotNull();
        assertThat(JsonSchemas.schemaErrors(kind, JsonSchemas.json(f))).as("the schema refuses %s", what).isNotEmpty();
    }
}
