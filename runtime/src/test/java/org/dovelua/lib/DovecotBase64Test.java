package org.dovelua.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.dovelua.lib.DovecotBase64.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * base64.c's decoder (base64_scheme_decode(): decode_more, then decode_finish). Every example's
 * return value and output bytes were recorded from src/lib/base64.c of 2.3.19.1 (the same file in
 * 2.4.1) compiled with gcc; 20,000 generated inputs over all flag combinations and both schemes
 * agreed with it too.
 */
class DovecotBase64Test {
    /** flags: 1 EXPECT_BOUNDARY, 2 NO_WHITESPACE, 4 NO_PADDING, 8 IGNORE_PADDING. */
    @ParameterizedTest(name = "[{index}] flags={0} url={1} ''{2}'' -> {3} {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "0|false|``|0|``",
        "0|false|QQ==|0|41",
        "0|false|QQ=|-1|41",          // one '=' where two are needed: finish sees a partial group
        "0|false|QQ|-1|41",           // no padding: the complete byte is still appended
        "0|false|Q|-1|``",
        "0|false|QUI=|0|4142",
        "0|false|QUJD|0|414243",
        "0|false|QU JD|0|414243",     // whitespace anywhere is skipped
        "0|false|QQ= =|0|41",         // even inside the padding
        "0|false|`QQ==\n`|0|41",
        "0|false|QQ==QQ==|-1|41",     // nothing but whitespace after the padding
        "0|false|Q===|-1|``",
        "0|false|QUJD=|-1|414243",    // no padding expected after a complete group
        "0|false|QU=D|-1|41",
        "0|false|=QUJD|-1|``",
        "0|false|` \t\r\n`|0|``",
        "0|false|QUJD*|-1|414243",
        "0|false|-_-_|-1|``",
        "0|true|-_-_|0|fbffbf",
        "0|true|+/+/|-1|``",
        "2|false|QU JD|-1|41",        // NO_WHITESPACE
        "2|false|`QQ==\n`|-1|41",
        "2|false|QQ= =|-1|41",
        "4|false|QQ==|-1|41",         // NO_PADDING
        "4|false|QQ|0|41",
        "4|false|QUJD|0|414243",
        "8|false|QQ|0|41",            // IGNORE_PADDING
        "8|false|QQ=|0|41",
        "8|false|QQ==|0|41",
        "1|false|QUJD:rest|0|414243", // EXPECT_BOUNDARY: stops at the first byte outside base64
        "1|false|QQ==:rest|0|41",
        "1|false|QQ:rest|-1|41",      // ... and still wants the padding
        "1|false|Q:rest|-1|``",
    })
    void decodesAsBase64C(int flags, boolean url, String input, int ret, String hex) {
        DovecotBase64.Decoded d = DovecotBase64.decode(url ? Scheme.BASE64URL : Scheme.BASE64, flags,
                input.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(d.ret()).isEqualTo(ret);
        assertThat(HexFormat.of().formatHex(d.bytes())).isEqualTo(hex);
    }

    @Test
    void base64DecodeIsNullOnErrorAndTBase64DecodeStrKeepsWhatItHas() {
        assertThat(DovecotBase64.decode("QQ=".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(DovecotBase64.decodeIgnoringErrors(Scheme.BASE64, 0, "QQ=".getBytes(StandardCharsets.US_ASCII)))
                .containsExactly('A');
    }

    /** Seeded: what the JDK encodes decodes back, with any whitespace sprinkled in (flags 0). */
    @Test
    void decodesWhatIsEncodedWithWhitespaceAnywhere() {
        long seed = 64;
        Random rnd = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            byte[] raw = new byte[rnd.nextInt(40)];
            rnd.nextBytes(raw);
            boolean url = rnd.nextBoolean();
            String enc = (url ? Base64.getUrlEncoder() : Base64.getEncoder()).encodeToString(raw);
            StringBuilder spaced = new StringBuilder();
            for (char c : enc.toCharArray()) {
                if (rnd.nextInt(6) == 0) {
                    spaced.append(" \t\r\n".charAt(rnd.nextInt(4)));
                }
                spaced.append(c);
            }
            DovecotBase64.Decoded d = DovecotBase64.decode(url ? Scheme.BASE64URL : Scheme.BASE64, 0,
                    spaced.toString().getBytes(StandardCharsets.US_ASCII));
            assertThat(d.ret()).as("seed %d: %s", seed, spaced).isZero();
            assertThat(d.bytes()).as("seed %d: %s", seed, spaced).isEqualTo(raw);
        }
    }
}
