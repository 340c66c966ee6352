package org.dovelua.lua.lua54;

import java.io.ByteArrayOutputStream;
import org.dovelua.lua.lua54.Lua54Lexer.Kind;
import org.dovelua.lua.lua54.Lua54Lexer.Token;

/**
 * The string escape Lua 5.3 added and LuaJ 3.0.1's lexer lacks: {@code \\u{XXX}}, the UTF-8
 * bytes of code point XXX (up to 2^31, llex.c {@code readutf8esc}), written as the decimal
 * escapes LuaJ knows ({@code "\\u{E4}"} becomes {@code "\\195\\164"}). Only short strings are
 * touched (long strings have no escapes) and no newline is added or removed.
 */
final class Lua54Escapes {
    private Lua54Escapes() {
    }

    /** The source with every {@code \\u{...}} in a short string spelled as decimal escapes. */
    static String rewrite(String src) {
        if (!src.contains("\\u{")) {
            return src;
        }
        java.util.List<Token> toks;
        try {
            toks = Lua54Lexer.tokens(src);
        } catch (Lua54Lexer.LexError e) {
            return src; // LuaJ's lexer reports it at its line
        }
        StringBuilder out = new StringBuilder(src.length());
        int at = 0;
        for (Token t : toks) {
            if (t.kind() == Kind.STRING && (t.text().startsWith("'") || t.text().startsWith("\""))
                    && t.text().contains("\\u{")) {
                out.append(src, at, t.start()).append(string(t.text()));
                at = t.end();
            }
        }
        return out.append(src, at, src.length()).toString();
    }

    private static String string(String lit) {
        StringBuilder sb = new StringBuilder(lit.length());
        int i = 0;
        while (i < lit.length()) {
            char c = lit.charAt(i);
            if (c != '\\' || i + 1 >= lit.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char n = lit.charAt(i + 1);
            int close = n == 'u' && i + 2 < lit.length() && lit.charAt(i + 2) == '{' ? lit.indexOf('}', i + 3) : -1;
            if (close < 0) {
                sb.append(c).append(n); // any other escape, copied as written
                i += 2;
                continue;
            }
            String hex = lit.substring(i + 3, close);
            long code;
            try {
                code = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (hex.isEmpty() || code < 0 || code > 0x7FFFFFFFL) {
                sb.append(c).append(n); // malformed: LuaJ's lexer rejects it
                i += 2;
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Utf8Lib.encode(code, bytes);
            for (byte b : bytes.toByteArray()) {
                sb.append('\\').append(String.format("%03d", b & 0xFF));
            }
            i = close + 1;
        }
        return sb.toString();
    }
}
