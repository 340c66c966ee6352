package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stubs:} in a case file (file and inline) and {@code expect: http:}. */
class CaseStubsTest {
    @TempDir
    Path dir;

    /** A script that asks a static stub and returns what it said as a field. */
    private static final String SCRIPT = String.join("\n",
            "local json = require('cjson')",
            "function auth_passdb_lookup(req)",
            "  local r = dovecot.http.client{}:request{url = 'https://api.example.com/check', method = 'POST'}",
            "  r:add_header('X-User', req.user)",
            "  r:set_payload(json.encode({user = req.user, tags = {'a', 'b'}, n = 3}))",
            "  local resp = r:submit()",
            "  if resp:status() ~= 200 then return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, resp:reason() end",
            "  return dovecot.auth.PASSDB_RESULT_OK, 'nopassword=y said=' .. resp:payload()",
            "end",
            "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1' end",
            "");

    private List<CaseOutcome> run(String stubs, String expectHttp) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        Files.writeString(dir.resolve("api.yaml"), "responses:\n  - body: first\n  - body: second\n");
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\n" + stubs + "cases:\n"
                + "  - auth_test: {user: alice, password: x}\n"
                + "    expect:\n"
                + "      result: ok\n"
                + "      fields_subset: {said: first}\n"
                + expectHttp
                + "  - name: again, the stub starts over\n"
                + "    auth_test: {user: bob, password: x}\n"
                + "    expect: {result: ok, fields_subset: {said: first}}\n");
        return CaseRunner.run(List.of(CaseFile.read(f)), new CaseRunner.Options(1, null, false), (o, d, t) -> { });
    }

    private static String reports(List<CaseOutcome> out) {
        StringBuilder sb = new StringBuilder();
        out.forEach(o -> sb.append(o.report()).append('\n'));
        return sb.toString();
    }

    @Test
    void aStubFileAnswersAndTheRequestsAreChecked() throws Exception {
        List<CaseOutcome> out = run("stubs:\n  https://api.example.com: static:api.yaml\n",
                "      http:\n"
                + "        - method: POST\n"
                + "          url: https://api.example.com/check\n"
                + "          headers: {x-user: alice, Host: api.example.com}\n"
                + "          absent_headers: [Authorization]\n"
                + "          json: {user: alice, tags: [a, b], n: 3.0}\n"
                + "          status: 200\n");
        assertThat(out).extracting(CaseOutcome::status).as(reports(out))
                .containsOnly(CaseOutcome.Status.PASSED);
    }

    @Test
    void anInlineStubWorksLikeAFile() throws Exception {
        List<CaseOutcome> out = run("stubs:\n  https://api.example.com:\n    static:\n      responses:\n"
                + "        - body: first\n        - body: second\n", "      http: [{url: https://api.example.com/check}]\n");
        assertThat(out).extracting(CaseOutcome::status).as(reports(out)).containsOnly(CaseOutcome.Status.PASSED);
    }

    @Test
    void eachHttpMismatchIsNamed() throws Exception {
        List<CaseOutcome> out = run("stubs:\n  https://api.example.com: static:api.yaml\n",
                "      http:\n"
                + "        - method: GET\n"
                + "          url: https://api.example.com/other\n"
                + "          headers: {X-User: bob, X-Missing: y}\n"
                + "          absent_headers: [x-user]\n"
                + "          json: {user: alice, tags: [a], n: 4}\n"
                + "          status: 500\n");
        CaseOutcome o = out.get(0);
        assertThat(o.status()).isEqualTo(CaseOutcome.Status.FAILED);
        String at = "http request 1 (line 10)";
        assertThat(o.mismatches()).containsExactly(
                new Mismatch(at + " method", "GET", "POST"),
                new Mismatch(at + " url", "https://api.example.com/other", "https://api.example.com/check"),
                new Mismatch(at + " header X-User", "bob", "alice"),
                new Mismatch(at + " header X-Missing", "y", "(absent)"),
                new Mismatch(at + " header x-user", "(absent)", "alice"),
                new Mismatch(at + " json at tags", "[ \"a\" ]", "[ \"a\", \"b\" ]"),
                new Mismatch(at + " status", "500", "200 OK"));
    }

    @Test
    void theNumberOfRequestsMustMatch() throws Exception {
        List<CaseOutcome> out = run("stubs:\n  https://api.example.com: static:api.yaml\n", "      http: []\n");
        assertThat(out.get(0).mismatches()).containsExactly(new Mismatch("http requests (0 expected, 1 sent)",
                "(none)\n", "POST https://api.example.com/check\n"));
    }

    @Test
    void withoutAStubTheHostIsUnreachable() throws Exception {
        List<CaseOutcome> out = run("", "      http: [{status: 9002}]\n");
        assertThat(out.get(0).mismatches()).extracting(Mismatch::what).containsExactly("result", "field said");
        assertThat(out.get(0).result().http()).singleElement()
                .satisfies(x -> assertThat(x.reason()).startsWith("Failed to lookup host api.example.com"));
    }
}
