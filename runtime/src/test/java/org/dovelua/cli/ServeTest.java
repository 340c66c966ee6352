package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.serve.ServeClient;
import org.dovelua.serve.ServeEndpoint;
import org.dovelua.serve.ServeProtocol;
import org.dovelua.serve.ServeServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dovelua serve} over loopback, in-process: the answers of cold runs, persistence between
 * calls as a running Dovecot keeps it, a restart when a file changes, and what goes back to the
 * launcher to run itself.
 */
class ServeTest {
    private static final String OK_SCRIPT = """
            function auth_passdb_lookup(req)
              if req.user == "testuser1" then
                return dovecot.auth.PASSDB_RESULT_OK, "password=pass"
              end
              return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
            end
            function auth_userdb_lookup(req)
              if req.user == "testuser1" then
                return dovecot.auth.USERDB_RESULT_OK, "uid=vmail gid=vmail"
              end
              return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
            end
            function script_init()
              return 0
            end
            """;

    @TempDir
    Path dir;

    private final String cwd = Path.of("").toAbsolutePath().toString();
    private ServeServer server;
    private ServedProcesses processes;
    private Thread serving;
    private ServeEndpoint endpoint;
    private Path jar;

    @BeforeEach
    void start() throws IOException {
        jar = Files.writeString(dir.resolve("cli.jar"), "v1");
        String token = ServeEndpoint.newToken();
        server = new ServeServer(token);
        processes = new ServedProcesses(cwd, jar, server::stop);
        endpoint = new ServeEndpoint(dir.resolve("state"), server.port(), token);
        serving = new Thread(() -> server.serve(processes::handle));
        serving.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop();
        serving.join();
        processes.close();
    }

