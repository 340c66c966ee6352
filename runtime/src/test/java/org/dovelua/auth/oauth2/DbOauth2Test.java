package org.dovelua.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.lua.http.HttpClientLib;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.stubs.StubFiles;
import org.dovelua.stubs.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * db-oauth2.c's lookup over a loopback introspection server: tokeninfo then introspection, the
 * active/username/scope checks with their results and prefixed errors, and the debug lines.
 */
class DbOauth2Test {
    private static StubServer server;
    private static String base;
    private static HttpClientLib http;
    private static final OAuth2Request.Input INPUT = new OAuth2Request.Input("imap", null, null);

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("http.yaml");
        Files.writeString(spec, """
                responses:
                - {match: {path: /i/good}, body: '{"active":"yes","username":"alice","scope":"mail imap"}'}
                - {match: {path: /i/inactive}, body: '{"active":"no","username":"alice"}'}
                - {match: {path: /i/bob}, body: '{"active":"yes","username":"bob@example.org"}'}
                - {match: {path: /i/nouser}, body: '{"active":"yes"}'}
                - {match: {path: /i/aud}, body: '{"active":"yes","username":"alice","aud":"x\\tmail"}'}
                - {match: {path: /i/down}, status: 503, reason: Service Unavailable}
                - {match: {path: /i/partial}, body: '{"active":"no","username":"alice"}'}
                - {match: {path: /t/full}, body: '{"active":"yes","username":"alice"}'}
                - {match: {path: /t/partial}, body: '{"active":"yes"}'}
                - {match: {path: /t/revoked}, status: 401, body: ''}
                """);
        server = StubFiles.load("static", spec);
        base = server.start().toString().replaceAll("/$", "");
        http = new HttpClientLib(new HttpRouter(h -> { }).allowNetwork(true), true, null);
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    private static OAuth2Settings introspection() {
        OAuth2Settings s = new OAuth2Settings();
        s.introspectionMode = "get";
        s.introspectionUrl = base + "/i/";
        s.usernameAttribute = "username";
        s.activeAttribute = "active";
        s.activeValue = "yes";
        return s;
    }

    private static DbOauth2.Outcome lookup(OAuth2Settings s, String user, String token, List<String> debug) {
        return new DbOauth2(s, new OAuth2Request(s, http, org.dovelua.version.DovecotVersion.parse("2.4.1")), null).lookup(user, token, INPUT, debug::add);
    }

    private static DbOauth2.Outcome lookup(OAuth2Settings s, String user, String token) {
        return lookup(s, user, token, new ArrayList<>());
    }

    @Test
    void anActiveTokenForTheUserPasses() {
        List<String> debug = new ArrayList<>();
        DbOauth2.Outcome o = lookup(introspection(), "alice", "good", debug);
        assertThat(o.result()).isEqualTo(PassdbResult.OK);
        assertThat(o.error()).isNull();
        assertThat(debug).containsExactly("Making introspection request to " + base + "/i/", "Introspection succeeded",
                "Processing field active", "Processing field username", "Processing field scope",
                "oauth2 active_attribute check succeeded");
    }

    @Test
    void anInactiveTokenIsAMismatch() {
        DbOauth2.Outcome o = lookup(introspection(), "alice", "inactive");
        assertThat(o.result()).isEqualTo(PassdbResult.PASSWORD_MISMATCH);
        assertThat(o.error()).isEqualTo("Introspection failed: Provided token is not valid");
        OAuth2Settings any = introspection();
        any.activeValue = "";
        assertThat(lookup(any, "alice", "inactive").result()).isEqualTo(PassdbResult.OK);
    }

    @Test
    void anotherUsersTokenIsUnknownUser() {
        DbOauth2.Outcome o = lookup(introspection(), "alice", "bob");
        assertThat(o.result()).isEqualTo(PassdbResult.USER_UNKNOWN);
        assertThat(o.error()).isEqualTo("Introspection failed: Username 'alice' did not match 'bob@example.org'");
        OAuth2Settings local = introspection();
        local.usernameValidationFormat = "%{username}";
        assertThat(lookup(local, "bob", "bob").result()).isEqualTo(PassdbResult.OK);
    }

