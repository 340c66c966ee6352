package org.dovelua.lua.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * lib/strescape.c's tab escaping on bytes; the literal answers are real 2.4.1's and 2.4.5's
 * (differential cases 471/472), the properties hold for str_tabescape/t_str_tabunescape/
 * t_strsplit_tabescaped by construction.
 */
class TabEscapedStringsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void escapesTheFourControlBytesOnly() {
        assertThat(s(TabEscapedStrings.escape(b("a\tb")))).isEqualTo("a\001tb");
        assertThat(s(TabEscapedStrings.escape(b("\001\t\r\n")))).isEqualTo("\0011\001t\001r\001n");
        assertThat(s(TabEscapedStrings.escape(b("\002\033\177\\\377")))).isEqualTo("\002\033\177\\\377");
        assertThat(s(TabEscapedStrings.escape(b("")))).isEmpty();
    }

    @Test
    void unescapesAsStrTabunescapeFrom() {
        assertThat(s(TabEscapedStrings.unescape(b("a\001nb\001rc")))).isEqualTo("a\nb\rc");
        assertThat(s(TabEscapedStrings.unescape(b("\0011")))).isEqualTo("\001");
        assertThat(s(TabEscapedStrings.unescape(b("a\001xb")))).isEqualTo("axb");
        assertThat(s(TabEscapedStrings.unescape(b("ab\001")))).isEqualTo("ab"); // truncated input
        assertThat(s(TabEscapedStrings.unescape(b("\001\001t")))).isEqualTo("\001t");
        // \001 0 is a NUL, where lua_pushstring ends the result (real: "zero=ok:")
        assertThat(s(TabEscapedStrings.cString(TabEscapedStrings.unescape(b("\0010abc"))))).isEmpty();
    }

    @Test
    void splitsAtRawTabsThenUnescapes() {
        assertThat(strings(TabEscapedStrings.split(b("")))).isEmpty();
        assertThat(strings(TabEscapedStrings.split(b("\t")))).containsExactly("", "");
        assertThat(strings(TabEscapedStrings.split(b("a\t\tb")))).containsExactly("a", "", "b");
        assertThat(strings(TabEscapedStrings.split(b("a\001tb\tc\001nd")))).containsExactly("a\tb", "c\nd");
        assertThat(strings(TabEscapedStrings.split(b("a\001")))).containsExactly("a");
        // an escape byte before a raw TAB does not escape it
        assertThat(strings(TabEscapedStrings.split(b("a\001\tb")))).containsExactly("a", "b");
    }

    @Test
    void escapeThenUnescapeIsTheIdentityAndSplitUndoesAJoin() {
        Random r = new Random(2026_12_06L);
        for (int round = 0; round < 2000; round++) {
            List<byte[]> fields = new ArrayList<>();
            int n = 1 + r.nextInt(5);
            for (int f = 0; f < n; f++) {
                byte[] v = new byte[r.nextInt(12)];
                for (int i = 0; i < v.length; i++) {
                    // no NUL (a C string's end); the four escaped bytes often
                    v[i] = r.nextInt(3) == 0 ? new byte[] {1, '\t', '\r', '\n'}[r.nextInt(4)] : (byte) (1 + r.nextInt(255));
                }
                fields.add(v);
            }
            byte[] first = fields.get(0);
            assertThat(TabEscapedStrings.unescape(TabEscapedStrings.escape(first))).isEqualTo(first);
            assertThat(TabEscapedStrings.escape(first)).doesNotContain((byte) '\t', (byte) '\r', (byte) '\n');
            StringBuilder line = new StringBuilder();
            for (int f = 0; f < n; f++) {
                line.append(f == 0 ? "" : "\t").append(s(TabEscapedStrings.escape(fields.get(f))));
            }
            if (n == 1 && first.length == 0) {
                continue; // an empty line has no fields
            }
            assertThat(strings(TabEscapedStrings.split(b(line.toString())))).isEqualTo(strings(fields));
        }
    }

    private static List<String> strings(List<byte[]> l) {
        return l.stream().map(TabEscapedStringsTest::s).toList();
    }
}
