package org.dovelua.stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stub servers (static, nextcloud, nauthilus) on loopback, and their located file errors. */
class StubsTest {
    @TempDir
    Path dir;
    private StubServer stub;
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
            .readTimeout(2, TimeUnit.SECONDS).build();

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private HttpUrl start(String kind, String yaml) throws Exception {
        Path f = dir.resolve(kind + ".yaml");
        Files.writeString(f, yaml);
        stub = StubFiles.load(kind, f);
        return stub.start();
    }

    private record Got(int status, String reason, okhttp3.Headers headers, String body) {
    }

    private Got send(Request r) throws IOException {
        try (Response resp = http.newCall(r).execute()) {
            return new Got(resp.code(), resp.message(), resp.headers(), resp.body().string());
        }
    }

    private static String basic(String u, String p) {
        return "Basic " + Base64.getEncoder().encodeToString((u + ":" + p).getBytes(StandardCharsets.UTF_8));
    }

    private static RequestBody json(String s) {
        return RequestBody.create(s, MediaType.get("application/json"));
    }

    // ---- static --------------------------------------------------------------------------------

    @Test
    void staticOrderedThenRepeatingAndMatched() throws Exception {
        HttpUrl u = start("static", """
                responses:
                  - match: {method: POST, path: /api}
                    status: 202
                    headers: {X-Kind: matched}
                    body: m
                  - status: 200
                    body: first
                  - status: 503
                    reason: Busy
                """);
        assertThat(send(new Request.Builder().url(u.resolve("/x")).build()).body()).isEqualTo("first");
        Got second = send(new Request.Builder().url(u.resolve("/x")).build());
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.reason()).isEqualTo("Busy");
        assertThat(send(new Request.Builder().url(u.resolve("/x")).build()).status()).isEqualTo(503);
        Got m = send(new Request.Builder().url(u.resolve("/api/v1")).post(json("{}")).build());
        assertThat(m.status()).isEqualTo(202);
        assertThat(m.headers().get("X-Kind")).isEqualTo("matched");
    }

    /** An absolute Location for redirect cases: lib-http refuses a relative one (cases 464, 465). */
    @Test
    void staticMatchesTheWholeBodyAndRequiredHeaders() throws Exception {
        HttpUrl u = start("static", """
                responses:
                  - match: {method: POST, path: /token, body: "a=1&b=%26", headers: {content-type: application/x-www-form-urlencoded}}
                    body: exact
                """);
        okhttp3.MediaType form = okhttp3.MediaType.get("application/x-www-form-urlencoded");
        java.util.function.BiFunction<String, okhttp3.MediaType, String> post = (body, type) -> {
            try (Response resp = http.newCall(new Request.Builder().url(u.resolve("/token"))
                    .post(okhttp3.RequestBody.create(body.getBytes(StandardCharsets.UTF_8), type)).build()).execute()) {
                return resp.code() + " " + resp.body().string();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertThat(post.apply("a=1&b=%26", form)).isEqualTo("200 exact");
        // a body that differs in one byte, or the right body with another Content-Type, is not matched
        assertThat(post.apply("a=1&b=%26x", form)).startsWith("404 ");
        assertThat(post.apply("a=1&b=%26", okhttp3.MediaType.get("text/plain"))).startsWith("404 ");
    }

    @Test
    void staticHeaderValueNamesTheServerAsAskedFor() throws Exception {
        HttpUrl u = start("static", """
                responses:
                  - status: 302
                    headers: {Location: "%HTTP%/target", X-Other: "%HTTPS"}
                """);
        okhttp3.Headers g;
        try (Response resp = http.newBuilder().followRedirects(false).build()
                .newCall(new Request.Builder().url(u.resolve("/moved")).build()).execute()) {
            g = resp.headers();
        }
        assertThat(g.get("Location")).isEqualTo("http://127.0.0.1:" + u.port() + "/target");
        assertThat(g.get("X-Other")).isEqualTo("%HTTPS");
    }

    /** lib-http asks for a redirect's target in absolute form; a {@code match: path} still matches it. */
    @Test
    void staticMatchesAnAbsoluteFormTarget() throws Exception {
        HttpUrl u = start("static", """
                responses:
                  - match: {path: /target}
                    body: found
                """);
        try (java.net.Socket s = new java.net.Socket(u.host(), u.port())) {
            s.getOutputStream().write(("GET http://" + u.host() + ":" + u.port() + "/target HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String got = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(got).startsWith("HTTP/1.1 200 ").endsWith("found");
        }
    }

    @Test
    void staticDropAndTimeout() throws Exception {
        HttpUrl u = start("static", """
                responses:
                  - match: {path: /drop}
                    action: drop
                  - match: {path: /slow}
                    action: timeout
                """);
        assertThatThrownBy(() -> send(new Request.Builder().url(u.resolve("/drop")).build())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> send(new Request.Builder().url(u.resolve("/slow")).build()))
                .isInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void badFilesAreLocated() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "responses:\n  - status: 200\n    bogus: 1\n");
        assertThatThrownBy(() -> StubFiles.load("static", f)).isInstanceOf(StubFileException.class)
                .hasMessageStartingWith(f + ":3:").hasMessageContaining("bogus");
        Files.writeString(f, "responses:\n  - status: 42\n");
        assertThatThrownBy(() -> StubFiles.load("static", f))
                .hasMessageStartingWith(f + ":2:").hasMessageContaining("status must be a 3-digit HTTP status, not 42");
        Files.writeString(f, "responses:\n  - action: explode\n");
        assertThatThrownBy(() -> StubFiles.load("static", f))
                .hasMessageStartingWith(f + ":2:").hasMessageContaining("action must be drop, timeout or bad_response");
        Files.writeString(f, "users: [\n");
        assertThatThrownBy(() -> StubFiles.load("nextcloud", f)).hasMessageStartingWith(f + ":");
        Files.writeString(f, "version: 7\n");
        assertThatThrownBy(() -> StubFiles.load("nauthilus", f))
                .hasMessageStartingWith(f + ":1:").hasMessageContaining("version must be 1, 2 or 3");
        assertThatThrownBy(() -> StubFiles.load("ldap", f)).hasMessageContaining("unknown stub kind 'ldap'");
    }

    /** Wrong types are said in the words case files use, never in Jackson's (issue 18). */
    @Test
    void wrongTypesAreSaidInPlainWords() throws Exception {
        Path f = dir.resolve("types.yaml");
        Files.writeString(f, "responses:\n  - status: abc\n");
        assertThatThrownBy(() -> StubFiles.load("static", f))
                .hasMessage(f + ":2:13: responses[0].status: expected a whole number, found a string \"abc\"");
        Files.writeString(f, "responses: 5\n");
        assertThatThrownBy(() -> StubFiles.load("static", f))
                .hasMessage(f + ":1:12: responses: expected a list, found a number");
        Files.writeString(f, "users: 5\n");
        assertThatThrownBy(() -> StubFiles.load("nextcloud", f))
                .hasMessage(f + ":1:8: users: expected a mapping, found a number");
        for (String kind : new String[] {"static", "nextcloud", "nauthilus"}) {
            for (String body : new String[] {"responses: {a: 1}\n", "users: [1]\n", "version: [1]\n",
                "delay_ms: x\n", "fail_status: {}\n"}) {
                Files.writeString(f, body);
                assertThatThrownBy(() -> StubFiles.load(kind, f)).as(kind + " " + body)
                        .isInstanceOf(StubFileException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("deserialize", "JsonToken", "java."));
            }
        }
    }

    /**
     * An empty value where a stub needs a list, a mapping or a text is a located mistake, not a
     * NullPointerException that escapes the case file reader (found by JsonSchemaAgreementTest).
     */
    @Test
    void emptyValuesAreRefusedWithTheirPlace() throws Exception {
        Path f = dir.resolve("nulls.yaml");
        String[][] rows = {
            {"static", "responses:\n", "1:11: responses: expected a list, found an empty value"},
            {"static", "responses:\n  -\n", "2:4: responses[0]: expected a mapping, found an empty value"},
            {"static", "responses:\n  - action:\n", "2:12: responses[0].action: expected a string, found an empty value"},
            {"static", "responses:\n  - headers:\n", "2:13: responses[0].headers: expected a mapping, found an empty value"},
            {"nextcloud", "users:\n", "1:7: users: expected a mapping, found an empty value"},
            {"nauthilus", "users:\n", "1:7: users: expected a mapping, found an empty value"},
            {"nauthilus", "users:\n  alice:\n", "2:9: users.alice: expected a mapping, found an empty value"},
            {"nauthilus", "users:\n  alice:\n    attributes:\n", "3:16: users.alice.attributes: expected a mapping, found an empty value"},
        };
        for (String[] row : rows) {
            Files.writeString(f, row[1]);
            assertThatThrownBy(() -> StubFiles.load(row[0], f)).as(row[0] + " " + row[1])
                    .isInstanceOf(StubFileException.class).hasMessage(f + ":" + row[2]);
        }
        for (String key : new String[] {"stdout", "stderr"}) {
            Files.writeString(f, key + ":\n");
            assertThatThrownBy(() -> ExecStubFile.load("*", f)).isInstanceOf(StubFileException.class)
                    .hasMessage(f + ":1:8: " + key + ": expected a string, found an empty value");
        }
    }

    /**
     * A whole number is written as one, as case files require (exit: "0" is refused there): a quoted
     * number or a fraction is not silently converted (status: 200.9 was 200, exit: '3' was 3).
     */
    @Test
    void wholeNumbersAreNotConvertedFromTextOrFractions() throws Exception {
        Path f = dir.resolve("numbers.yaml");
        String[][] rows = {
            {"static", "responses:\n  - status: '200'\n", "2:13: responses[0].status: expected a whole number, found a string \"200\""},
            {"static", "responses:\n  - status: 200.9\n", "2:13: responses[0].status: expected a whole number, found a number (200.9)"},
            {"static", "responses:\n  - body:\n", "2:10: responses[0].body: expected a string, found an empty value"},
            {"nextcloud", "delay_ms: '5'\n", "1:11: delay_ms: expected a whole number, found a string \"5\""},
            {"nauthilus", "version: 2.5\n", "1:10: version: expected a whole number, found a number (2.5)"},
            {"nauthilus", "brute_force: 1\n", "1:14: brute_force: expected true or false, found a number (1)"},
        };
        for (String[] row : rows) {
            Files.writeString(f, row[1]);
            assertThatThrownBy(() -> StubFiles.load(row[0], f)).as(row[0] + " " + row[1])
                    .isInstanceOf(StubFileException.class).hasMessage(f + ":" + row[2]);
        }
        Files.writeString(f, "exit: '3'\n");
        assertThatThrownBy(() -> ExecStubFile.load("*", f)).hasMessage(f + ":1:7: exit: expected a whole number, found a string \"3\"");
        Files.writeString(f, "exit: 1.5\n");
        assertThatThrownBy(() -> ExecStubFile.load("*", f))
                .hasMessage(f + ":1:7: exit: expected a whole number, found a number (1.5)");
    }

    // ---- nextcloud -----------------------------------------------------------------------------

    private static final String NEXTCLOUD = """
            users:
              alice: [app-pass-1, app-pass-2]
            """;

    private Request propfind(HttpUrl u, String auth) {
        Request.Builder b = new Request.Builder().url(u.resolve("/remote.php/dav/")).method("PROPFIND", null);
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b.build();
    }

    @Test
    void nextcloudAppPasswords() throws Exception {
        HttpUrl u = start("nextcloud", NEXTCLOUD);
        Got ok = send(propfind(u, basic("alice", "app-pass-2")));
        assertThat(ok.status()).isEqualTo(207);
        assertThat(ok.reason()).isEqualTo("Multi-Status");
        assertThat(ok.body()).contains("<d:multistatus");
        Got bad = send(propfind(u, basic("alice", "wrong")));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"Nextcloud\", charset=\"UTF-8\"");
        assertThat(bad.body()).contains("Sabre\\DAV\\Exception\\NotAuthenticated");
        assertThat(send(propfind(u, null)).status()).isEqualTo(401);
        assertThat(send(propfind(u, basic("bob", "app-pass-1"))).status()).isEqualTo(401);
    }

    @Test
    void nextcloudFailAndSlowSwitches() throws Exception {
        HttpUrl u = start("nextcloud", NEXTCLOUD + "fail_status: 503\n");
        Got g = send(propfind(u, basic("alice", "app-pass-1")));
        assertThat(g.status()).isEqualTo(503);
        assertThat(g.reason()).isEqualTo("Service Unavailable");
        stub.close();
        HttpUrl slow = start("nextcloud", NEXTCLOUD + "delay_ms: 3000\n");
        assertThatThrownBy(() -> send(propfind(slow, basic("alice", "app-pass-1"))))
                .isInstanceOf(java.net.SocketTimeoutException.class);
    }

    // ---- nauthilus -----------------------------------------------------------------------------

    private static final String NAUTHILUS = """
            backchannel: {username: dovecot, password: s3cret}
            users:
              testuser:
                password: testpassword
                account: testaccount
                attributes:
                  Proxy-Host: backend-2
                  rnsMSQuota: [1024]
              disabled:
                password: pw
                deny: Account not enabled
            """;

    private Request auth(HttpUrl u, String query, String body) {
        return new Request.Builder().url(u.resolve("/api/v1/auth/json" + query))
                .header("Authorization", basic("dovecot", "s3cret")).post(json(body)).build();
    }

    @Test
    void nauthilusSuccessShape() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS);
        Got g = send(auth(u, "", "{\"username\":\"testuser\",\"password\":\"testpassword\",\"protocol\":\"imap\"}"));
        assertThat(g.status()).isEqualTo(200);
        assertThat(g.headers().get("Auth-Status")).isEqualTo("OK");
        assertThat(g.headers().get("Auth-User")).isEqualTo("testaccount");
        assertThat(g.headers().get("X-Nauthilus-Memory-Cache")).isEqualTo("Miss");
        assertThat(g.headers().get("X-Nauthilus-Session")).matches("[0-9A-Za-z]{27}");
        assertThat(g.headers().get("Auth-Wait")).isNull();
        assertThat(g.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(g.body()).isEqualTo("{\"ok\":true,\"account_field\":\"account\",\"totp_secret_field\":\"\",\"backend\":3,"
                + "\"attributes\":{\"Proxy-Host\":[\"backend-2\"],\"account\":[\"testaccount\"],\"rnsMSQuota\":[\"1024\"]}}");
    }

    @Test
    void nauthilusDenials() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS);
        Got wrong = send(auth(u, "", "{\"username\":\"testuser\",\"password\":\"nope\"}"));
        Got unknown = send(auth(u, "", "{\"username\":\"ghost\",\"password\":\"nope\"}"));
        for (Got g : List.of(wrong, unknown)) {
            assertThat(g.status()).isEqualTo(403);
            assertThat(g.headers().get("Auth-Status")).isEqualTo("Invalid login or password");
            assertThat(g.headers().get("Auth-Wait")).isEqualTo("0");
            assertThat(g.headers().get("Auth-User")).isNull();
            assertThat(g.headers().get("X-Nauthilus-Session")).hasSize(27);
            assertThat(g.body()).isEqualTo("null");
        }
        Got disabled = send(auth(u, "", "{\"username\":\"disabled\",\"password\":\"pw\"}"));
        assertThat(disabled.headers().get("Auth-Status")).isEqualTo("Account not enabled");
        Got noAuthUnknown = send(auth(u, "?mode=no-auth", "{\"username\":\"ghost\"}"));
        assertThat(noAuthUnknown.status()).isEqualTo(403);
        Got noAuth = send(auth(u, "?mode=no-auth", "{\"username\":\"testuser\"}"));
        assertThat(noAuth.status()).isEqualTo(200);
    }

    @Test
    void nauthilusAuthWaitGrowsWithFailures() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS);
        String last = null;
        for (int i = 0; i < 4; i++) {
            last = send(auth(u, "", "{\"username\":\"testuser\",\"password\":\"x\"}")).headers().get("Auth-Wait");
        }
        assertThat(last).isEqualTo("1");
    }

    @Test
    void nauthilus400sAnd401() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS);
        Got service = send(auth(u, "", "{\"username\":\"testuser\",\"password\":\"testpassword\",\"service\":\"imap\"}"));
        assertThat(service.status()).isEqualTo(400);
        assertThat(service.body()).isEqualTo("{\"error\":\"json: unknown field \\\"service\\\"\"}");
        assertThat(service.headers().get("Auth-Status")).isNull();
        assertThat(service.headers().get("X-Nauthilus-Session")).isNull();
        assertThat(send(auth(u, "", "{\"username\":\"testuser\"}")).body())
                .isEqualTo("{\"errors\":[{\"field\":\"Password\",\"message\":\"This field is required\"}]}");
        assertThat(send(auth(u, "", "{\"password\":\"x\"}")).body())
                .isEqualTo("{\"errors\":[{\"field\":\"Username\",\"message\":\"This field is required\"}]}");
        assertThat(send(auth(u, "", "{\"username\":1,\"password\":\"x\"}")).body())
                .isEqualTo("{\"error\":\"json: cannot unmarshal number into Go struct field JSONRequest.username of type string\"}");
        Got unauth = send(new Request.Builder().url(u.resolve("/api/v1/auth/json")).post(json("{}")).build());
        assertThat(unauth.status()).isEqualTo(401);
        assertThat(unauth.body()).isEmpty();
        assertThat(unauth.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"restricted\", charset=\"UTF-8\"");
        assertThat(unauth.headers().get("Auth-Status")).isNull();
        assertThat(send(new Request.Builder().url(u.resolve("/api/v1/nope")).build()).status()).isEqualTo(404);
    }

    @Test
    void nauthilusV2IsLenient() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS + "version: 2\n");
        assertThat(send(auth(u, "", "{\"username\":\"testuser\",\"password\":\"testpassword\",\"service\":\"imap\"}")).status())
                .isEqualTo(200);
    }

    @Test
    void nauthilusTempfailAndBruteForce() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS + "tempfail: Temporary server problem, try again later\n");
        Got t = send(auth(u, "", "{\"username\":\"testuser\",\"password\":\"testpassword\"}"));
        assertThat(t.status()).isEqualTo(500);
        assertThat(t.headers().get("Auth-Status")).isEqualTo("Temporary server problem, try again later");
        assertThat(t.body()).isEqualTo("{\"error\":\"Temporary server problem, try again later\"}");
        stub.close();
        HttpUrl b = start("nauthilus", NAUTHILUS + "brute_force: true\n");
        Got bf = send(auth(b, "", "{\"username\":\"testuser\",\"password\":\"testpassword\"}"));
        assertThat(bf.status()).isEqualTo(403);
        assertThat(bf.headers().get("Auth-Status")).isEqualTo("Invalid login or password");
        assertThat(send(auth(b, "?mode=no-auth", "{\"username\":\"testuser\"}")).status()).isEqualTo(200);
    }

    private Got list(HttpUrl u, String accept) throws IOException {
        Request.Builder r = new Request.Builder().url(u.resolve("/api/v1/auth/json?mode=list-accounts"))
                .header("Authorization", basic("dovecot", "s3cret"));
        if (accept != null) {
            r.header("Accept", accept);
        }
        try (Response resp = http.newCall(r.build()).execute()) {
            return new Got(resp.code(), resp.message(), resp.headers(),
                    new String(resp.body().bytes(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void nauthilusListAccountsNegotiation() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS);
        assertThat(list(u, "application/json").body()).isEqualTo("[\"testaccount\",\"disabled\"]");
        Got cbor = list(u, null);
        assertThat(cbor.headers().get("Content-Type")).isEqualTo("application/cbor");
        assertThat(cbor.body()).isEqualTo("\u0082\u006btestaccount\u0068disabled");
        assertThat(list(u, "*/*").headers().get("Content-Type")).isEqualTo("application/cbor");
        assertThat(list(u, "text/plain").body()).isEqualTo("testaccount\r\ndisabled\r\n");
        assertThat(list(u, "image/png").status()).isEqualTo(415);
        assertThat(list(u, "application/json").headers().get("Auth-Status")).isNull();
        stub.close();
        HttpUrl v2 = start("nauthilus", NAUTHILUS + "version: 2\n");
        assertThat(list(v2, null).status()).isEqualTo(415);
        assertThat(list(v2, "*/*").body()).isEqualTo("testaccount\r\ndisabled\r\n");
    }

    @Test
    void nauthilusHeaderEndpoint() throws Exception {
        HttpUrl u = start("nauthilus", NAUTHILUS);
        Request r = new Request.Builder().url(u.resolve("/api/v1/auth/header"))
                .header("Authorization", basic("dovecot", "s3cret"))
                .header("Auth-User", "testuser").header("Auth-Pass", "testpassword").header("Auth-Protocol", "imap").build();
        Got g = send(r);
        assertThat(g.status()).isEqualTo(200);
        assertThat(g.body()).isEmpty();
        assertThat(g.headers().get("X-Nauthilus-Proxy-Host")).isEqualTo("backend-2");
        assertThat(g.headers().get("X-Nauthilus-Rnsmsquota")).isEqualTo("1024");
        assertThat(g.headers().get("Auth-User")).isEqualTo("testaccount");
        Got empty = send(new Request.Builder().url(u.resolve("/api/v1/auth/header"))
                .header("Authorization", basic("dovecot", "s3cret")).build());
        assertThat(empty.status()).isEqualTo(500);
        assertThat(empty.body()).isEqualTo("No username given");
    }

    @Test
    void canonicalHeaderNamesAndKsuids() {
        assertThat(NauthilusStub.canonical("rnsMSQuota")).isEqualTo("Rnsmsquota");
        assertThat(NauthilusStub.canonical("proxy-host")).isEqualTo("Proxy-Host");
        assertThat(NauthilusStub.negotiate("application/json;q=0.5, text/plain")).isEqualTo("text/plain");
        assertThat(NauthilusStub.negotiate("application/*")).isEqualTo("application/cbor");
    }
}
