package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five sample plugins of Nauthilus's "Lua Backend" docs (../shared/seed-scripts/nauthilus-plugins,
 * written for 2.x) run unmodified under {@code --nauthilus-version 2} with the project's own fixtures
 * (src/test/resources/seed), branch by branch. Skipped when the seed folder is absent.
 */
class SeedPluginsTest {
    @TempDir
    Path dir;

    static final Map<String, String> ENV = Map.of("BLOCKLIST_URL", "http://blocklist.test/check",
            "GEOIP_POLICY_URL", "http://geoip.test/policy");

    static Path seedDir() {
        String prop = System.getProperty("nauthilus.seed");
        for (Path p : prop != null ? new Path[] {Path.of(prop)} : new Path[] {
                Path.of("../../shared/seed-scripts/nauthilus-plugins"), Path.of("../shared/seed-scripts/nauthilus-plugins")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** Copies the seed plugin and the fixture into the working directory and runs them as runLuaTest would. */
    Run run(NauthilusVersion v, String plugin, String kind, String fixture) throws Exception {
        return run(v, plugin, kind, fixture, ENV, org.dovelua.nauthilus.net.NetworkAccess.offline(h -> { }));
    }

    Run run(NauthilusVersion v, String plugin, String kind, String fixture, Map<String, String> env,
            org.dovelua.nauthilus.net.NetworkAccess network) throws Exception {
        Path seeds = seedDir();
        assumeTrue(seeds != null, "../shared/seed-scripts/nauthilus-plugins is absent");
        Files.copy(seeds.resolve(plugin), dir.resolve(plugin));
        String mock = "";
        if (fixture != null) {
            try (InputStream in = getClass().getResourceAsStream("/seed/" + fixture)) {
                Files.copy(in, dir.resolve(fixture));
            }
            mock = fixture;
        }
        TestRunner runner = TestRunner.create(plugin, CallbackKind.of(kind), mock, TestModeModules.standard(), dir)
                .version(v).environment(env).network(network);
        try {
            TestResult r = runner.run();
            return new Run(r, null, runner);
        } catch (RunnerException e) {
            return new Run(null, e.getMessage(), runner);
        }
    }

    record Run(TestResult result, String loadError, TestRunner runner) {
        /** The stdout block (PrintResult). */
        String block() {
            java.io.StringWriter w = new java.io.StringWriter();
            java.io.PrintWriter pw = new java.io.PrintWriter(w);
            runner.printResult(pw, result);
            pw.flush();
            return w.toString();
        }

        @Override
        public String toString() {
            return loadError != null ? "LOAD " + loadError : block() + runner.warnings();
        }
    }

    private static final String BLOCKLIST = "feature-blocklist.lua";
    private static final String GEOIP = "filter-geoippolicyd.lua";
    private static final String MYSQL = "backend-mysql.lua";
    private static final String HAPROXY = "action-haproxy.lua";
    private static final String HOOK = "hook-callback.lua";

    private static final java.util.List<String> BLOCKLIST_LOADS = java.util.List.of(
            "Lua dynamic_loader called module=nauthilus_context", "Lua dynamic_loader called module=nauthilus_prometheus",
            "Lua dynamic_loader called module=nauthilus_gluahttp", "Lua dynamic_loader called module=nauthilus_gll_json");

    @Test
    void blocklistHitTriggersAndAborts() throws Exception {
        Run r = run(NauthilusVersion.V2, BLOCKLIST, "environment", "blocklist_found.json");
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.block()).contains("Environment Triggered: true\nEnvironment Abort: true\nEnvironment Result: 0\n")
                .contains("Logs:\n  [CUSTOM] blocklist_ip: 203.0.113.7\n  [STATUS] IP address blocked\n");
        assertThat(r.runner().warnings()).containsExactlyElementsOf(BLOCKLIST_LOADS);
    }

    @Test
    void blocklistMissTriggersNothing() throws Exception {
        Run r = run(NauthilusVersion.V2, BLOCKLIST, "environment", "blocklist_not_found.json");
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.block()).contains("Environment Triggered: false\nEnvironment Abort: false\nEnvironment Result: 0\n");
    }

    @Test
    void blocklistServiceDownRaisesWithTheStatus() throws Exception {
        Run r = run(NauthilusVersion.V2, BLOCKLIST, "environment", "blocklist_service_down.json");
        // if_error_raise(N .. "_status_code=503") at line 62; runner.go@v2.1.3 executeFeature's wrap
        assertThat(r.result().errors).containsExactly("feature execution failed: feature-blocklist.lua:62: blocklist_status_code=503");
        assertThat(r.result().success).isFalse();
    }

    @Test
    void blocklistServiceErrorReturnsAConstant2xNeverHad() throws Exception {
        // the sample returns nauthilus_builtin.FEATURE_RESULT_FAILURE: no such constant in builtin.go@v2.1.3
        // (only FEATURE_RESULT_OK/FAIL), so the third value is nil, which executeFeature rejects
        Run r = run(NauthilusVersion.V2, BLOCKLIST, "environment", "blocklist_service_error.json");
        assertThat(r.result().errors).containsExactly("feature returned unexpected types: trigger=boolean abort=boolean result=nil");
    }

    @Test
    void blocklistUnder31HasNoFeatureEntry() throws Exception {
        Run r = run(NauthilusVersion.V3_1, BLOCKLIST, "environment", "blocklist_found.json");
        assertThat(r.result().errors).first().isEqualTo("nauthilus_call_environment function not found in script");
        assertThat(r.runner().warnings()).isEmpty();
    }

    @Test
    void geoipRejectsAnUnauthenticatedRequestWithoutAddress() throws Exception {
        Run r = run(NauthilusVersion.V2, GEOIP, "subject", "geoip_no_context.json");
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.block()).contains("Subject Result: 0\nSubject Rejected: true\n");
    }

