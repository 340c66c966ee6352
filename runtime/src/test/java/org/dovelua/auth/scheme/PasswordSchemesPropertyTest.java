package org.dovelua.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dovelua.auth.scheme.PasswordScheme.Params;
import org.dovelua.lib.DovecotBase64;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every scheme: generate → encode → decode → verify holds for arbitrary byte passwords (C
 * strings, so no NUL), and a different password does not verify. Seeded; the seed is in the name
 * and in every failure message.
 */
class PasswordSchemesPropertyTest {
    static final DovecotVersion V = DovecotVersion.parse("2.4.0");
    private static final long BASE_SEED = 0x5eed_d0e1L;

    static byte[] password(Random rnd) {
        byte[] b = new byte[rnd.nextInt(rnd.nextBoolean() ? 12 : 90)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (1 + rnd.nextInt(255));
        }
        return b;
    }

    @TestFactory
    Stream<DynamicTest> generateThenVerify() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String scheme : PasswordSchemes.names(V)) {
            // Argon2 costs 32-64 MiB per hash: fewer cases
            int cases = scheme.startsWith("ARGON2") ? 2 : scheme.contains("CRYPT") || scheme.startsWith("SCRAM")
                    || scheme.equals("PBKDF2") || scheme.equals("MD5") ? 6 : 25;
            for (int i = 0; i < cases; i++) {
                long seed = BASE_SEED + 7919L * i + scheme.hashCode();
                tests.add(DynamicTest.dynamicTest(scheme + " seed=" + seed, () -> roundTrip(scheme, seed)));
            }
        }
        return tests.stream();
    }

    private static void roundTrip(String scheme, long seed) {
        Random rnd = new Random(seed);
        byte[] pw = password(rnd);
        byte[] other = password(rnd);
        if (Arrays.equals(pw, other)) {
            other = Arrays.copyOf(other, other.length + 1);
            other[other.length - 1] = 'x';
        }
        // PLAIN-TRUNC stores the whole password without a length prefix when generated
        String user = "u" + rnd.nextInt(1000) + (rnd.nextBoolean() ? "@realm" + rnd.nextInt(9) : "");
        Params params = new Params(user, 0);
        String why = scheme + " seed=" + seed + " pw=" + HexFormat.of().formatHex(pw);
        byte[] stored = PasswordSchemes.generateEncodedBytes(pw, scheme, params, V);
        assertThat(stored).as(why).isNotNull();
        PasswordSchemes.Decoded d = PasswordSchemes.decode(stored, scheme, V);
        assertThat(d.ret()).as(why + " decode " + d.error()).isEqualTo(1);
        String[] e = new String[1];
        if (scheme.equals("PLAIN-TRUNC")) {
            // plain_generate writes no "<N>-" prefix, so Dovecot's own verify refuses it
            assertThat(PasswordSchemes.verify(pw, scheme, d.raw(), params, V, true, e)).as(why).isEqualTo(-1);
            return;
        }
        assertThat(PasswordSchemes.verify(pw, scheme, d.raw(), params, V, true, e)).as(why + " " + e[0]).isEqualTo(1);
        int ret = PasswordSchemes.verify(other, scheme, d.raw(), params, V, true, e);
        if (scheme.equals("DES-CRYPT") || scheme.contains("BLF") || scheme.equals("CRYPT")) {
            // DES reads 8 characters of 7 bits, bcrypt 72 bytes: equal prefixes collide by design
            return;
        }
        assertThat(ret).as(why + " other=" + HexFormat.of().formatHex(other)).isEqualTo(0);
        assertThat(e[0]).isEqualTo("Password mismatch");
    }

    /** DovecotBase64 decodes what it encodes, with whitespace anywhere, and refuses missing padding. */
    @TestFactory
    Stream<DynamicTest> base64RoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long seed = BASE_SEED + i;
            tests.add(DynamicTest.dynamicTest("seed=" + seed, () -> {
                Random rnd = new Random(seed);
                byte[] data = new byte[rnd.nextInt(40)];
                rnd.nextBytes(data);
                String enc = DovecotBase64.encode(data);
                StringBuilder spaced = new StringBuilder();
                for (char c : enc.toCharArray()) {
                    if (rnd.nextInt(5) == 0) {
                        spaced.append(" \t\r\n".charAt(rnd.nextInt(4)));
                    }
                    spaced.append(c);
                }
                assertThat(DovecotBase64.decode(spaced.toString().getBytes())).as("seed=" + seed).isEqualTo(data);
                if (enc.endsWith("=")) {
                    assertThat(DovecotBase64.decode(enc.replace("=", "").getBytes())).as("seed=" + seed).isNull();
                }
            }));
        }
        return tests.stream();
    }
}
