package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.lua54.vm.Lua54Numerals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * luajson's lpeg grammar, run by hand: {@code Ct((ignored * lexer)^0 * Cc(marker)) * ignored *
 * (P(-1) + unexpected())} (json/decode.lua), where the lexer is the ordered choice of
 * composite.lua, strings.lua, number.lua and others.lua. The whole text is tokenised before any
 * token is interpreted, as lpeg matches before the decoder loop runs, so a lexical error anywhere
 * wins over a structural one earlier in the text. Errors are the match-time functions' texts,
 * positioned in the files that raise them.
 */
final class LuajsonLexer {
    static final String UTIL_LUA = LuajsonDecodeLib.DIR + "decode/util.lua:35: ";
    static final String STRINGS_LUA = LuajsonDecodeLib.DIR + "decode/strings.lua:24: ";

    /** The actions composite.lua captures. */
    enum Action { BEGIN_ARRAY, END_ARRAY, BEGIN_OBJECT, END_OBJECT, SET_KEY, NEXT_VALUE }

    /** One capture: an action, or a value (which may be nil). */
    record Token(Action action, LuaValue value) {
    }

    private final byte[] s;
    private final LuajsonDecodeOptions o;
    private final List<Token> tokens = new ArrayList<>();

    private LuajsonLexer(byte[] s, LuajsonDecodeOptions o) {
        this.s = s;
        this.o = o;
    }

    /** The captures of the whole text, or the error the grammar raises. */
    static List<Token> tokens(byte[] text, LuajsonDecodeOptions options) {
        LuajsonLexer lexer = new LuajsonLexer(text, options);
        int pos = 0;
        while (true) {
            int end = lexer.lexOne(lexer.ignored(pos));
            if (end < 0) {
                break; // (ignored * lexer)^0 gives back the failed iteration's whitespace
            }
            pos = end;
        }
        pos = lexer.ignored(pos);
        if (pos < text.length) {
            throw lexer.report("unexpected character", pos);
        }
        return lexer.tokens;
    }

    private int at(int i) {
        return i < s.length ? s[i] & 0xff : -1;
    }