    @Test
    void geoipAcceptsANoAuthRequest() throws Exception {
        Run r = run(NauthilusVersion.V2, GEOIP, "subject", "geoip_no_auth.json");
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.block()).contains("Subject Result: 0\nSubject Rejected: false\n");
    }

    @Test
    void geoipWithAnAddressNeedsTheProductionUtil() throws Exception {
        // test mode's nauthilus_util is the Go mock (mocks.go@v2.1.3 and @aefda567 setupUtilMock): no
        // is_routable_ip, which only share/nauthilus_util.lua (production) defines
        Run r = run(NauthilusVersion.V2, GEOIP, "subject", "geoip_routable.json");
        assertThat(r.result().errors).containsExactly(
                "filter execution failed: filter-geoippolicyd.lua:18: attempt to call a non-function object");
    }

    @Test
    void mysqlUserFoundWithTheRightPassword() throws Exception {
        Run r = run(NauthilusVersion.V2, MYSQL, "backend", "mysql_found.json");
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.block()).contains("Backend Authenticated: true\nBackend User Found: true\nBackend Account Field: account\n");
        assertThat(r.runner().warnings()).containsExactly("Lua dynamic_loader called module=nauthilus_password",
                "Lua dynamic_loader called module=nauthilus_gll_db");
    }

    @Test
    void mysqlWrongPassword() throws Exception {
        Run r = run(NauthilusVersion.V2, MYSQL, "backend", "mysql_wrong_password.json");
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.block()).contains("Backend Authenticated: false\nBackend User Found: true\n");
    }

    @Test
    void mysqlUserNotFound() throws Exception {
        Run r = run(NauthilusVersion.V2, MYSQL, "backend", "mysql_not_found.json");
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.block()).contains("Backend Authenticated: false\nBackend User Found: false\nBackend Account Field: \n");
    }

    @Test
    void haproxyConnectsToTheStatsSocketStubUnder2xThenLacksTestModesClientNet() throws Exception {
        try (java.net.ServerSocket stats = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CompletableFuture<String> seen = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket s = stats.accept()) {
                    return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            org.dovelua.lua.http.HttpRouter router = new org.dovelua.lua.http.HttpRouter(h -> { })
                    .routeStub("http://haproxy.test:9999", okhttp3.HttpUrl.parse("http://127.0.0.1:" + stats.getLocalPort()));
            Map<String, String> env = Map.of("HAPROXY_STATS", "haproxy.test:9999", "HAPROXY_SMTP_MAP", "smtp.map",
                    "HAPROXY_GENERIC_MAP", "generic.map");
            Run r = run(NauthilusVersion.V2, HAPROXY, "action", "haproxy.json", env,
                    new org.dovelua.nauthilus.net.NetworkAccess(router, new org.dovelua.lua.sandbox.StubShell(
                            java.util.List.of())));
            // test mode's request table has no client_net (runner.go createRequestTable; production sets it),
            // so the plugin stops at its write's concatenation once connected
            assertThat(r.result().errors).as(r.toString()).containsExactly(
                    "action execution failed: action-haproxy.lua:20: attempt to concatenate a nil value");
            assertThat(r.runner().warnings()).containsExactly("Lua dynamic_loader called module=nauthilus_context",
                    "Lua dynamic_loader called module=nauthilus_gll_tcp");
            // the stub accepted the connection, which the run's end closed (the plugin never does)
            assertThat(seen.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void haproxyUnder2xWithoutAStubFailsAtTheDial() throws Exception {
        Run r = run(NauthilusVersion.V2, HAPROXY, "action", "haproxy.json", Map.of("HAPROXY_STATS", "haproxy.test:9999"),
                org.dovelua.nauthilus.net.NetworkAccess.offline(h -> { }));
        // tcp.open gives nil and the dial error; the plugin indexes the nil connection
        assertThat(r.result().errors).containsExactly("action execution failed: action-haproxy.lua:20: attempt to index"
                + " a non-table object(nil) with key 'write'");
    }

    @Test
    void haproxyUnder31HasNoDynamicLoader() throws Exception {
        // 3.x test mode sets no dynamic_loader global (runner.go prepareLuaState installs none)
        Run v31 = run(NauthilusVersion.V3_1, HAPROXY, "action", "haproxy.json");
        assertThat(v31.loadError()).isEqualTo(
                "failed to load Lua script: action-haproxy.lua:4: attempt to call a non-function object");
    }

    @Test
    void hookReadsTheHeaderThenNeedsTheProductionBodyGetter() throws Exception {
        // test mode's nauthilus_http_request mock has get_http_body, not production's get_http_request_body
        // (mocks.go@v2.1.3 LoaderModHTTPRequestMock; @aefda567 registerHTTPRequestGetters)
        Run r = run(NauthilusVersion.V2, HOOK, "hook", "hook_disconnect.json");
        assertThat(r.result().errors).containsExactly(
                "hook execution failed: hook-callback.lua:43: attempt to call a non-function object");
        assertThat(r.runner().warnings()).containsExactly("Lua dynamic_loader called module=nauthilus_redis",
                "Lua dynamic_loader called module=nauthilus_http_request", "Lua dynamic_loader called module=nauthilus_gll_json");
    }

    // ---- production mode: a 2.x server runs the plugins with its own modules and share/nauthilus_util.lua

    /**
     * Runs {@code plugin} as a Nauthilus server would (production mode, 2.x names) with the real
     * share/nauthilus_util.lua of the checkout named by -Dnauthilus.checkout, found through
     * gopher-lua's default package.path ("./?.lua") in the working directory.
     */
    Run production(String plugin, String kind, String fixtureJson, org.dovelua.nauthilus.net.NetworkAccess network)
            throws Exception {
        Path seeds = seedDir();
        assumeTrue(seeds != null, "../shared/seed-scripts/nauthilus-plugins is absent");
        String checkout = System.getProperty("nauthilus.checkout");
        assumeTrue(checkout != null, "-Dnauthilus.checkout=DIR names no Nauthilus checkout (for share/nauthilus_util.lua)");
        Files.copy(Path.of(checkout, "server/lua-plugins.d/share/nauthilus_util.lua"), dir.resolve("nauthilus_util.lua"));
        Files.copy(seeds.resolve(plugin), dir.resolve(plugin));
        TestRunner runner = new TestRunner(plugin, CallbackKind.of(kind), MockData.parse(fixtureJson.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), TestModeModules.standard(org.dovelua.nauthilus.NauthilusMode.PRODUCTION),
                dir, org.dovelua.nauthilus.NauthilusMode.PRODUCTION).version(NauthilusVersion.V2).network(network);
        return new Run(runner.run(), null, runner);
    }

    @Test
    void geoipInProductionRejectsWhatThePolicyServiceRejects() throws Exception {
        try (okhttp3.mockwebserver.MockWebServer policy = new okhttp3.mockwebserver.MockWebServer()) {
            policy.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(202)
                    .setBody("{\"guid\": \"g-1\", \"object\": {\"policy_reject\": true}}"));
            org.dovelua.lua.http.HttpRouter router = new org.dovelua.lua.http.HttpRouter(h -> { })
                    .routeStub("http://geoip.test", policy.url("/"));
            Run r = production(GEOIP, "subject", "{\"context\": {\"client_ip\": \"8.8.8.8\", \"authenticated\": true},"
                    + " \"util\": {\"envs\": {\"GEOIP_POLICY_URL\": \"http://geoip.test/check\"}}}",
                    new org.dovelua.nauthilus.net.NetworkAccess(router, new org.dovelua.lua.sandbox.StubShell(java.util.List.of())));
            assertThat(r.result().success).as(r.toString()).isTrue();
            assertThat(r.result().subjectRejected).isTrue();
            assertThat(r.result().statusMessages).containsExactly("Policy violation");
            assertThat(policy.takeRequest().getBody().readUtf8())
                    .isEqualTo("{\"key\":\"client\",\"value\":{\"address\":\"8.8.8.8\",\"sender\":\"\"}}");
        }
    }

    @Test
    void hookInProductionRemovesTheDisconnectedSessionFromRedis() throws Exception {
        String fixture = "{\"http_request\": {\"method\": \"POST\", \"path\": \"/api/v1/custom/callback\","
                + " \"headers\": {\"Content-Type\": \"application/json\"}, \"body\": \"{\\\"categories\\\":"
                + " [\\\"service:imap-login\\\"], \\\"fields\\\": {\\\"remote_ip\\\": \\\"192.0.2.7\\\","
                + " \\\"remote_port\\\": \\\"51234\\\"}}\"},"
                + " \"redis\": {\"initial_data\": {\"hashes\": {\"ntc:DS_ACCOUNT\": {\"192.0.2.7:51234\": \"alice\"},"
                + " \"ntc:DS:alice\": {\"192.0.2.7:51234\": \"imap\", \"192.0.2.8:1\": \"pop3\"}}}}}";
        Run r = production(HOOK, "hook", fixture, org.dovelua.nauthilus.net.NetworkAccess.offline(h -> { }));
        assertThat(r.result().success).as(r.toString()).isTrue();
        assertThat(r.result().hookAnswer).asString().contains("category=service:imap-login")
                .contains("state=client disconnected");
    }

    @Test
    void haproxyInProductionWritesTheBlockCommandToTheStatsSocket() throws Exception {
        try (java.net.ServerSocket stats = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CompletableFuture<String> seen = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket s = stats.accept()) {
                    return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            org.dovelua.lua.http.HttpRouter router = new org.dovelua.lua.http.HttpRouter(h -> { })
                    .routeStub("http://haproxy.test:9999", okhttp3.HttpUrl.parse("http://127.0.0.1:" + stats.getLocalPort()));
            // the fixture's context (types.go ContextMock) has no client_net, so production's request
            // carries its zero value, "" (a Go decoder drops the unknown key as MockData does)
            Run r = production(HAPROXY, "action", "{\"context\": {\"client_ip\": \"192.0.2.7\", \"client_net\":"
                    + " \"192.0.2.0/24\", \"protocol\": \"imap\"}, \"util\": {\"envs\": {\"HAPROXY_STATS\":"
                    + " \"haproxy.test:9999\", \"HAPROXY_GENERIC_MAP\": \"generic.map\", \"HAPROXY_SMTP_MAP\": \"smtp.map\"}}}",
                    new org.dovelua.nauthilus.net.NetworkAccess(router, new org.dovelua.lua.sandbox.StubShell(java.util.List.of())));
            assertThat(r.result().success).as(r.toString()).isTrue();
            assertThat(seen.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("add map generic.map  block_imap\n");
        }
    }
}
