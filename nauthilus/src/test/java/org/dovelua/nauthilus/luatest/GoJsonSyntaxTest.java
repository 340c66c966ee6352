package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.dovelua.nauthilus.GoJsonSyntax;
import org.junit.jupiter.api.Test;

/** Go's encoding/json scanner texts (scanner.go), which json.Unmarshal reports before decoding. */
class GoJsonSyntaxTest {
    private static String check(String s) {
        return GoJsonSyntax.check(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validDocuments() {
        assertThat(check("{}")).isNull();
        assertThat(check(" {\"a\": [1, -2.5e+3, true, false, null, \"x\\u00e9\\n\"], \"b\": {}} \n")).isNull();
        assertThat(check("12")).isNull();
        assertThat(check("[]")).isNull();
    }

    @Test
    void goTexts() {
        assertThat(check("")).isEqualTo("unexpected end of JSON input");
        assertThat(check("{\"a\": ")).isEqualTo("unexpected end of JSON input");
        assertThat(check("{\"a\": 1,}")).isEqualTo("invalid character '}' looking for beginning of object key string");
        assertThat(check("{a: 1}")).isEqualTo("invalid character 'a' looking for beginning of object key string");
        assertThat(check("{\"a\" 1}")).isEqualTo("invalid character '1' after object key");
        assertThat(check("{\"a\": 1 \"b\": 2}")).isEqualTo("invalid character '\"' after object key:value pair");
        assertThat(check("[1 2]")).isEqualTo("invalid character '2' after array element");
        assertThat(check("[1,]")).isEqualTo("invalid character ']' looking for beginning of value");
        assertThat(check("{} x")).isEqualTo("invalid character 'x' after top-level value");
        assertThat(check("{\"a\": tru}")).isEqualTo("invalid character '}' in literal true (expecting 'e')");
        assertThat(check("tru")).isEqualTo("invalid character ' ' in literal true (expecting 'e')");
        assertThat(check("{\"a\": 01}")).isEqualTo("invalid character '1' after object key:value pair");
        assertThat(check("{\"a\": 1.}")).isEqualTo("invalid character '}' after decimal point in numeric literal");
        assertThat(check("{\"a\": \"\\x\"}")).isEqualTo("invalid character 'x' in string escape code");
        assertThat(check("{\"a\": \"\t\"}")).isEqualTo("invalid character '\\t' in string literal");
        assertThat(check("// c\n{}")).isEqualTo("invalid character '/' looking for beginning of value");
        assertThat(check("{'a': 1}")).isEqualTo("invalid character '\\'' looking for beginning of object key string");
    }
}
