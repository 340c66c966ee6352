package org.dovelua.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.dovelua.lua.ProcessDeath;
import org.junit.jupiter.api.Test;

/** The proxy: client (dict-client.c@2.3.19, protocol 3.2) against a scripted server, reply form by reply form. */
class ProxyDictProtocolTest {
    private static final String T = "\t1700000000\t0\t1700000000\t1000";
    private static final String TOOK = " \\(reply took \\d+\\.\\d{3} secs \\(\\d+\\.\\d{3} in dict wait, 0\\.000 in other ioloops,"
            + " 0\\.000 in locks";

    private final TestDictContext ctx = new TestDictContext();

    private ProxyDict dict(FakeDictServer s) throws DictInitException {
        return new ProxyDict(ProxyUri.parse("/run/dovecot/dict-auth:authdb", "/run/dovecot"),
                new ProxyDict.Endpoint(s.socket, null, null), ctx);
    }

    private Dict.DictLookup lookup(Function<String, List<String>> h) throws Exception {
        try (FakeDictServer s = new FakeDictServer(h); ProxyDict d = dict(s)) {
            return d.lookup("shared/passdb/alice", "alice");
        }
    }

    @Test
    void sendsHelloThenTheLookupWithItsUser() throws Exception {
        try (FakeDictServer s = new FakeDictServer(l -> List.of("N")); ProxyDict d = dict(s)) {
            d.lookup("shared/passdb/a\tb", "jane@example.com");
            assertEquals(List.of("c1 H3\t2\t0\t\tauthdb", "c1 Lshared/passdb/a\001tb\tjane@example.com"), s.received());
        }
    }

    @Test
    void asyncIdsWithTimings() throws Exception {
        Dict.DictLookup r = lookup(l -> List.of("*1", "+1\tO{\"password\":\"x\"}" + T));
        assertEquals(Dict.DictLookup.found("{\"password\":\"x\"}"), r);
    }

    @Test
    void bareInOrderReplies() throws Exception {
        assertEquals(Dict.DictLookup.found("v"), lookup(l -> List.of("Ov")));
        assertEquals(Dict.DictLookup.found(""), lookup(l -> List.of("O")));
        assertEquals(Dict.DictLookup.notFound(), lookup(l -> List.of("N")));
        // an escaped newline inside the value
        assertEquals(Dict.DictLookup.found("a\nb"), lookup(l -> List.of("Oa\001nb")));
    }

    @Test
    void multiOkGivesTheFirstValue() throws Exception {
        assertEquals(Dict.DictLookup.found("a\tb"), lookup(l -> List.of("M" + "a\0011tb\001tc")));
        assertEquals(Dict.DictLookup.found("first"), lookup(l -> List.of("*1", "+1\tMfirst\001tsecond" + T)));
        // an empty list: lib-dict's value NULL with ret 1, on which the auth driver crashes (case 273)
        assertEquals(ProcessDeath.Kind.SEGFAULT, assertThrows(ProcessDeath.class, () -> lookup(l -> List.of("M"))).kind());
        assertEquals(ProcessDeath.Kind.SEGFAULT,
                assertThrows(ProcessDeath.class, () -> lookup(l -> List.of("*1", "+1\tM" + T))).kind());
    }

    @Test
    void failuresCarryTheReplyTook() throws Exception {
        Dict.DictLookup r = lookup(l -> List.of("Fbackend down"));
        assertEquals(-1, r.ret());
        assertTrue(r.error().matches("dict-server returned failure: backend down" + TOOK + "\\)\\)"), r.error());
        r = lookup(l -> List.of("F"));
        assertTrue(r.error().matches("dict-server returned failure" + TOOK + "\\)\\)"), r.error());
        r = lookup(l -> List.of("*1", "+1\tFx" + T));
        assertTrue(r.error().matches("dict-server returned failure: x" + TOOK
                + ", async-id reply \\d+\\.\\d{3} secs ago, started on dict-server \\d+\\.-?\\d{3} secs ago,"
                + " took 0\\.001 secs\\)\\)"), r.error());
    }

