package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dovelua.api.Command;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.dovelua.stubs.StubFiles;
import org.dovelua.stubs.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lib-http's debug lines of db-oauth2's client in the auth process (case 482): the response's end
 * after the auth request its callback answered, the hosts' idle timers after doveadm is gone or
 * while a failure is delayed, and the idle connection holding its fd for later connections.
 */
class PassdbOauth2HttpTraceTest {
    @TempDir
    Path dir;

    @Test
    void theResponsesEndFollowsTheReplyAndTheHostTimerTheDisconnection() throws Exception {
        Path spec = Files.writeString(dir.resolve("http.yaml"), String.join("\n", "responses:",
                "- match: {method: POST, path: /token, body: grant_type=password&username=alice&password=good&client_id=dovecot&client_secret=secret}",
                "  body: '{\"access_token\":\"tok-a\",\"username\":\"alice\"}'",
                "- match: {method: POST, path: /token}",
                "  body: '{\"access_token\":\"tok-b\",\"username\":\"bob\"}'", ""));
        try (StubServer server = StubFiles.load("static", spec)) {
            okhttp3.HttpUrl url = server.start();
            String base = url.toString().replaceAll("/$", "");
            String conf = String.join("\n", "dovecot_config_version = 2.4.1", "auth_debug = yes",
                    "passdb oauth2 {", "}", "oauth2 {", "  introspection_mode = post",
                    "  grant_url = " + base + "/token", "  introspection_url = " + base + "/introspect",
                    "  username_attribute = username",
                    "  client_id = dovecot", "  client_secret = secret", "}", "userdb static {", "  fields {", "    uid = 1000",
                    "    gid = 1000", "  }", "}", "");
            try (Dovelua d = Dovelua.builder().config(Files.writeString(dir.resolve("dovecot.conf"), conf))
                    .version("2.4.1").allowNetwork(true).build()) {
                Result ok = d.run(new Command.AuthTest("alice", "good", List.of()));
                assertThat(ok.exitCode()).isZero();
                assertThat(ok.logs()).containsSubsequence(
                        "auth: Debug: http-client: conn 127.0.0.1:" + url.port() + " [1]: Client connected (fd=19)",
                        "auth(alice,sasl:plain): Debug: oauth2: Password grant succeeded",
                        "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: client passdb out: OK\t1\tuser=alice"
                                + "\ttoken=tok-a",
                        "auth: Debug: http-client[1]: request [Req1: POST " + base + "/token]: Free (requests left=1)",
                        "auth: Debug: conn unix:auth-client (pid=0,uid=0) [1]: Disconnected: Connection closed (fd=18)",
                        "auth: Debug: http-client: host 127.0.0.1: Idle host timed out");
                Result failed = d.run(new Command.AuthTest("alice", "bad", List.of()));
                assertThat(failed.exitCode()).isEqualTo(77);
                assertThat(failed.logs()).containsSubsequence("auth(alice,sasl:plain): Debug: delaying auth failure",
                        "auth: Debug: http-client[1]: request [Req2: POST " + base + "/token]: Free (requests left=1)",
                        "auth: Debug: http-client: host 127.0.0.1: Idle host timed out",
                        "auth: Debug: conn unix:auth-client (pid=0,uid=0) [2]: client passdb out: FAIL\t1\tuser=alice");
                assertThat(failed.logs()).noneMatch(l -> l.contains("Connecting"));
            }
        }
    }
}