    private ServeProtocol.Answer call(String... argv) throws IOException {
        return ServeClient.call(endpoint, cwd, List.of(argv));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void servedAnswersAreByteForByteThoseOfColdRuns() throws Exception {
        String ok = write("ok.lua", OK_SCRIPT).toString();
        String err = write("err.lua", "function auth_passdb_lookup(req)\n  error('boom')\nend\n").toString();
        String syntax = write("syntax.lua", "function auth_passdb_lookup(req)\n  return (\nend\n").toString();
        List<String[]> lines = List.of(
                new String[] {"--script", ok, "auth", "test", "testuser1", "pass"},
                new String[] {"--script", ok, "auth", "test", "testuser1", "wrong"},
                new String[] {"--script", ok, "auth", "test", "-x", "service=imap", "nobody", "x"},
                new String[] {"--script", ok, "auth", "test", "--json", "testuser1", "pass"},
                new String[] {"--script", ok, "auth", "lookup", "testuser1"},
                new String[] {"--script", ok, "user", "testuser1"},
                new String[] {"--script", ok, "user", "nobody"},
                new String[] {"--script", ok, "--log-level", "info", "auth", "test", "testuser1", "pass"},
                new String[] {"--script", ok, "auth", "cache", "flush"},
                new String[] {"--script", err, "auth", "test", "a", "b"},
                new String[] {"--script", syntax, "auth", "test", "a", "b"},
                new String[] {"--script", dir.resolve("missing.lua").toString(), "auth", "test", "a", "b"});
        for (String[] line : lines) {
            Main.Result cold = Main.capture(line);
            // twice: the first call starts the process, the second is answered by the running one
            for (int i = 0; i < 2; i++) {
                ServeProtocol.Answer served = call(line);
                if (line[1].equals(syntax) || line[1].endsWith("missing.lua")) {
                    // a process that does not start is not kept: the launcher's own run reports it
                    assertThat(served.local()).as(String.join(" ", line)).isTrue();
                    continue;
                }
                assertThat(served.local()).as(String.join(" ", line)).isFalse();
                assertThat(text(served.stdout())).as(String.join(" ", line)).isEqualTo(cold.stdout());
                assertThat(text(served.stderr())).as(String.join(" ", line)).isEqualTo(cold.stderr());
                assertThat(served.exitCode()).as(String.join(" ", line)).isEqualTo(cold.exitCode());
            }
        }
    }

    @Test
    void aWorkersStartUpLinesComeWithTheFirstCallOnlyAsARunningDovecotLogsThem() throws Exception {
        // the auth process's start-up lines come with every answer (what a cold run prints); an auth
        // worker starts with the first request that needs it and stays up, so its lines come once
        String script = write("init.lua", OK_SCRIPT.replace("function script_init()",
                "function script_init()\n  dovecot.i_info('script_init ran')")).toString();
        String[] line = {"--script", script, "auth", "test", "testuser1", "pass"};
        Main.Result cold = Main.capture(line);
        assertThat(cold.stderr()).isEqualTo("auth: Info: script_init ran\nauth: Info: script_init ran\n"
                + "auth-worker: Info: script_init ran\nauth-worker: Info: script_init ran\n");
        assertThat(text(call(line).stderr())).isEqualTo(cold.stderr());
        ServeProtocol.Answer second = call(line);
        assertThat(text(second.stderr())).isEqualTo("auth: Info: script_init ran\nauth: Info: script_init ran\n");
        assertThat(text(second.stdout())).isEqualTo(cold.stdout());
    }

    @Test
    void globalsPersistBetweenCallsUntilTheScriptChanges() throws Exception {
        Path script = write("count.lua", "calls = 0\nfunction auth_passdb_lookup(req)\n  calls = calls + 1\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, \"password=pw calls=\" .. calls\nend\n");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(field(call("--script", script.toString(), "auth", "test", "alice", "pw"), "calls"));
        }
        assertThat(seen).containsExactly("1", "2", "3");
        // the edit: the next answer is the new script's, from a fresh process (doveadm reload)
        Files.writeString(script, Files.readString(script).replace("calls + 1", "calls + 10"));
        Files.setLastModifiedTime(script, FileTime.fromMillis(Files.getLastModifiedTime(script).toMillis() + 2000));
        assertThat(field(call("--script", script.toString(), "auth", "test", "alice", "pw"), "calls")).isEqualTo("10");
        assertThat(field(call("--script", script.toString(), "auth", "test", "alice", "pw"), "calls")).isEqualTo("20");
        assertThat(processes.status()).contains("restarts after a change: 1");
    }

