package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code dovelua pw} prints and exits as doveadm pw 2.3.19 does (outputs recorded from it). */
class PwCommandTest {
    @Test
    void generatesWithTheUppercasedScheme() {
        Main.Result r = Main.capture("pw", "-s", "sha1", "-p", "test");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M=\n");
        assertThat(Main.capture("pw", "-s", "cram-md5", "-p", "test").stdout())
                .isEqualTo("{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6\n");
    }

    @Test
    void defaultSchemeIsBcryptAndRoundsAreCost() {
        Main.Result r = Main.capture("pw", "-p", "test", "-r", "4");
        assertThat(r.stdout()).matches("\\{CRYPT\\}\\$2y\\$04\\$[./A-Za-z0-9]{53}\n");
        assertThat(Main.capture("pw", "-s", "SHA512-CRYPT", "-p", "test", "-r", "1000").stdout())
                .startsWith("{SHA512-CRYPT}$6$rounds=1000$");
    }

    @Test
    void testHashVerifiedOrFatal() {
        Main.Result ok = Main.capture("pw", "-t", "{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M=", "-p", "test");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M= (verified)\n");
        assertThat(Main.capture("pw", "-t", "$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/$junk", "-p", "test").stdout())
                .isEqualTo("{MD5-CRYPT}$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/ (verified)\n");
        assertFatal(Main.capture("pw", "-t", "{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M=", "-p", "tes"),
                "reverse password verification check failed: Password mismatch");
        assertFatal(Main.capture("pw", "-t", "{FOO}x", "-p", "test"), "reverse decode check failed: Unknown scheme");
        assertFatal(Main.capture("pw", "-t", "{SHA1}zz", "-p", "test"),
                "reverse decode check failed: Input isn't valid base64 encoded data");
        assertFatal(Main.capture("pw", "-t", "abc", "-p", "test"), "Missing {scheme} prefix from hash");
        assertFatal(Main.capture("pw", "-s", "foo", "-p", "x"), "Unknown scheme: FOO");
        assertFatal(Main.capture("pw", "-s", "DIGEST-MD5", "-p", "test"), "digest_md5_generate(): username not given");
        // the scheme's own fatal while verifying, after generating the default scheme
        assertFatal(Main.capture("pw", "-t", "{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d", "-p", "test"),
                "digest_md5_generate(): username not given");
        assertFatal(Main.capture("pw", "-s", "PLAIN", "-p", "x", "-r", "99999999999"),
                "Invalid number of rounds: 99999999999");
        assertThat(Main.capture("pw", "-s", "DIGEST-MD5", "-u", "testuser1", "-p", "test").stdout())
                .isEqualTo("{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d\n");
    }

    @Test
    void listsSchemesSpaceTerminated() {
        Main.Result r = Main.capture("pw", "-l");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("SHA1 SSHA512 SCRAM-SHA-256 ").endsWith("DIGEST-MD5 LDAP-MD5 \n");
        // as Debian's 2.4.1 doveadm pw -l lists it
        assertThat(Main.capture("--dovecot-version", "2.4.1", "pw", "-l").stdout()).contains(" SSHA256 ARGON2 MD5 ");
    }

    @Test
    void usageErrorExits64() {
        assertThat(Main.capture("pw", "-p").exitCode()).isEqualTo(64);
    }

    private static void assertFatal(Main.Result r, String message) {
        assertThat(r.exitCode()).isEqualTo(75);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("Fatal: " + message + "\n");
    }
}
