package org.dovelua.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.dict.Dict.DictIteration.Row;
import org.dovelua.dict.Dict.DictLookup;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dovecot's dict service behind {@code proxy:} dicts on its listeners: the dovecot.conf
 * {@code dict {}} block's dictionaries served through the same client code path, and what the
 * dict process logs (dict-connection.c, dict-commands.c@2.3.19; differential cases 290-292).
 */
class DictServiceTest {
    @TempDir
    Path tmp;

    private final TestDictContext ctx = new TestDictContext();
    /** The dict process's log, connection pids normalised. */
    private final List<String> dictLog = new ArrayList<>();
    private DictService service;

    private void serviceWith(Map<String, String> dicts) {
        DovecotEvent process = DovecotEvent.root("dict", (p, level, message) -> dictLog.add(
                (p + ": " + level.label() + ": " + message).replaceAll("\\(pid=\\d+,uid=\\d+\\)", "(pid=N,uid=N)")), false);
        // the dicts the service opens reach the same mounts and fixtures, and no dict service of their own
        service = new DictService(dicts, ctx.baseDir(), process, (uri, parent) -> DictModules.standard().init(uri, ctx),
                ctx.hints::add);
        ctx.dictService = service;
    }

    private static Map<String, String> block(String... nameUri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameUri.length; i += 2) {
            m.put(nameUri[i], nameUri[i + 1]);
        }
        return m;
    }

    private Dict open(String uri) throws DictInitException {
        return DictModules.standard().init(uri, ctx);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private void usersDict() throws Exception {
        Path users = Files.writeString(tmp.resolve("users.dict"), """
                shared/passdb/alice
                {"password":"secret"}
                shared/userdb/alice
                {"uid":1000}
                shared/userdb/sub/deep
                {"uid":1002}
                """);
        ctx.mount("/etc/dovecot/users.dict", users);
    }

    @Test
    void aFileDictOfTheBlockAnswersOnBothListeners() throws Exception {
        usersDict();
        serviceWith(block("authdb", "file:/etc/dovecot/users.dict"));
        for (String uri : List.of("proxy::authdb", "proxy:dict-async:authdb", "proxy:/run/dovecot/dict:authdb")) {
            try (Dict d = open(uri)) {
                assertThat(d).isInstanceOf(ProxyDict.class);
                assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("{\"password\":\"secret\"}"));
                assertThat(d.lookup("shared/passdb/nobody", "nobody")).isEqualTo(DictLookup.notFound());
                // non-recursive, as auth iterates
                assertThat(d.iterate("shared/userdb/", "*").rows())
                        .containsExactly(new Row("shared/userdb/alice", "{\"uid\":1000}"));
            }
        }
        assertThat(dictLog).isEmpty();
        assertThat(ctx.log).isEmpty();
        assertThat(ctx.hints).isEmpty();
    }

    @Test
    void aRedisDictOfTheBlockAnswersFromItsFixture() throws Exception {
        ctx.fixture("redis:host=127.0.0.1:port=6379",
                Files.writeString(tmp.resolve("seed.yaml"), "passdb/alice: '{\"password\":\"secret\"}'\n"));
        serviceWith(block("authdb", "redis:host=127.0.0.1:port=6379"));
        try (Dict d = open("proxy::authdb")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("{\"password\":\"secret\"}"));
            assertThat(d.lookup("shared/passdb/bob", "bob")).isEqualTo(DictLookup.notFound());
        }
        assertThat(dictLog).isEmpty();
    }

    @Test
    void aFailingLookupIsLoggedByTheDictProcessAndSentAsF() throws Exception {
        // a redis: dict with no fixture and no network: its own error goes back as "F<error>"
        serviceWith(block("authdb", "redis:host=127.0.0.1:port=6379"));
        try (Dict d = open("proxy::authdb")) {
            String error = d.lookup("shared/passdb/alice", "alice").error();
            assertThat(error).startsWith("dict-server returned failure: ");
            String served = error.substring("dict-server returned failure: ".length(), error.indexOf(" (reply took "));
            assertThat(dictLog).contains("dict: Error: authdb: Lookup failed: " + served);
        }
    }

    @Test
    void anUnconfiguredNameClosesTheConnection() throws Exception {
        usersDict();
        serviceWith(block("authdb", "file:/etc/dovecot/users.dict"));
        try (Dict d = open("proxy::otherdb")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").error()).startsWith("Connection closed (reply took ");
            assertThat(d.iterate("shared/userdb/", "*").error()).startsWith("Connection closed (reply took ");
        }
        assertThat(dictLog).containsExactly(
                "dict: Error: conn unix:dict (pid=N,uid=N): Unconfigured dictionary name 'otherdb'",
                "dict: Error: conn unix:dict (pid=N,uid=N): Unconfigured dictionary name 'otherdb'");
        assertThat(ctx.hints).anyMatch(h -> h.contains("names no dictionary 'otherdb' (it has: authdb)"));
    }

    @Test
    void anEmptyBlockHasNoNamesAndNoBlockHasNoDictionaries() throws Exception {
        serviceWith(Map.of());
        try (Dict d = open("proxy:dict-async:authdb")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").error()).startsWith("Connection closed (reply took ");
        }
        service.close();
        serviceWith(null);
        try (Dict d = open("proxy::authdb")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").error()).startsWith("Connection closed (reply took ");
        }
        assertThat(dictLog).containsExactly(
                "dict: Error: conn unix:dict-async (pid=N,uid=N): Unconfigured dictionary name 'authdb'",
                "dict: Error: conn unix:dict (pid=N,uid=N): No dictionaries configured");
        assertThat(ctx.hints).anyMatch(h -> h.contains("no dict { } block"));
    }

    @Test
    void aDictThatCannotBeInitializedIsLoggedUnderItsName() throws Exception {
        serviceWith(block("bad", "bogus:x"));
        try (Dict d = open("proxy::bad")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").error()).startsWith("Connection closed (reply took ");
        }
        assertThat(dictLog).containsExactly("dict: Error: bad: Failed to initialize dictionary 'bad': Unknown dict module: bogus");
    }

    @Test
    void otherSocketsAreNotTheService() throws Exception {
        serviceWith(block("authdb", "file:/etc/dovecot/users.dict"));
        try (Dict d = open("proxy:/run/dovecot/dict-auth:authdb")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").error())
                    .startsWith("net_connect_unix(/run/dovecot/dict-auth) failed: No such file or directory");
        }
        assertThat(dictLog).isEmpty();
    }

    @Test
    void aFixtureForTheNameComesFirst() throws Exception {
        ctx.fixture("proxy::authdb", Files.writeString(tmp.resolve("authdb.yaml"),
                "keys:\n  shared/passdb/alice: from-fixture\n"));
        usersDict();
        serviceWith(block("authdb", "file:/etc/dovecot/users.dict"));
        try (Dict d = open("proxy::authdb")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("from-fixture"));
        }
    }
}
