package org.dovelua.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dovelua.lua.ProcessDeath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in dict server behind proxy::NAME fixtures, through the same client code path. */
class DictProxyServerTest {
    @TempDir
    Path tmp;

    private final TestDictContext ctx = new TestDictContext();

    private static final String DATA = """
            keys:
              shared/passdb/alice: '{"password":"secret"}'
              shared/passdb/multi: {values: [a, b]}
              shared/passdb/down: {fail: backend down}
              shared/passdb/drop: {drop: true}
              shared/passdb/hang: {slow: true}
              shared/passdb/bogus: {reply: Xbogus}
              shared/userdb/jane: '{"uid":1000}'
              shared/userdb/joe: '{"uid":1001}'
              shared/userdb/sub/deep: x
            iterate:
              shared/broken/: {fail: no such table}
            """;

    private Dict open(String uri, String data) throws Exception {
        Path f = Files.writeString(tmp.resolve("dict.yaml"), data);
        ctx.fixtures.addUnread("proxy::authdb", f);
        return DictModules.standard().init(uri, ctx);
    }

    @Test
    void answersLikeDovecotsDictServer() throws Exception {
        try (Dict d = open("proxy:/run/dovecot/dict-auth:authdb", DATA)) {
            assertEquals(Dict.DictLookup.found("{\"password\":\"secret\"}"), d.lookup("shared/passdb/alice", "alice"));
            assertEquals(Dict.DictLookup.found("a"), d.lookup("shared/passdb/multi", "multi"));
            assertEquals(Dict.DictLookup.notFound(), d.lookup("shared/passdb/nobody", "nobody"));
            Dict.DictLookup f = d.lookup("shared/passdb/down", "down");
            // Dovecot's server sends timings: the error names when the server started and how long it took
            assertTrue(f.error().matches("dict-server returned failure: backend down \\(reply took .*, async-id reply"
                    + " .*, started on dict-server \\d+\\.\\d{3} secs ago, took \\d+\\.\\d{3} secs\\)\\)"), f.error());
            assertEquals(List.of(new Dict.DictIteration.Row("shared/userdb/jane", "{\"uid\":1000}"),
                    new Dict.DictIteration.Row("shared/userdb/joe", "{\"uid\":1001}")), d.iterate("shared/userdb/", "*").rows());
            assertTrue(d.iterate("shared/broken/", "*").error().startsWith("dict-server returned failure: no such table ("));
        }
    }

    @Test
    void inOrderMode() throws Exception {
        try (Dict d = open("proxy::authdb", "mode: in_order\n" + DATA)) {
            assertEquals(Dict.DictLookup.found("{\"password\":\"secret\"}"), d.lookup("shared/passdb/alice", "alice"));
            Dict.DictLookup f = d.lookup("shared/passdb/down", "down");
            // no timings and no async id in the error
            assertTrue(f.error().matches("dict-server returned failure: backend down \\(reply took \\d+\\.\\d{3} secs"
                    + " \\(\\d+\\.\\d{3} in dict wait, 0\\.000 in other ioloops, 0\\.000 in locks\\)\\)"), f.error());
            assertEquals(2, d.iterate("shared/userdb/", "*").rows().size());
        }
    }

    @Test
    void faults() throws Exception {
        try (Dict d = open("proxy::authdb", DATA)) {
            assertTrue(d.lookup("shared/passdb/drop", "drop").error().startsWith("Connection closed (reply took "));
            ProcessDeath crash = assertThrows(ProcessDeath.class, () -> d.lookup("shared/passdb/bogus", "bogus"));
            assertEquals(ProcessDeath.Kind.SEGFAULT, crash.kind());
            // the next request gets a fresh connection and a working answer
            assertEquals(Dict.DictLookup.found("x"), d.lookup("shared/userdb/sub/deep", "u"));
        }
    }

    @Test
    void slowIsModelledWithoutWaiting() throws Exception {
        try (Dict d = open("proxy::authdb", DATA)) {
            ProcessDeath e = assertThrows(ProcessDeath.class, () -> d.lookup("shared/passdb/hang", "hang"));
            assertEquals(ProcessDeath.Kind.TIMEOUT, e.kind());
            assertEquals(List.of("auth-worker: Warning: dict(proxy): conn unix:/run/dovecot/dict (pid=N,uid=N): Dict server timeout:"
                    + " No input for 30.000 secs (1 commands pending, oldest sent 30.000 secs ago: Lshared/passdb/hang\thang,"
                    + " 30.000 in dict wait, 0.000 in other ioloops, 0.000 in locks) - reconnected"), ctx.log);
        }
    }

    @Test
    void aFixtureAnswersOnlyItsDictName() throws Exception {
        try (Dict d = open("proxy::otherdb", DATA)) {
            assertTrue(d.lookup("shared/passdb/alice", "alice").error().startsWith(
                    "net_connect_unix(/run/dovecot/dict) failed: No such file or directory"));
        }
    }

    @Test
    void dataErrorsNameFileAndLine() throws Exception {
        DictInitException e = assertThrows(DictInitException.class,
                () -> open("proxy::authdb", "keys:\n  shared/a: x\n  shared/b: {fail: x, drop: true}\n"));
        assertTrue(e.getMessage().matches("dict proxy: dovelua: proxy::authdb data: .*dict\\.yaml:3:\\d+: an answer has"
                + " exactly one of .*"), e.getMessage());
        e = assertThrows(DictInitException.class, () -> open("proxy::authdb", "kes: {}\n"));
        assertTrue(e.getMessage().matches(".*dict\\.yaml:1:\\d+: unknown key 'kes' \\(expected one of: iterate, keys,"
                + " mode\\)"), e.getMessage());
        e = assertThrows(DictInitException.class, () -> open("proxy::authdb", "mode: fast\n"));
        assertTrue(e.getMessage().matches(".*dict\\.yaml:1:\\d+: mode must be async or in_order, not 'fast'"), e.getMessage());
        e = assertThrows(DictInitException.class, () -> open("proxy::authdb", "keys:\n  a: {slow: false}\n"));
        assertTrue(e.getMessage().matches(".*dict\\.yaml:2:\\d+: slow must be true"), e.getMessage());
    }
}
