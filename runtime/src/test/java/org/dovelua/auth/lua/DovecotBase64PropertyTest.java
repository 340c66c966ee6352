package org.dovelua.auth.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * {@code dovecot.base64} against java.util.Base64 where Dovecot's base64.c agrees with it: the
 * encoder (max_line_len UINT_MAX: one line, padded) on any bytes, and the decoder on any padded
 * encoding, also with the whitespace base64.c skips. Seeded.
 */
class DovecotBase64PropertyTest {
    private static LuaString bytes(byte[] b) {
        return LuaString.valueUsing(b);
    }

    private static byte[] bytes(LuaValue v) {
        LuaString s = v.checkstring();
        byte[] b = new byte[s.rawlen()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    @Test
    void roundTripsAgreeWithJavaUtilBase64() {
        for (int seed = 0; seed < 500; seed++) {
            Random rnd = new Random(seed);
            byte[] data = new byte[rnd.nextInt(300)];
            rnd.nextBytes(data);
            String java = Base64.getEncoder().encodeToString(data);
            String encoded = DovecotLibByVersion.base64Encode(bytes(data)).arg1().tojstring();
            assertThat(encoded).as("seed %d", seed).isEqualTo(java);
            assertThat(bytes(DovecotLibByVersion.base64Decode(LuaValue.valueOf(java)).arg1())).as("seed %d", seed)
                    .isEqualTo(data);
            StringBuilder spaced = new StringBuilder();
            for (char c : java.toCharArray()) {
                spaced.append(c);
                if (rnd.nextInt(8) == 0) {
                    spaced.append(" \t\r\n".charAt(rnd.nextInt(4)));
                }
            }
            assertThat(bytes(DovecotLibByVersion.base64Decode(LuaValue.valueOf(spaced.toString())).arg1()))
                    .as("seed %d: %s", seed, spaced).isEqualTo(data);
        }
    }
}