    private boolean lit(int i, String word) {
        if (i + word.length() > s.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (s[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** util.lua's {@code ascii_ignored} / {@code unicode_ignored}: spaces and both comment forms. */
    private int ignored(int i) {
        while (true) {
            int n = space(i);
            if (n == 0) {
                n = comment(i);
            }
            if (n == 0) {
                return i;
            }
            i += n;
        }
    }

    private int space(int i) {
        int c = at(i);
        if (c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == ' ') {
            return 1;
        }
        if (!o.unicodeWhitespace()) {
            return 0;
        }
        int c1 = at(i + 1);
        int c2 = at(i + 2);
        if (c == 0xC2 && (c1 == 0x85 || c1 == 0xA0)) {
            return 2;
        }
        if (c == 0xE1 && ((c1 == 0x9A && c2 == 0x80) || (c1 == 0xA0 && c2 == 0x8E))) {
            return 3;
        }
        if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8B) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) {
            return 3;
        }
        if ((c == 0xE2 && c1 == 0x81 && c2 == 0x9F) || (c == 0xE3 && c1 == 0x80 && c2 == 0x80)
                || (c == 0xEF && c1 == 0xBB && c2 == 0xBF)) {
            return 3;
        }
        return 0;
    }

    /** {@code comments.cpp} (needs its newline) and {@code comments.c} (needs its end). */
    private int comment(int i) {
        if (lit(i, "//")) {
            for (int j = i + 2; j < s.length; j++) {
                if (s[j] == '\n') {
                    return j + 1 - i;
                }
            }
        } else if (lit(i, "/*")) {
            for (int j = i + 2; j + 1 < s.length; j++) {
                if (s[j] == '*' && s[j + 1] == '/') {
                    return j + 2 - i;
                }
            }
        }
        return 0;
    }

    /** One lexer alternative at {@code i}: the end of its match, or -1 when none matches. */
    private int lexOne(int i) {
        Action a = switch (at(i)) {
            case '[' -> Action.BEGIN_ARRAY;
            case ']' -> Action.END_ARRAY;
            case '{' -> Action.BEGIN_OBJECT;
            case '}' -> Action.END_OBJECT;
            case ':' -> Action.SET_KEY;
            case ',' -> Action.NEXT_VALUE;
            default -> null;
        };
        if (a != null) {
            tokens.add(new Token(a, null));
            return i + 1;
        }
        int end;
        if (o.objectIdentifier() && (end = identifierKey(i)) >= 0) {
            return end;
        }
        if ((end = string(i)) >= 0 || (end = number(i)) >= 0) {
            return end;
        }
        return others(i);
    }

    /** composite.lua: {@code C(identifier) * ignored * P(":") * Cc(SET_KEY)}. */
    private int identifierKey(int i) {
        int j = i;
        if (!identStart(at(j))) {
            return -1;
        }
        while (identStart(at(j)) || (at(j) >= '0' && at(j) <= '9')) {
            j++;
        }
        int colon = ignored(j);
        if (at(colon) != ':') {
            return -1;
        }
        tokens.add(new Token(null, LuaString.valueOf(java.util.Arrays.copyOfRange(s, i, j))));
        tokens.add(new Token(Action.SET_KEY, null));
        return colon + 1;
    }

    private static boolean identStart(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    /** strings.lua's {@code buildCaptureString} for each permitted quote. */
    private int string(int i) {
        int quote = at(i);
        if (quote != '"' && (quote != '\'' || o.strictQuotes())) {
            return -1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int j = i + 1;
        while (true) {
            int c = at(j);
            if (c == '\\') {
                int next = escape(j + 1, out);
                if (next < 0) {
                    break; // an escape no alternative takes ends the string's characters
                }
                j = next;
            } else if (c < 0 || c == quote || bad(c)) {
                break;
            } else {
                out.write(c);
                j++;
            }
        }
        if (at(j) != quote) {
            return -1;
        }
        tokens.add(new Token(null, LuaString.valueOf(out.toByteArray())));
        return j + 1;
    }

    private boolean bad(int c) {
        for (byte b : o.badChars()) {
            if ((b & 0xff) == c) {
                return true;
            }
        }
        return false;
    }

    /** {@code escapeCheck * escapeMatch + bad_escape} after a backslash: the end, or -1. */
    private int escape(int i, ByteArrayOutputStream out) {
        int c = at(i);
        if (o.escapeCheck() != null && (c < 0 || o.escapeCheck().indexOf(c) < 0)) {
            throw stringError("Illegal escape", i);
        }
        String simple = "'\"\\/bfnrtvz";
        int k = c < 0 ? -1 : simple.indexOf(c);
        if (k >= 0) {
            // knownReplacements; its z = '\z' is the empty string (the \z eats the line's end)
            String rep = "'\"\\/\b\f\n\r\t\u000b";
            if (c != 'z') {
                out.write(rep.charAt(k));
            }
            return i + 1;
        }
        if (c == 'x') {
            if (!hexpair(i + 1)) {
                throw stringError("Illegal hex escape", i + 1);
            }
            out.write(Integer.parseInt(new String(s, i + 1, 2, StandardCharsets.ISO_8859_1), 16));
            return i + 3;
        }
        if (c == 'u') {
            if (!hexpair(i + 1) || !hexpair(i + 3)) {
                throw stringError("Illegal unicode escape", i + 1);
            }
            String hi = new String(s, i + 1, 2, StandardCharsets.ISO_8859_1);
            String lo = new String(s, i + 3, 2, StandardCharsets.ISO_8859_1);
            LuaValue r = o.decodeUnicode().call(LuaValue.valueOf(hi), LuaValue.valueOf(lo));
            if (!r.toboolean()) {
                out.writeBytes(("u" + hi + lo).getBytes(StandardCharsets.ISO_8859_1)); // lpeg's Cs keeps the match
            } else if (r.isstring()) {
                LuaString str = r.strvalue();
                byte[] b = new byte[str.m_length];
                str.copyInto(0, b, 0, b.length);
                out.writeBytes(b);
            } else {
                throw new LuaError("invalid replacement value (a " + r.typename() + ")"); // lpcap.c's addonestring
            }
            return i + 5;
        }
        return -1;
    }

    private boolean hexpair(int i) {
        return hex(at(i)) && hex(at(i + 1));
    }

    private static boolean hex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    private int digits(int i) {
        int j = i;
        while (digit(at(j))) {
            j++;
        }
        return j;
    }

    /** number.lua's {@code generateLexer}. */
    private int number(int i) {
        boolean hexAhead = (lit(i, "0x") || lit(i, "0X")) && hex(at(i + 2));
        if (hexAhead) {
            if (!o.hex()) {
                throw denied("Hexadecimal", "number.hex", i);
            }
            int j = i + 2;
            while (hex(at(j))) {
                j++;
            }
            return numeral(i, j);
        }
        int j = integer(i);
        if (j >= 0) {
            int f = at(j) == '.' && digit(at(j + 1)) ? digits(j + 1) : -1;
            if (f >= 0) {
                if (!o.frac()) {
                    throw denied("Fractions", "number.frac", j);
                }
                j = f;
            }
            int e = exponent(j);
            if (e >= 0) {
                if (!o.exp()) {
                    throw denied("Exponents", "number.exp", j);
                }
                j = e;
            }
            return numeral(i, j);
        }
        boolean nan = (at(i) | 0x20) == 'n' && (at(i + 1) | 0x20) == 'a' && (at(i + 2) | 0x20) == 'n';
        if (nan) {
            if (!o.nan()) {
                throw denied("NaN", "number.nan", i);
            }
            // 0/0 as amd64 computes it: the sign bit set, printed "-nan"
            return value(LuaValue.valueOf(Double.longBitsToDouble(0xfff8000000000000L)), i + 3);
        }
        boolean ninf = at(i) == '-' && (at(i + 1) | 0x20) == 'i' && lit(i + 2, "nfinity");
        boolean inf = (at(i) | 0x20) == 'i' && lit(i + 1, "nfinity");
        if (ninf || inf) {
            if (!o.inf()) {
                throw denied("+/-Inf", "number.inf", i);
            }
            return ninf ? value(LuaValue.valueOf(Double.NEGATIVE_INFINITY), i + 9)
                    : value(LuaValue.valueOf(Double.POSITIVE_INFINITY), i + 8);
        }
        return -1;
    }

    /** {@code int}: an optional '-', then a digit, or 1-9 and more digits; a 0 with digits after is denied. */
    private int integer(int i) {
        int j = at(i) == '-' ? i + 1 : i;
        int c = at(j);
        if (c >= '1' && c <= '9' && digit(at(j + 1))) {
            return digits(j);
        }
        if (c == '0' && digit(at(j + 1))) {
            throw denied("Octal numbers", null, j);
        }
        return digit(c) ? j + 1 : -1;
    }

    private int exponent(int j) {
        if (at(j) != 'e' && at(j) != 'E') {
            return -1;
        }
        int k = at(j + 1) == '+' || at(j + 1) == '-' ? j + 2 : j + 1;
        return digit(at(k)) ? digits(k) : -1;
    }

    /** The capture {@code / tonumber}. */
    private int numeral(int i, int j) {
        return value(Lua54Numerals.str2number(s, i, j - i), j);
    }

    private int value(LuaValue v, int end) {
        tokens.add(new Token(null, v));
        return end;
    }

    /** others.lua: booleans, null, undefined. */
    private int others(int i) {
        if (lit(i, "true")) {
            return value(LuaValue.TRUE, i + 4);
        }
        if (lit(i, "false")) {
            return value(LuaValue.FALSE, i + 5);
        }
        if (lit(i, "null")) {
            return value(o.nullValue(), i + 4);
        }
        if (lit(i, "undefined")) {
            if (!o.allowUndefined()) {
                throw denied("undefined", "others.allowUndefined", i);
            }
            return value(o.undefinedValue(), i + 9);
        }
        return -1;
    }

    /** util.lua's {@code denied}: {@code "'%s' denied by option set '%s'"} or {@code "'%s' denied"}. */
    private LuaError denied(String item, String option, int i) {
        return report(option == null ? "'" + item + "' denied" : "'" + item + "' denied by option set '" + option + "'", i);
    }

    /** util.lua's {@code build_report}: {@code msg @ character: %i %i:%i [%s] line:\n%s}. */
    private LuaError report(String msg, int i) {
        Info info = info(i + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((UTIL_LUA + msg + " @ character: " + (i + 1) + " " + info.line + ":" + info.lastLine.length
                + " [").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(info.badChar);
        out.writeBytes("] line:\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(info.lastLine);
        return new LuaError(LuaString.valueOf(out.toByteArray()));
    }

    /** strings.lua's {@code get_error}: {@code item .. " in string [%q] @ %i:%i"}. */
    private LuaError stringError(String item, int i) {
        Info info = info(i + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((STRINGS_LUA + item + " in string [").getBytes(StandardCharsets.ISO_8859_1));
        out.write('"');
        if (info.badChar.length == 1) {
            int c = info.badChar[0] & 0xff;
            if (c == '"' || c == '\\' || c == '\n') { // lstrlib.c's addquoted
                out.write('\\');
                out.write(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.writeBytes(("\\" + c).getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write(c);
            }
        }
        out.write('"');
        out.writeBytes(("] @ " + info.line + ":" + info.lastLine.length).getBytes(StandardCharsets.ISO_8859_1));
        return new LuaError(LuaString.valueOf(out.toByteArray()));
    }

    private record Info(int line, byte[] badChar, byte[] lastLine) {
    }

    /** util.lua's {@code get_invalid_character_info(input, index)}, {@code index} counted from 1. */
    private Info info(int index) {
        int len = Math.min(index, s.length);
        int lines = 0;
        for (int k = 0; k < len; k++) {
            lines += s[k] == '\n' ? 1 : 0;
        }
        byte[] bad = index >= 1 && index <= s.length ? new byte[] {s[index - 1]} : new byte[0];
        // parsed:match("\n([^\n]+.)$"): after the last newline before the final character, at least one more
        int nl = -1;
        for (int k = len - 2; k >= 0; k--) {
            if (s[k] == '\n') {
                nl = k;
                break;
            }
        }
        int from = nl >= 0 && nl <= len - 3 ? nl + 1 : 0;
        return new Info(lines, bad, java.util.Arrays.copyOfRange(s, from, len));
    }
}
