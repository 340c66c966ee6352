package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance whose script used dovecot.http leaves no connection open once it is closed (issue
 * 17: one socket stayed open per instance, fd count 22 to 135). Counted in /proc/self/fd, so Linux only.
 */
class ConnectionLeakTest {
    @TempDir
    Path dir;

    private static int openFiles() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    void closedInstancesKeepNoConnections() throws Exception {
        Assumptions.assumeTrue(openFiles() > 0, "needs /proc/self/fd");
        Path script = Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "local client = dovecot.http.client({timeout = 2000})",
                "function auth_passdb_lookup(req)",
                "  local r = client:request({url = 'http://stub.example/x', method = 'GET'}):submit()",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw status=' .. r:status()",
                "end", ""));
        Path stub = Files.writeString(dir.resolve("stub.yaml"), "responses:\n  - body: ok\n");
        Runnable oneInstance = () -> {
            try (Dovelua d = Dovelua.builder().script(script).stub("http://stub.example", "static", stub).build()) {
                assertThat(d.authTest("alice", "pw").field("status")).isEqualTo("200");
            }
        };
        for (int i = 0; i < 3; i++) {
            oneInstance.run(); // warm up: classes, the JDK's own selectors
        }
        int before = openFiles();
        for (int i = 0; i < 30; i++) {
            oneInstance.run();
        }
        Thread.sleep(200); // closing sockets is asynchronous in OkHttp's pool
        assertThat(openFiles() - before).as("descriptors left open by 30 closed instances").isLessThan(5);
    }
}
