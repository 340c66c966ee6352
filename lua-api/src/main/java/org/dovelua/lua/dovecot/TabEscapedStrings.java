package org.dovelua.lua.dovecot;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * lib/strescape.c's tab escaping on the bytes of a C string, as 2.4's {@code dovecot.tabescape},
 * {@code tabunescape} and {@code split_tabescaped} call it: {@code str_tabescape()},
 * {@code t_str_tabunescape()} and {@code t_strsplit_tabescaped()}.
 */
public final class TabEscapedStrings {
    private TabEscapedStrings() {
    }

    /** {@code str_tabescape()}: 0x01, TAB, CR and LF become {@code \001} + {@code 1 t r n}. */
    public static byte[] escape(byte[] s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length + 8);
        for (byte b : s) {
            switch (b) {
                case 1 -> out.write(new byte[] {1, '1'}, 0, 2);
                case '\t' -> out.write(new byte[] {1, 't'}, 0, 2);
                case '\r' -> out.write(new byte[] {1, 'r'}, 0, 2);
                case '\n' -> out.write(new byte[] {1, 'n'}, 0, 2);
                default -> out.write(b);
            }
        }
        return out.toByteArray();
    }

    /**
     * {@code str_tabunescape()}: {@code \001} + {@code 0 1 t r n} give NUL, 0x01, TAB, CR, LF; with
     * any other byte, that byte; a {@code \001} at the end is dropped. A NUL in the result ends the
     * C string {@code lua_pushstring} reads, which {@link #cString} applies.
     */
    public static byte[] unescape(byte[] s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length);
        for (int i = 0; i < s.length; i++) {
            if (s[i] != 1) {
                out.write(s[i]);
                continue;
            }
            if (++i == s.length) {
                break;
            }
            out.write(switch (s[i]) {
                case '0' -> 0;
                case '1' -> 1;
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> s[i];
            });
        }
        return out.toByteArray();
    }

    /**
     * {@code t_strsplit_tabescaped()}: the fields between raw TABs, each unescaped; an empty
     * string has no fields at all.
     */
    public static List<byte[]> split(byte[] s) {
        List<byte[]> out = new ArrayList<>();
        if (s.length == 0) {
            return out;
        }
        int from = 0;
        for (int i = 0; i <= s.length; i++) {
            if (i == s.length || s[i] == '\t') {
                byte[] field = new byte[i - from];
                System.arraycopy(s, from, field, 0, field.length);
                out.add(unescape(field));
                from = i + 1;
            }
        }
        return out;
    }

    /** The C string in {@code b}: the bytes before its first NUL ({@code strlen}). */
    public static byte[] cString(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                byte[] c = new byte[i];
                System.arraycopy(b, 0, c, 0, i);
                return c;
            }
        }
        return b;
    }
}