    @Test
    void anUnknownReplyCodeCrashesTheWorker() throws Exception {
        for (List<String> reply : List.of(List.of("Xbogus"), List.of("*1", "+1\tXbogus"), List.of(""), List.of("W1\terr"))) {
            ProcessDeath d = assertThrows(ProcessDeath.class, () -> lookup(l -> reply));
            assertEquals(ProcessDeath.Kind.SEGFAULT, d.kind());
        }
        assertTrue(ctx.hints.get(0).contains("crashes (SIGSEGV)"), ctx.hints.toString());
    }

    @Test
    void aDroppedConnectionFailsAtOnceWithoutRetry() throws Exception {
        try (FakeDictServer s = new FakeDictServer(l -> null); ProxyDict d = dict(s)) {
            Dict.DictLookup r = d.lookup("shared/passdb/drop", "drop");
            assertTrue(r.error().matches("Connection closed" + TOOK + "\\)\\)"), r.error());
            assertEquals(List.of("c1 H3\t2\t0\t\tauthdb", "c1 Lshared/passdb/drop\tdrop"), s.received());
        }
    }

    @Test
    void protocolErrorsAreLoggedAndCloseTheConnection() throws Exception {
        Dict.DictLookup r = lookup(l -> List.of("*x"));
        assertTrue(r.error().startsWith("Deinitializing (reply took "), r.error());
        r = lookup(l -> List.of("*1", "*2"));
        assertTrue(r.error().startsWith("Deinitializing (reply took "), r.error());
        r = lookup(l -> List.of("*1", "+2\tOv"));
        assertTrue(r.error().startsWith("Deinitializing (reply took "), r.error());
        r = lookup(l -> List.of("+0\tOv"));
        assertTrue(r.error().startsWith("Deinitializing (reply took "), r.error());
        assertEquals(List.of(
                "auth-worker: Error: dict(proxy): conn unix:/run/dovecot/dict-auth (pid=N,uid=N): Received invalid async-id line: *x",
                "auth-worker: Error: dict(proxy): conn unix:/run/dovecot/dict-auth (pid=N,uid=N): Received async-id line, but all 1"
                        + " commands already have it: *2",
                "auth-worker: Error: dict(proxy): conn unix:/run/dovecot/dict-auth (pid=N,uid=N): Received reply for nonexistent"
                        + " async-id 2: +2\tOv",
                "auth-worker: Error: dict(proxy): conn unix:/run/dovecot/dict-auth (pid=N,uid=N): Received invalid async-reply line:"
                        + " +0\tOv"), ctx.log);
    }

    @Test
    void aLineNobodyAskedForClosesTheConnection() throws Exception {
        try (FakeDictServer s = new FakeDictServer(l -> List.of("Ov", "Ow")); ProxyDict d = dict(s)) {
            assertEquals(Dict.DictLookup.found("v"), d.lookup("shared/k", "u"));
            // the stray line arrived in the same read: logged, and the next lookup reconnects
            assertEquals(List.of("auth-worker: Error: dict(proxy): conn unix:/run/dovecot/dict-auth (pid=N,uid=N): Received reply"
                    + " without pending commands: Ow"), ctx.log);
            d.lookup("shared/k2", "u");
            assertEquals("c2 Lshared/k2\tu", s.received().get(s.received().size() - 1));
        }
    }

    @Test
    void oneConnectionPerBurst() throws Exception {
        try (FakeDictServer s = new FakeDictServer(l -> List.of("N")); ProxyDict d = dict(s)) {
            d.lookup("shared/a", "u");
            d.lookup("shared/b", "u");
            d.idle();
            d.lookup("shared/c", "u");
            assertEquals(List.of("c1 H3\t2\t0\t\tauthdb", "c1 Lshared/a\tu", "c1 Lshared/b\tu",
                    "c2 H3\t2\t0\t\tauthdb", "c2 Lshared/c\tu"), s.received());
        }
    }

    @Test
    void iterationRowsAsyncAndBare() throws Exception {
        try (FakeDictServer s = new FakeDictServer(l -> List.of("*1", "+1\tOshared/userdb/a\t{\"uid\":1}",
                "+1\tOshared/userdb/b\tx\ty", "+1\t" + T)); ProxyDict d = dict(s)) {
            Dict.DictIteration it = d.iterate("shared/userdb/", "*");
            assertEquals(Dict.DictIteration.of(List.of(new Dict.DictIteration.Row("shared/userdb/a", "{\"uid\":1}"),
                    new Dict.DictIteration.Row("shared/userdb/b", "x"))), it);
            assertEquals("c1 I0\t0\tshared/userdb/\t*", s.received().get(1));
        }
        try (FakeDictServer s = new FakeDictServer(l -> List.of("Oshared/u/a\t1", "")); ProxyDict d = dict(s)) {
            assertEquals(List.of(new Dict.DictIteration.Row("shared/u/a", "1")), d.iterate("shared/u/", "*").rows());
        }
    }

