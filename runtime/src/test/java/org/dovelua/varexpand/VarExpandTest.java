package org.dovelua.varexpand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * var_expand 2.3 (spec §9.1; src/lib/var-expand.c). Expected values are those real Dovecot 2.3.19
 * gave in differential case 100 for user alice.smith@ex.org, service imap, rip 10.0.0.1.
 */
class VarExpandTest {
    /** bytes()/text() skip the copy for ASCII: seeded strings of ASCII and not, as the full conversion gives. */
    @Test
    void byteStringsOfTextAndBackAsTheFullConversionGives() {
        Random random = new Random(20261206);
        char[] pool = {'a', 'Z', '%', '{', '}', '0', ' ', '\u007f', '\u0080', '\u00e4', '\u20ac', '\ud83d', '\ude00'};
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(pool[random.nextInt(pool.length)]);
            }
            String s = sb.toString();
            String full = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(VarExpand.bytes(s)).as("bytes(%s)", s).isEqualTo(full);
            assertThat(VarExpand.text(full)).as("text(bytes(%s))", s).isEqualTo(new String(
                    full.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static final long BASE_SEED = 0x7a2e_3d19L;

    static AuthRequest request(String user) {
        AuthRequest r = new AuthRequest(new AuthSettings());
        r.user = user;
        r.originalUsername = user;
        r.service = "imap";
        r.remoteIp = "10.0.0.1";
        r.localIp = "10.0.0.2";
        return r;
    }

    static String expand(String template) throws VarExpand.VarExpandException {
        return VarExpand.expand(template, AuthRequestVars.of(request("alice.smith@ex.org")), Map.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\t', quoteCharacter = '`', value = {
        "%Lu|%Uu|%Ru|%Mu|%Du|%Xu\talice.smith@ex.org|ALICE.SMITH@EX.ORG|gro.xe@htims.ecila|4412bc04b3992a73fbd2205d879b9821|alice,dc=smith@ex,dc=org|0",
        "%Hu|%4Hu|%.4Hu|%2.4Hu|%Nu|%4Nu|%2.8Nu\t5e9c5c7|3|3|03|b3992a73|3|03",
        "%5n|%05n|%-3n|%.-3n|%2.3n|%0.3n|%-2.1n|%1.-1n|%03.2n|%10d|%.10d\talice|alice.smith|ali|alice.sm|ice|ali|t|lice.smit|ce|ex.org|ex.org",
        "%{md5;format=base64:user}|%{sha1;truncate=12:user}|%{size:user}\tRBK8BLOZKnP70iBdh5uYIQ==|06b3|0000000000000012",
        "%{sha256;rounds=3:user}\tc328101413b5adadeeaa360f72f8100d00d979ae0ab56fe969df8a39946ad776",
        "%{md5;salt=%d:user}|%{md4:user}\tf497d054aaf29fdb50a124d9f6e034bd|ce9afd19ccd964d910e6ea75f345b368",
        "%{if;%n;eq;alice;yes;no}|%{if;%u;*;*@ex.org;dom;other}|%{if;5;<;10;lt;ge}|%{if;%s;~;^im;re;nore}|%{if;%n;ne;bob;notbob}\tno|dom|lt|re|notbob",
        "%{if;%{service};eq;imap;%{user};x}|%{if;a\\;b;eq;a\\;b;esc;noesc}|%{if;-3;>=;-4;ge;lt}\talice.smith@ex.org|esc|ge",
        "%{nonexistent}|%z|%{foo:bar}|%{MD5:user}|%{passdb:missing:dflt}|%{env:NOPE}\tUNSUPPORTED_VARIABLE_nonexistent|UNSUPPORTED_VARIABLE_z|UNSUPPORTED_VARIABLE_foo||dflt|",
        "%{user|%\tUNSUPPORTED_VARIABLE_{user|",
        "%%|%\t%|",
    })
    void expandsAsDovecot2319(String template, String expected) throws Exception {
        assertThat(expand(template)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\t', value = {
        "%{if;a;eq}\tif: requires four or five parameters, got 2",
        "%{if;a;??;b;c;d}\tif: Unsupported comparator '??'",
        "%{if;x;<;1;a;b}\tif: x (lhs) is not a number",
        "%{if;1;<;y;a;b}\tif: y (rhs) is not a number",
        "%{if}\tif: missing parameter(s)",
        "%{md5;rounds=x:user}\tCannot parse hash arguments:'x' is not number for rounds",
        "%{md5;format=foo:user}\tCannot parse hash arguments:'foo' is not supported format",
        "%{md5;rounds=0:user}\tCannot parse hash arguments:rounds must be at least 1",
        "%{sha1;truncate=7;format=base64:user}\tCannot parse hash arguments:'7;format=base64' is not number for truncbits",
    })
    void errorsAsDovecot2319(String template, String error) {
        assertThatThrownBy(() -> expand(template)).isInstanceOf(VarExpand.VarExpandException.class).hasMessage(error);
    }

    @Test
    void passdbAndUserdbFields() throws Exception {
        AuthRequest r = request("bob");
        r.extraFields.add("quota", "1G", false);
        assertThat(VarExpand.expand("%{passdb:quota}|%{passdb:none:x}|%{userdb:home:/h}", AuthRequestVars.of(r), Map.of()))
                .isEqualTo("1G|x|/h");
    }

    /** Random text without '%' is copied; '%%' always gives '%'; widths never grow a value. */
    @TestFactory
    Stream<DynamicTest> properties() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long seed = BASE_SEED + i;
            tests.add(DynamicTest.dynamicTest("seed=" + seed, () -> {
                Random rnd = new Random(seed);
                String alphabet = "abcXYZ{}:;.-0123 äö€\\";
                StringBuilder plain = new StringBuilder();
                for (int k = rnd.nextInt(30); k > 0; k--) {
                    plain.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String why = "seed=" + seed + " text=" + plain;
                assertThat(expand(plain.toString())).as(why).isEqualTo(plain.toString());
                assertThat(expand(plain + "%%" + plain)).as(why).isEqualTo(plain + "%" + plain);
                int width = 1 + rnd.nextInt(25);
                String full = expand("%u");
                String cut = expand("%" + width + "u");
                assertThat(cut).as(why + " width=" + width).isEqualTo(full.substring(0, Math.min(width, full.length())));
                int off = rnd.nextInt(25);
                assertThat(expand("%" + off + ".u")).as(why + " offset=" + off)
                        .isEqualTo(off >= full.length() ? "" : full.substring(off));
                assertThat(expand("%-" + off + ".u")).as(why + " -offset=" + off)
                        .isEqualTo(off == 0 || off >= full.length() ? full : full.substring(full.length() - off));
                // %{if} picks the branch strcmp decides
                String a = plain.toString().replaceAll("[{}:;%\\\\]", "");
                String b = a + (rnd.nextBoolean() ? "" : "x");
                assertThat(expand("%{if;" + a + ";eq;" + b + ";T;F}")).as(why).isEqualTo(a.equals(b) ? "T" : "F");
            }));
        }
        return tests.stream();
    }
}
