package org.dovelua.auth.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.scheme.PasswordScheme;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/**
 * Credentials lookups (spec C.9; passdb_get_credentials()/passdb_handle_credentials() of
 * src/auth/passdb.c). The wanted-scheme cases are reached by non-plaintext SASL mechanisms, which
 * doveadm cannot drive, so they are checked against the rules of passdb.c; the wanted "" cases
 * (auth lookup) are also differential case 107.
 */
class PassdbCredentialsTest {
    private final List<String> log = new ArrayList<>();

    private AuthRequest request(String wanted) {
        AuthSettings s = new AuthSettings();
        AuthRequest r = new AuthRequest(s);
        r.user = "alice@ex.org";
        r.originalUsername = "alice@ex.org";
        r.event = DovecotEvent.root("auth", (process, level, message) -> log.add(level + ": " + message), true);
        r.wantedCredentialsScheme = wanted;
        return r;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void anySchemeIsAcceptedWhenNoneIsWantedAndBecomesTheWantedOne() {
        AuthRequest r = request("");
        assertThat(PassdbCredentials.get(r, "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "SHA1.hex")).isTrue();
        assertThat(hex(r.credentials)).isEqualTo("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3");
        assertThat(r.wantedCredentialsScheme).isEqualTo("SHA1");
        assertThat(log).isEmpty();
    }

    @Test
    void undecodableOrUnknownIsSchemeNotAvailableWithAnError() {
        AuthRequest r = request("");
        assertThat(PassdbCredentials.handle(r, PassdbResult.OK.code(), "zz", "SHA1"))
                .isEqualTo(PassdbResult.SCHEME_NOT_AVAILABLE.code());
        assertThat(PassdbCredentials.handle(r, PassdbResult.OK.code(), "x", "FOO"))
                .isEqualTo(PassdbResult.SCHEME_NOT_AVAILABLE.code());
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).endsWith("Password data is not valid for scheme SHA1: Input isn't valid base64 encoded data");
        assertThat(log.get(1)).endsWith("Unknown scheme FOO");
    }

    @Test
    void anAliasOfTheWantedSchemeIsGivenAsIs() {
        AuthRequest r = request("SHA1");
        assertThat(PassdbCredentials.get(r, "qUqP5cyxm6YcTAhz05Hph5gvu9M=", "SHA")).isTrue();
        assertThat(hex(r.credentials)).isEqualTo("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3");
        AuthRequest h = request("HMAC-MD5");
        assertThat(PassdbCredentials.get(h,
                "e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6", "CRAM-MD5")).isTrue();
        assertThat(log).isEmpty();
    }

    @Test
    void anotherSchemeIsRefusedWithTheInfoLine() {
        AuthRequest r = request("CRAM-MD5");
        assertThat(PassdbCredentials.handle(r, PassdbResult.OK.code(), "qUqP5cyxm6YcTAhz05Hph5gvu9M=", "SHA1"))
                .isEqualTo(PassdbResult.SCHEME_NOT_AVAILABLE.code());
        assertThat(log).containsExactly("INFO: Requested CRAM-MD5 scheme, but we have only SHA1");
        r.settings.debugPasswords = true;
        log.clear();
        PassdbCredentials.get(r, "qUqP5cyxm6YcTAhz05Hph5gvu9M=", "SHA1");
        assertThat(log).containsExactly(
                "INFO: Requested CRAM-MD5 scheme, but we have only SHA1 (input: qUqP5cyxm6YcTAhz05Hph5gvu9M=)");
    }

    @Test
    void plaintextIsConvertedToTheWantedScheme() {
        AuthRequest r = request("CRAM-MD5");
        assertThat(PassdbCredentials.get(r, "test", "PLAIN")).isTrue();
        // C.10's CRAM-MD5 vector for "test"
        assertThat(hex(r.credentials)).isEqualTo("e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6");
        AuthRequest m = request("PLAIN-MD5");
        assertThat(PassdbCredentials.get(m, "test", "CLEARTEXT")).isTrue();
        assertThat(hex(m.credentials)).isEqualTo("098f6bcd4621d373cade4e832627b4f6");
    }

    @Test
    void digestMd5FromPlaintextAppendsTheMissingRealmToADomainUser() {
        // user@domain with no DIGEST-MD5 realm becomes "alice@ex.org@": the realm is the empty
        // string after the last '@' (t_strconcat() stops at the NULL realm)
        AuthRequest r = request("DIGEST-MD5");
        assertThat(PassdbCredentials.get(r, "test", "PLAIN")).isTrue();
        byte[] expected = PasswordSchemes.generateRaw("test".getBytes(StandardCharsets.UTF_8), "DIGEST-MD5",
                new PasswordScheme.Params("alice@ex.org@", 0), r.settings.version);
        assertThat(r.credentials).isEqualTo(expected);
        AuthRequest realm = request("DIGEST-MD5");
        realm.domainIsRealm = true;
        PassdbCredentials.get(realm, "test", "PLAIN");
        assertThat(realm.credentials).isNotEqualTo(expected);
    }

    @Test
    void preferPlainCredentialsKeepsThePlaintext() {
        AuthRequest r = request("CRAM-MD5");
        r.preferPlainCredentials = true;
        assertThat(PassdbCredentials.get(r, "test", "PLAIN")).isTrue();
        assertThat(new String(r.credentials, StandardCharsets.UTF_8)).isEqualTo("test");
        assertThat(r.wantedCredentialsScheme).isEqualTo("PLAIN");
    }

    @Test
    void unknownWantedSchemeFromPlaintextIsAnError() {
        AuthRequest r = request("NOPE");
        assertThat(PassdbCredentials.get(r, "test", "PLAIN")).isFalse();
        assertThat(log).containsExactly("ERROR: Requested unknown scheme NOPE");
    }

    @Test
    void nullPasswordPassesOnlyWhenNothingIsWanted() {
        assertThat(PassdbCredentials.handle(request(""), PassdbResult.OK.code(), null, null))
                .isEqualTo(PassdbResult.OK.code());
        assertThat(PassdbCredentials.handle(request("CRAM-MD5"), PassdbResult.OK.code(), null, null))
                .isEqualTo(PassdbResult.SCHEME_NOT_AVAILABLE.code());
        assertThat(log).containsExactly("INFO: Requested CRAM-MD5 scheme, but we have a NULL password");
    }

    @Test
    void aliasesFollowTheGenerateFunction() {
        DovecotVersion v = DovecotVersion.DEFAULT;
        assertThat(PasswordSchemes.isAlias("sha", "SHA1.b64", v)).isTrue();
        assertThat(PasswordSchemes.isAlias("PLAIN-TRUNC", "PLAIN", v)).isTrue();
        assertThat(PasswordSchemes.isAlias("LDAP-MD5", "PLAIN-MD5", v)).isTrue();
        assertThat(PasswordSchemes.isAlias("MD5", "MD5-CRYPT", v)).isTrue();
        assertThat(PasswordSchemes.isAlias("SSHA", "SHA1", v)).isFalse();
        assertThat(PasswordSchemes.isAlias("FOO", "foo", v)).isTrue();
        assertThat(PasswordSchemes.isAlias("", "", v)).isFalse();
    }
}
