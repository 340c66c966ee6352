package org.dovelua.auth.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.varexpand.VarTable.Var;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The variable table (auth-request-var-expand.c) read entry by entry: the whole table as it was
 * built eagerly before (EXPECTED, rendered by that code for the same request) and the Lua
 * {@code __index} lookup of one entry, which must answer as the first match in the whole table.
 */
class AuthRequestVarsTest {
    private static AuthRequest request(String version) {
        AuthSettings s = new AuthSettings();
        s.version = DovecotVersion.parse(version);
        AuthRequest r = new AuthRequest(s);
        r.user = "alice@example.com@x";
        r.originalUsername = "Alice@Example.com";
        r.requestedLoginUser = "bob@example.org";
        r.service = "imap";
        r.localIp = "10.0.0.2";
        r.remoteIp = "10.0.0.1";
        r.localPort = 143;
        r.remotePort = 50000;
        r.realRemoteIp = "192.0.2.1";
        r.realLocalPort = 993;
        r.sessionId = "sess";
        r.clientId = "cid";
        r.mechName = "PLAIN";
        r.mechPassword = "pw";
        r.secured = AuthRequest.Secured.TLS;
        r.clientPid = 42;
        return r;
    }

    private static String render(List<Var> table) {
        return table.stream().map(v -> (v.key() == 0 ? "" : String.valueOf(v.key())) + "|" + v.longKey() + "|"
                + v.value()).collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3.10", "2.3.19", "2.4.0", "2.4.1", "2.4.2"})
    void lookupOfOneEntryAnswersAsTheWholeTable(String version) {
        AuthRequest r = request(version);
        List<Var> table = AuthRequestVars.table(r);
        for (String name : List.of("user", "domain", "orig_user", "auth_domain", "local_port", "real_rport",
                "mechanism", "original_domain", "session_pid", "id", "owner_user", "ssl_client_cert_fp", "nosuch",
                "")) {
            boolean[] whole = new boolean[1];
            boolean[] one = new boolean[] {!whole[0]};
            String expected = AuthRequestVars.lookup(table, name, whole);
            assertThat(AuthRequestVars.lookup(r, name, one)).as(name).isEqualTo(expected);
            assertThat(one[0]).as(name).isEqualTo(whole[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3.10", "2.3.19", "2.4.1", "2.4.2"})
    void theTableIsTheOneBuiltEagerlyBefore(String version) throws Exception {
        String expected = new String(AuthRequestVarsTest.class.getResourceAsStream("vars-" + version + ".txt")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(render(AuthRequestVars.table(request(version)))).isEqualTo(expected);
        assertThat(render(List.copyOf(AuthRequestVars.snapshot(request(version)).vars()))).isEqualTo(expected);
    }

    /** Writes the expected tables from the code under test (run once on the eager code). */
    public static void main(String[] args) throws Exception {
        for (String v : args) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("vars-" + v + ".txt"),
                    render(AuthRequestVars.table(request(v))) + "\n");
        }
    }
}
