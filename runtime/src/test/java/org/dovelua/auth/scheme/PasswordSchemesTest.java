package org.dovelua.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.dovelua.auth.scheme.PasswordScheme.Params;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec Part C: the vectors of C.10 (test-libpassword.c) and the failure cases of C.3–C.5. */
class PasswordSchemesTest {
    static final DovecotVersion V23 = DovecotVersion.parse("2.3.19");
    static final DovecotVersion V24 = DovecotVersion.parse("2.4.0");

    /** get_scheme → decode → verify, as test-libpassword.c's test_password_scheme(). */
    static int chain(String stored, String plain, String user, DovecotVersion v, boolean allowWeak, String[] error) {
        PasswordSchemes.Split split = PasswordSchemes.getScheme(stored);
        PasswordSchemes.Decoded d = PasswordSchemes.decode(split.password(), split.scheme(), v);
        if (d.ret() <= 0) {
            error[0] = d.error();
            return d.ret() == 0 ? -2 : -3;
        }
        return PasswordSchemes.verify(plain.getBytes(StandardCharsets.UTF_8), split.scheme(), d.raw(),
                new Params(user, 0), v, allowWeak, error);
    }

    static Stream<Arguments> c10() {
        return Stream.of(
                Arguments.of("{PLAIN}test"),
                Arguments.of("{CRYPT}//EsnG9FLTKjo"),
                Arguments.of("{PLAIN-MD4}db346d691d7acc4dc2625db19f9e3f52"),
                Arguments.of("{MD5}$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/"),
                Arguments.of("{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M="),
                Arguments.of("{SMD5}JTu1KRwptKZJg/RLd+6Vn5GUd0M="),
                Arguments.of("{LDAP-MD5}CY9rzUYh03PK3k6DJie09g=="),
                Arguments.of("{SHA256}n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="),
                Arguments.of("{SHA512}7iaw3Ur350mqGo7jwQrpkj9hiYB3Lkc/iBml1JQODbJ6wYX4oOHV+E+IvIh/1nsUNzLDBMxfqa2Ob1f1ACio/w=="),
                Arguments.of("{SSHA}H/zrDv8FXUu1JmwvVYijfrYEF34jVZcO"),
                Arguments.of("{MD5-CRYPT}$1$GgvxyNz8$OjZhLh4P.gF1lxYEbLZ3e/"),
                Arguments.of("{OTP}sha1 1024 ae6b49aa481f7233 f69fc7f98b8fbf54"),
                Arguments.of("{PBKDF2}$1$bUnT4Pl7yFtYX0KU$5000$50a83cafdc517b9f46519415e53c6a858908680a"),
                Arguments.of("{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6"),
                Arguments.of("{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d"),
                Arguments.of("{SCRAM-SHA-1}4096,GetyLXdBuHzf1FWf8SLz2Q==,NA/OqmF4hhrsrB9KR7po+dliTGM=,QBiURvQaE6H6qYTmeghDHLANBFQ="),
                Arguments.of("{SCRAM-SHA-256}4096,LfNGSFqiFykEZ1xDAYlnKQ==,HACNf9CII7cMz3XjRy/Oh3Ae2LHApoDyNw74d3YtFws=,AQH0j7Hf8J12g8eNBadvzlNB2am3PxgNwFCFd3RxEaw="),
                Arguments.of("{BLF-CRYPT}$2y$05$11ipvo5dR6CwkzwmhwM26OXgzXwhV2PyPuLV.Qi31ILcRcThQpEiW"),
                Arguments.of("{ARGON2I}$argon2i$v=19$m=32768,t=4,p=1$f2iuP4aUeNMrgu34fhOkkg$1XSZZMWlIs0zmE+snlUIcLADO3GXbA2O/hsQmmc317k"),
                Arguments.of("{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$vBb99oJ12p3WAdYlaMHz1A$jtFOtbo/sYV9OSlTxDo/nVNq3uArHd5GJSEx0ty85Cc"));
    }