    @Test
    void iterationFailure() throws Exception {
        try (FakeDictServer s = new FakeDictServer(l -> List.of("Fno table" + T)); ProxyDict d = dict(s)) {
            Dict.DictIteration it = d.iterate("shared/userdb/", "*");
            assertTrue(it.error().matches("dict-server returned failure: no table" + TOOK + ".*\\)\\)"), it.error());
        }
    }

    @Test
    void aBrokenIterationReplyFailsDictClientsAssertion() throws Exception {
        for (String bad : List.of("Oshared/u/a", "N", "Xbogus")) {
            try (FakeDictServer s = new FakeDictServer(l -> List.of(bad)); ProxyDict d = dict(s)) {
                ProcessDeath e = assertThrows(ProcessDeath.class, () -> d.iterate("shared/u/", "*"));
                assertEquals(ProcessDeath.Kind.PANIC, e.kind());
                assertEquals("file dict-client.c: line 1133 (client_dict_iter_async_callback): assertion failed:"
                        + " (!ctx->finished)", e.getMessage());
            }
        }
    }

    @Test
    void aTimeoutReconnectsAndRetriesOnceThenTheWorkerRequestIsAborted() throws Exception {
        try (FakeDictServer s = new FakeDictServer(l -> FakeDictServer.HANG); ProxyDict d = dict(s).timeoutMsecs(150)) {
            ProcessDeath e = assertThrows(ProcessDeath.class, () -> d.lookup("shared/passdb/hang", "hang"));
            assertEquals(ProcessDeath.Kind.TIMEOUT, e.kind());
            assertEquals(List.of("c1 H3\t2\t0\t\tauthdb", "c1 Lshared/passdb/hang\thang",
                    "c2 H3\t2\t0\t\tauthdb", "c2 Lshared/passdb/hang\thang"), s.received());
            assertEquals(1, ctx.log.size(), ctx.log.toString());
            assertTrue(ctx.log.get(0).matches("auth-worker: Warning: dict\\(proxy\\): conn unix:/run/dovecot/dict-auth \\(pid=N,uid=N\\):"
                    + " Dict server timeout: No input since connected \\d+\\.\\d{3} secs ago \\(1 commands pending,"
                    + " oldest sent \\d+\\.\\d{3} secs ago: Lshared/passdb/hang\thang, \\d+\\.\\d{3} in dict wait,"
                    + " 0\\.000 in other ioloops, 0\\.000 in locks\\) - reconnected"), ctx.log.get(0));
        }
    }

    @Test
    void aMissingSocketFailsLikeConnectAndHints() throws Exception {
        try (ProxyDict d = new ProxyDict(ProxyUri.parse(":authdb", "/run/dovecot"), new ProxyDict.Endpoint(null, null, null), ctx)) {
            Dict.DictLookup r = d.lookup("shared/k", "u");
            assertTrue(r.error().matches("net_connect_unix\\(/run/dovecot/dict\\) failed: No such file or directory"
                    + TOOK + "\\)\\)"), r.error());
            assertTrue(ctx.hints.get(0).contains("--mount /run/dovecot/dict="), ctx.hints.toString());
        }
    }

    @Test
    void aMountedPathWithoutServerIsNoSuchFile() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("nosock");
        try (ProxyDict d = new ProxyDict(ProxyUri.parse("/x/dict.sock:authdb", "/run/dovecot"),
                new ProxyDict.Endpoint(dir.resolve("dict.sock"), null, null), ctx)) {
            Dict.DictLookup r = d.lookup("shared/k", "u");
            assertTrue(r.error().startsWith("net_connect_unix(/x/dict.sock) failed: No such file or directory ("),
                    r.error());
        } finally {
            java.nio.file.Files.delete(dir);
        }
    }
}
