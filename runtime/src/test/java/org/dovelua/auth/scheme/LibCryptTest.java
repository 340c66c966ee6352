package org.dovelua.auth.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The checks libxcrypt's do_crypt() (crypt.c) makes before any hash; values from python3's crypt. */
class LibCryptTest {
    private static String crypt(String pw, String setting) {
        return LibCrypt.crypt(pw.getBytes(StandardCharsets.ISO_8859_1), setting);
    }

    @Test
    void settingsWithBadCharactersFail() {
        assertThat(crypt("pw", "$6$sa;lt")).isEqualTo("*0");
        assertThat(crypt("pw", "$6$sa lt")).isEqualTo("*0");
        assertThat(crypt("pw", "$6$sa\\lt")).isEqualTo("*0");
        assertThat(crypt("pw", "$6$salt:")).isEqualTo("*0");
        assertThat(crypt("pw", "$6$salt")).startsWith("$6$salt$");
    }

    @Test
    void passphrasesOf512BytesOrMoreFail() {
        assertThat(crypt("x".repeat(511), "$6$salt")).startsWith("$6$salt$gj8yl86N5SjY");
        assertThat(crypt("x".repeat(512), "$6$salt")).isEqualTo("*0");
    }

    @Test
    void failureTokenAvoidsTheSetting() {
        assertThat(crypt("pw", "*0")).isEqualTo("*1");
        assertThat(crypt("pw", "$y$j9T$ab")).isEqualTo("*0");
    }
}