    @Test
    void noUsernameIsAnInternalFailure() {
        DbOauth2.Outcome o = lookup(introspection(), "alice", "nouser");
        assertThat(o.result()).isEqualTo(PassdbResult.INTERNAL_FAILURE);
        assertThat(o.error()).isEqualTo("Introspection failed: No username returned");
    }

    @Test
    void scopeIsLookedForInScopeThenAud() {
        OAuth2Settings s = introspection();
        s.scope = List.of("mail");
        assertThat(lookup(s, "alice", "good").result()).isEqualTo(PassdbResult.OK);
        assertThat(lookup(s, "alice", "aud").result()).isEqualTo(PassdbResult.OK);
        s.scope = List.of("pop3", "smtp");
        DbOauth2.Outcome o = lookup(s, "alice", "good");
        assertThat(o.result()).isEqualTo(PassdbResult.USER_DISABLED);
        assertThat(o.error()).isEqualTo("Introspection failed: Token is not valid for scope 'pop3 smtp'");
    }

    @Test
    void aServerErrorIsAnInternalFailure() {
        DbOauth2.Outcome o = lookup(introspection(), "alice", "down");
        assertThat(o.result()).isEqualTo(PassdbResult.INTERNAL_FAILURE);
        assertThat(o.error()).isEqualTo("Introspection failed: 503 Service Unavailable");
    }

    @Test
    void tokeninfoWithAllFieldsNeedsNoIntrospection() {
        OAuth2Settings s = introspection();
        s.tokeninfoUrl = base + "/t/";
        List<String> debug = new ArrayList<>();
        assertThat(lookup(s, "alice", "full", debug).result()).isEqualTo(PassdbResult.OK);
        assertThat(debug).doesNotContain("Introspection succeeded").contains("Token validation succeeded");
        // a partial reply goes on to introspection, at the token's own introspection path
        assertThat(lookup(s, "alice", "partial").error()).isEqualTo("Introspection failed: Provided token is not valid");
        DbOauth2.Outcome revoked = lookup(s, "alice", "revoked");
        assertThat(revoked.result()).isEqualTo(PassdbResult.PASSWORD_MISMATCH);
        assertThat(revoked.error()).isEqualTo("Token validation failed: Invalid token");
    }

    @Test
    void unreachableIsLibHttpsConnectFailure() throws Exception {
        OAuth2Settings s = introspection();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        s.introspectionUrl = "http://127.0.0.1:" + port + "/i/";
        DbOauth2.Outcome o = lookup(s, "alice", "good");
        assertThat(o.result()).isEqualTo(PassdbResult.INTERNAL_FAILURE);
        assertThat(o.error()).isEqualTo("Introspection failed: connect(127.0.0.1:" + port + ") failed: Connection refused");
    }

    @Test
    void localValidationUsesTheJwt() {
        JwtFixtures f = new JwtFixtures(3);
        OAuth2Settings s = new OAuth2Settings();
        s.introspectionMode = "local";
        LocalJwtValidation local = new LocalJwtValidation(s, f.keys(), () -> JwtFixtures.NOW, false);
        DbOauth2 db = new DbOauth2(s, new OAuth2Request(s, http, org.dovelua.version.DovecotVersion.parse("2.4.1")), local);
        String token = JwtFixtures.hs256("{\"alg\":\"HS256\"}", "{\"sub\":\"x\",\"email\":\"alice\",\"exp\":"
                + JwtFixtures.FUTURE + "}");
        assertThat(db.lookup("alice", token, INPUT, l -> { }).result()).isEqualTo(PassdbResult.OK);
        DbOauth2.Outcome o = db.lookup("alice", token + "x", INPUT, l -> { });
        assertThat(o.result()).isEqualTo(PassdbResult.PASSWORD_MISMATCH);
        assertThat(o.error()).isEqualTo("Local validation failed: Incorrect JWT signature");
    }
}