    @ParameterizedTest
    @MethodSource("c10")
    void c10VectorVerifiesWithTest(String stored) {
        String[] error = new String[1];
        assertThat(chain(stored, "test", "testuser1", V23, false, error)).as(stored + " " + error[0]).isEqualTo(1);
        assertThat(chain(stored, "tesT", "testuser1", V23, false, error)).as(stored).isEqualTo(0);
        assertThat(error[0]).isEqualTo("Password mismatch");
    }

    /** Libc self-test samples of password-scheme-crypt.c and the test-lua.c SHA256-CRYPT value. */
    @ParameterizedTest
    @MethodSource("cryptSamples")
    void cryptSamples(String stored, String plain) {
        String[] error = new String[1];
        assertThat(chain(stored, plain, null, V23, false, error)).as(stored).isEqualTo(1);
    }

    static Stream<Arguments> cryptSamples() {
        return Stream.of(Arguments.of("{DES-CRYPT}JBOZ0DgmtucwE", "08/15!test~4711"),
                Arguments.of("{SHA256-CRYPT}$5$rounds=1000$0123456789abcdef$K/DksR0DT01hGc8g/kt9McEgrbFMKi9qrb1jehe7hn4",
                        "08/15!test~4711"),
                Arguments.of("{SHA512-CRYPT}$6$rounds=1000$0123456789abcdef$ZIAd5WqfyLkpvsVCVUU1GrvqaZTqvhJoouxdSqJO71l9Ld3tVrfOatEjarhghvEYADkq//LpDnTeO90tcbtHR1",
                        "08/15!test~4711"),
                Arguments.of("{SHA256-CRYPT}$5$XtUywQCSjW0zAJgE$YjuPKQnsLuH4iE9kranZyy1lbil5IrRUfs7X6EyJyG1", "password"),
                // the scheme name does not restrict the crypt format (C.5)
                Arguments.of("{CRYPT}$5$XtUywQCSjW0zAJgE$YjuPKQnsLuH4iE9kranZyy1lbil5IrRUfs7X6EyJyG1", "password"),
                Arguments.of("{CRYPT}$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/", "test"),
                Arguments.of("$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/$ignored", "test"),
                Arguments.of("{sha1}a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "test"),
                Arguments.of("{SHA1.hex}a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "test"),
                Arguments.of("{SHA1}qUqP5cyxm6Yc TAhz05Hph5gvu9M=", "test"),
                Arguments.of("{PLAIN.b64}dGVz dA==", "test"),
                Arguments.of("{MD5}098f6bcd4621d373cade4e832627b4f6", "test"),
                Arguments.of("{PLAIN-TRUNC}4-test", "testing"),
                Arguments.of("{ARGON2I}$argon2id$v=19$m=65536,t=3,p=1$vBb99oJ12p3WAdYlaMHz1A$jtFOtbo/sYV9OSlTxDo/nVNq3uArHd5GJSEx0ty85Cc", "test"));
    }

    /** The C.10 failure cases and the error texts real 2.3.19 gives (checked with doveadm pw -t). */
    @ParameterizedTest
    @MethodSource("failures")
    void failures(String stored, int ret, String error) {
        String[] e = new String[1];
        assertThat(chain(stored, "test", null, V23, false, e)).as(stored).isEqualTo(ret);
        assertThat(e[0]).isEqualTo(error);
    }

    static Stream<Arguments> failures() {
        return Stream.of(Arguments.of("{PLAIN}invalid", 0, "Password mismatch"),
                Arguments.of("{INVALID}invalid", -2, "Unknown scheme"),
                Arguments.of("{CRYPT}", 0, "Password mismatch"),
                Arguments.of("{}x", -2, "Unknown scheme"),
                Arguments.of("{SHA1.xyz}a", -2, "Unknown scheme"),
                Arguments.of("{SHA1}qUqP5cyxm6YcTAhz05Hph5gvu9M", -3, "Input isn't valid base64 encoded data"),
                Arguments.of("{SHA1.HEX}a94a8fe5ccb19ba61c4c0873d391e987982fbbd", -3, "Input isn't valid HEX encoded data"),
                Arguments.of("{SHA1}dGVzdA==", -3, "Input length isn't valid (4 instead of 20)"),
                Arguments.of("{PLAIN.b64}dGVzdA", -3, "Input isn't valid base64 encoded data"),
                Arguments.of("{SSHA}aa==", -1, "SSHA password is too short"),
                Arguments.of("{SMD5}aaaa", -1, "SMD5 password is too short"),
                Arguments.of("{PBKDF2}$2$a$1$b", -1, "Invalid PBKDF2 passdb entry prefix"),
                Arguments.of("{PBKDF2}$1$a$1", -1, "Invalid PBKDF2 passdb entry format"),
                Arguments.of("{PBKDF2}$1$a$1$bb", -1, "PBKDF2 hash not 160bit hex-encoded"),
                Arguments.of("{SCRAM-SHA-1}1,2,3", -1, "Invalid SCRAM-SHA-1 passdb entry format"),
                Arguments.of("{SCRAM-SHA-1}1,a,b,c", -1, "Invalid SCRAM-SHA-1 iteration count in passdb"),
                Arguments.of("{SCRAM-SHA-1}4096,a,b,c", -1, "Invalid SCRAM-SHA-1 StoredKey in passdb"),
                Arguments.of("{SCRAM-SHA-256}4096,a,HACNf9CII7cMz3XjRy/Oh3Ae2LHApoDyNw74d3YtFws=,c", -1,
                        "Invalid SCRAM-SHA-256 ServerKey in passdb"),
                Arguments.of("{OTP}foo", -1, "Invalid OTP data in passdb"),
                Arguments.of("{BLF-CRYPT}$2y$05$abc", -1, "Password is not blowfish password"),
                Arguments.of("{BLF-CRYPT}", 0, "Password mismatch"),
                Arguments.of("{ARGON2I}xyz", 0, "Password mismatch"),
                Arguments.of("{PLAIN-TRUNC}abc", -1, "PLAIN-TRUNC missing length: prefix"),
                Arguments.of("{MD5}zzz", -1, "Not a valid MD5-CRYPT or PLAIN-MD5 password"),
                Arguments.of("{CRYPT}$7$xxx", 0, "Password mismatch"),
                Arguments.of("{CRYPT}xx", 0, "Password mismatch"),
                Arguments.of("{CRYPT}*", 0, "Password mismatch"),
                Arguments.of("{ARGON2}x", -2, "Unknown scheme"));
    }

    @Test
    void digestMd5NeedsTheUserName() {
        assertThatThrownBy(() -> chain("{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d", "test", null, V23, false,
                new String[1])).isInstanceOf(PasswordScheme.Fatal.class)
                .hasMessage("digest_md5_generate(): username not given");
        String[] e = new String[1];
        // realm after the last '@': MD5("testuser1:test.example:test") ≠ MD5("testuser1::test")
        assertThat(chain("{DIGEST-MD5}77c1a8c437c9b08ba2f460fe5d58db5d", "test", "testuser1@test.example", V23, false,
                e)).isEqualTo(0);
    }

    /** C.11: 2.4 refuses weak schemes unless auth_allow_weak_schemes = yes. */
    @ParameterizedTest
    @MethodSource("weak")
    void weakSchemesAreRefusedIn24(String stored, String refused) {
        String[] e = new String[1];
        assertThat(chain(stored, "test", null, V24, false, e)).as(stored).isEqualTo(-1);
        assertThat(e[0]).isEqualTo("Weak password scheme '" + refused + "' used and refused");
        assertThat(chain(stored, "test", null, V24, true, e)).as(stored).isEqualTo(1);
        assertThat(chain(stored, "test", null, V23, false, e)).as(stored).isEqualTo(1);
    }

    static Stream<Arguments> weak() {
        return Stream.of(Arguments.of("{MD5}$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/", "MD5"),
                Arguments.of("{MD5-CRYPT}$1$GgvxyNz8$OjZhLh4P.gF1lxYEbLZ3e/", "MD5-CRYPT"),
                Arguments.of("{SMD5}JTu1KRwptKZJg/RLd+6Vn5GUd0M=", "SMD5"),
                Arguments.of("{HMAC-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6", "HMAC-MD5"),
                Arguments.of("{PLAIN-MD4}db346d691d7acc4dc2625db19f9e3f52", "PLAIN-MD4"),
                Arguments.of("{PLAIN-MD5}098f6bcd4621d373cade4e832627b4f6", "PLAIN-MD5"),
                Arguments.of("{LDAP-MD5}CY9rzUYh03PK3k6DJie09g==", "LDAP-MD5"),
                Arguments.of("{DES-CRYPT}//EsnG9FLTKjo", "DES-CRYPT"),
                // crypt_verify refuses the formats, whatever the scheme name
                Arguments.of("{CRYPT}//EsnG9FLTKjo", "DES-CRYPT"),
                Arguments.of("{CRYPT}$1$wmyrgRuV$kImF6.9MAFQNHe23kq5vI/", "MD5-CRYPT"));
    }

    @Test
    void cramMd5IsNotWeakIn24AndArgon2Exists() {
        String[] e = new String[1];
        assertThat(chain("{CRAM-MD5}e02d374fde0dc75a17a557039a3a5338c7743304777dccd376f332bee68d2cf6", "test", null,
                V24, false, e)).isEqualTo(1);
        assertThat(chain("{ARGON2}$argon2id$v=19$m=65536,t=3,p=1$vBb99oJ12p3WAdYlaMHz1A$jtFOtbo/sYV9OSlTxDo/nVNq3uArHd5GJSEx0ty85Cc",
                "test", null, V24, false, e)).isEqualTo(1);
    }

    @Test
    void listHasEveryScheme() {
        assertThat(PasswordSchemes.names(V23)).hasSize(31).doesNotContain("ARGON2");
        assertThat(PasswordSchemes.names(V24)).hasSize(32).contains("ARGON2");
    }

    /** password_scheme_detect(): first match in the registry's order (as 2.3.19 logged it, cases 104/105). */
    @Test
    void detectFindsTheFirstMatchingScheme() {
        byte[] test = "test".getBytes(StandardCharsets.UTF_8);
        assertThat(PasswordSchemes.detect(test, "qUqP5cyxm6YcTAhz05Hph5gvu9M=", new Params("u", 0), V23, false))
                .isEqualTo("SHA1");
        assertThat(PasswordSchemes.detect(test, "test", new Params("u", 0), V23, false)).isEqualTo("PLAIN");
        assertThat(PasswordSchemes.detect("nope".getBytes(StandardCharsets.UTF_8),
                "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", new Params("u", 0), V23, false)).isNull();
    }

    @Test
    void weakRefusalHintFrom242ButNotForCryptFormats() {
        DovecotVersion v242 = DovecotVersion.parse("2.4.2");
        String[] e = new String[1];
        assertThat(chain("{PLAIN-MD5}098f6bcd4621d373cade4e832627b4f6", "test", null, v242, false, e)).isEqualTo(-1);
        assertThat(e[0]).isEqualTo("Weak password scheme 'PLAIN-MD5' used and refused "
                + "(Set auth_allow_weak_schemes=yes to allow)");
        assertThat(chain("{CRYPT}//EsnG9FLTKjo", "test", null, v242, false, e)).isEqualTo(-1);
        assertThat(e[0]).isEqualTo("Weak password scheme 'DES-CRYPT' used and refused");
    }
}