    @Test
    void aFileBesideTheScriptIsWatchedToo() throws Exception {
        Path lib = write("lib.lua", "return 'one'\n");
        Path script = write("main.lua", "local v = dofile('" + lib + "')\nfunction auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw v=' .. v\nend\n");
        String[] line = {"--script", script.toString(), "--mount", dir + "=" + dir, "auth", "test", "a", "pw"};
        assertThat(field(call(line), "v")).isEqualTo("one");
        Files.writeString(lib, "return 'two'\n");
        Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(lib).toMillis() + 2000));
        assertThat(field(call(line), "v")).isEqualTo("two");
    }

    @Test
    void authCacheFlushEmptiesThePersistentCache() throws Exception {
        write("auth.lua", "calls = 0\nfunction auth_passdb_lookup(req)\n  calls = calls + 1\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password=\"pw\", calls=tostring(calls)}\nend\n");
        Path conf = write("dovecot.conf", "auth_cache_size = 1M\n"
                + "passdb {\n  driver = lua\n  args = file=" + dir + "/auth.lua\n}\n"
                + "userdb {\n  driver = static\n  args = uid=1 gid=1\n}\n");
        String[] head = {"-c", conf.toString(), "--mount", dir + "=" + dir};
        assertThat(field(call(concat(head, "auth", "test", "alice", "pw")), "calls")).isEqualTo("1");
        assertThat(field(call(concat(head, "auth", "test", "alice", "pw")), "calls")).isEqualTo("1"); // cached
        ServeProtocol.Answer flush = call(concat(head, "auth", "cache", "flush", "alice"));
        assertThat(text(flush.stdout())).isEqualTo("1 cache entries flushed\n");
        assertThat(field(call(concat(head, "auth", "test", "alice", "pw")), "calls")).isEqualTo("2");
    }

    @Test
    void whatIsNotServedGoesBackToTheLauncher() throws Exception {
        String ok = write("ok.lua", OK_SCRIPT).toString();
        assertThat(call("--version").local()).isTrue();
        assertThat(call("test", dir.toString()).local()).isTrue();
        assertThat(call("--script", ok, "auth", "tset", "a", "b").local()).as("a usage error").isTrue();
        assertThat(call("--script", ok, "auth", "test", "testuser1").local()).as("it would prompt").isTrue();
        assertThat(call("pw", "-p", "x").local()).isTrue();
        // another directory: its relative paths are not this server's
        ServeProtocol.Answer elsewhere = ServeClient.call(endpoint, dir.toString(),
                List.of("--script", ok, "auth", "test", "testuser1", "pass"));
        assertThat(elsewhere.local()).isTrue();
        assertThat(call("--script", ok, "auth", "test", "testuser1", "pass").local()).isFalse();
    }

    @Test
    void atMostSixteenAuthProcessesAreKept() throws Exception {
        String ok = write("ok.lua", OK_SCRIPT).toString();
        for (int i = 0; i <= ServedProcesses.MAX_PROCESSES; i++) {
            assertThat(call("--script", ok, "--env", "N=" + i, "auth", "test", "testuser1", "pass").exitCode()).isZero();
        }
        assertThat(processes.status()).contains("auth processes: 16,");
    }

    @Test
    void aCallWithoutTheTokenGetsNoAnswer() {
        ServeEndpoint stranger = new ServeEndpoint(endpoint.file(), endpoint.port(), ServeEndpoint.newToken());
        assertThatThrownBy(() -> ServeClient.call(stranger, cwd, List.of("--version"))).isInstanceOf(IOException.class);
    }

    @Test
    void aRebuiltJarEndsTheServerAfterSendingTheCallBack() throws Exception {
        String ok = write("ok.lua", OK_SCRIPT).toString();
        assertThat(call("--script", ok, "user", "testuser1").local()).isFalse();
        Files.writeString(jar, "version two");
        assertThat(call("--script", ok, "user", "testuser1").local()).isTrue();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
    }

    @Test
    void stopAndStatusAreAnsweredByTheServer() throws Exception {
        assertThat(text(call("serve", "--status").stdout())).contains("serving " + cwd);
        assertThat(call("serve", "--stop").local()).isFalse();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
    }

    @Test
    void theStateFileIsTheUsersAloneAndNamedAsTheLauncherNamesIt() throws Exception {
        Path folder = dir.resolve("run/dovelua/serve");
        Path file = ServeEndpoint.file(folder, "/home/alice/mail scripts");
        assertThat(file.getFileName().toString()).isEqualTo("%home%alice%mail scripts");
        ServeEndpoint.publish(file, 4711, "abc");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(ServeEndpoint.read(file)).isEqualTo(new ServeEndpoint(file, 4711, "abc"));
        // bash: key="${PWD//\//%}"; [ "${#key}" -gt 200 ] && key="${key: -200}"
        String deep = "/" + "d".repeat(300);
        assertThat(ServeEndpoint.file(folder, deep).getFileName().toString()).isEqualTo("d".repeat(200));
        assertThat(ServeEndpoint.folder(java.util.Map.of("XDG_RUNTIME_DIR", dir.toString(), "HOME", "/h")))
                .isEqualTo(dir.resolve("dovelua/serve"));
        assertThat(ServeEndpoint.folder(java.util.Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.cache/dovelua/serve"));
    }

    private static String field(ServeProtocol.Answer a, String name) {
        for (String l : text(a.stdout()).split("\n")) {
            if (l.startsWith("  " + name + "=")) {
                return l.substring(name.length() + 3);
            }
        }
        throw new AssertionError("no " + name + " in " + text(a.stdout()) + text(a.stderr()));
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
