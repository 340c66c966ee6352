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
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * passdb oauth2's password grant (db-oauth2.c db_oauth2_lookup_passwd_grant, oauth2-request.c
 * oauth2_passwd_grant_start) against a loopback token endpoint that answers only the exact form
 * real 2.4.1 sent (recorded in differential cases 480-483): results, errors, the introspection of
 * a reply without the user's fields, and the oauth2_fields hook.
 */
class DbOauth2PasswordGrantTest {
    private static final String FORM = "grant_type=password&username=%s&password=%s&client_id=dovecot&client_secret=s%%26cret"
            + "&scope=mail%%20imap";
    private static StubServer server;
    private static String base;
    private static HttpClientLib http;
    private static HttpRouter router;
    private static final OAuth2Request.Input INPUT = new OAuth2Request.Input("imap", null, null);

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("http.yaml");
        StringBuilder yaml = new StringBuilder("responses:\n");
        for (String[] r : new String[][] {
            {"alice", "good", "200", "{\"access_token\":\"tok-a\",\"token_type\":\"Bearer\",\"username\":\"alice\",\"active\":\"yes\",\"scope\":\"mail\"}"},
            {"alice", "p%26ss%20w%c3%b6rd", "200", "{\"access_token\":\"tok-e\",\"username\":\"alice\",\"active\":\"yes\",\"scope\":\"mail\"}"},
            {"alice", "wrong", "400", "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}"},
            {"alice", "noerr", "401", ""},
            {"alice", "notoken", "200", "{\"username\":\"alice\",\"active\":\"yes\"}"},
            {"alice", "partial", "200", "{\"access_token\":\"tok-p\",\"active\":\"yes\"}"},
            {"alice", "inactive", "200", "{\"access_token\":\"tok-i\",\"username\":\"alice\",\"active\":\"no\"}"},
        }) {
            yaml.append("- match: {method: POST, path: /token, body: '").append(String.format(FORM, r[0], r[1]))
                    .append("', headers: {Content-Type: application/x-www-form-urlencoded}}\n  status: ").append(r[2])
                    .append("\n  body: '").append(r[3]).append("'\n");
        }
        yaml.append("- match: {method: POST, path: /introspect, body: token=tok-p}\n"
                + "  body: '{\"username\":\"alice\",\"scope\":\"imap\",\"name\":\"Alice P\"}'\n");
        Files.writeString(spec, yaml);
        server = StubFiles.load("static", spec);
        base = server.start().toString().replaceAll("/$", "");
        router = new HttpRouter(h -> { }).allowNetwork(true);
        http = new HttpClientLib(router, true, null);
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    private static DbOauth2 db() {
        OAuth2Settings s = new OAuth2Settings();
        s.introspectionMode = "post";
        s.grantUrl = base + "/token";
        s.introspectionUrl = base + "/introspect";
        s.clientId = "dovecot";
        s.clientSecret = "s&cret";
        s.scope = List.of("mail", "imap");
        s.usernameAttribute = "username";
        s.activeAttribute = "active";
        s.activeValue = "yes";
        return new DbOauth2(s, new OAuth2Request(s, http, DovecotVersion.parse("2.4.1")), null);
    }

    private static DbOauth2.Outcome grant(String user, String password, List<String> debug) {
        return db().passwordGrant(user, password, INPUT, debug::add, DbOauth2.ExtraFields.NONE);
    }

    @Test
    void theGrantsAccessTokenIsTheTokenTheFieldsAreCheckedFor() {
        List<String> debug = new ArrayList<>();
        DbOauth2.Outcome o = grant("alice", "good", debug);
        assertThat(o.result()).isEqualTo(PassdbResult.OK);
        assertThat(o.token()).isEqualTo("tok-a");
        assertThat(debug).containsExactly("Making grant url request to " + base + "/token", "Password grant succeeded",
                "Processing field access_token", "Processing field token_type", "Processing field username",
                "Processing field active", "Processing field scope", "oauth2 active_attribute check succeeded",
                "Token scope(s): mail");
    }

    /** db-oauth2.c's user agent is DOVECOT_VERSION, the package's on trixie (2.4.1-4, as case 482's header sizes show). */
    @Test
    void theUserAgentCarriesThePackagesVersion() {
        grant("alice", "good", new ArrayList<>());
        assertThat(router.exchanges().get(router.exchanges().size() - 1).requestHeader("User-Agent"))
                .isEqualTo("dovecot-oauth2-passdb/2.4.1-4");
        assertThat(DovecotVersion.parse("2.4.5").packageVersion()).isEqualTo("2.4.5");
    }

    @Test
    void theFormEscapesThePasswordAsHttpUrlEscapeParam() {
        assertThat(grant("alice", "p&ss wörd", new ArrayList<>()).token()).isEqualTo("tok-e");
    }

    @Test
    void anErrorReplyIsAnInternalFailureWithItsDescription() {
        DbOauth2.Outcome o = grant("alice", "wrong", new ArrayList<>());
        assertThat(o.result()).isEqualTo(PassdbResult.INTERNAL_FAILURE);
        assertThat(o.error()).isEqualTo("Password grant failed: Invalid user credentials");
        assertThat(grant("alice", "noerr", new ArrayList<>()).error())
                .isEqualTo("Password grant failed: OAuth2 server returned failure without error field");
    }

    @Test
    void aReplyWithoutAccessTokenFails() {
        DbOauth2.Outcome o = grant("alice", "notoken", new ArrayList<>());
        assertThat(o.result()).isEqualTo(PassdbResult.INTERNAL_FAILURE);
        assertThat(o.error()).isEqualTo("Password grant failed: OAuth2 token missing from reply");
    }

    @Test
    void aReplyWithoutTheUsernameIsIntrospectedWithItsToken() {
        List<String> debug = new ArrayList<>();
        String[] seen = new String[3];
        DbOauth2.Outcome o = db().passwordGrant("alice", "partial", INPUT, debug::add, (fields, token, username) -> {
            seen[0] = fields.get("name");
            seen[1] = token;
            seen[2] = username;
            return null;
        });
        assertThat(o.result()).isEqualTo(PassdbResult.OK);
        assertThat(debug).contains("Making introspection request to " + base + "/introspect", "Introspection succeeded");
        assertThat(seen).containsExactly("Alice P", "tok-p", "alice");
    }

    @Test
    void anInactiveTokenIsAMismatchAndAnOauth2FieldsErrorAnInternalFailure() {
        DbOauth2.Outcome inactive = grant("alice", "inactive", new ArrayList<>());
        assertThat(inactive.result()).isEqualTo(PassdbResult.PASSWORD_MISMATCH);
        assertThat(inactive.error()).isEqualTo("Password grant failed: Provided token is not valid");
        DbOauth2.Outcome o = db().passwordGrant("alice", "good", INPUT, l -> { }, (f, t, u) -> "settings error");
        assertThat(o.result()).isEqualTo(PassdbResult.INTERNAL_FAILURE);
        assertThat(o.error()).isEqualTo("Password grant failed: settings error");
    }

    @Test
    void anEmptyPasswordIsNoTokenAndSendsNothing() {
        DbOauth2.Outcome o = grant("alice", "", new ArrayList<>());
        assertThat(o.result()).isEqualTo(PassdbResult.INTERNAL_FAILURE);
        assertThat(o.error()).isEqualTo("Password grant failed: No token provided");
    }
}
