package org.dovelua.nauthilus.lib;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.dovelua.nauthilus.GoJsonSyntax;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * vadv json/value.go {@code ValueDecode}: Go's {@code json.Unmarshal} into {@code interface{}} with
 * its scanner's error texts (encoding/json scanner.go: {@code invalid character 'x' looking for
 * beginning of value}, {@code unexpected end of JSON input}, ...), then {@code decode}: numbers as
 * float64, objects get the tableIsObject metatable, arrays are built with {@code Append} (so a JSON
 * null element is dropped).
 */
final class GoJsonDecoder {
    /** A decoding error with Go's text. */
    static final class DecodeError extends Exception {
        DecodeError(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] in;
    private final LuaTable objectMetatable;
    private int pos;
    /** decode.go saveError: the first type error, reported only when the syntax is valid. */
    private String savedError;

    private GoJsonDecoder(byte[] in, LuaTable objectMetatable) {
        this.in = in;
        this.objectMetatable = objectMetatable;
    }

    static LuaValue decode(byte[] in, LuaTable objectMetatable) throws DecodeError {
        // decode.go Unmarshal: checkValid (the scanner) first, so the first syntax error is the scanner's
        String syntax = GoJsonSyntax.check(in);
        if (syntax != null) {
            throw new DecodeError(syntax);
        }
        GoJsonDecoder d = new GoJsonDecoder(in, objectMetatable);
        d.skipSpace();
        LuaValue v = d.value();
        d.skipSpace();
        if (d.pos < in.length) {
            throw d.invalid("after top-level value");
        }
        if (d.savedError != null) {
            throw new DecodeError(d.savedError);
        }
        return v;
    }

    private LuaValue value() throws DecodeError {
        if (pos >= in.length) {
            throw eof();
        }
        int c = in[pos] & 0xff;
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return LuaString.valueOf(string());
            case 't':
                literal("true");
                return LuaValue.TRUE;
            case 'f':
                literal("false");
                return LuaValue.FALSE;
            case 'n':
                literal("null");
                return LuaValue.NIL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw invalid("looking for beginning of value");
        }
    }

    private LuaValue object() throws DecodeError {
        pos++; // '{'
        LuaTable t = new LuaTable();
        t.setmetatable(objectMetatable);
        skipSpace();
        if (pos >= in.length) {
            throw eof();
        }
        if (in[pos] == '}') {
            pos++;
            return t;
        }
        while (true) {
            if (pos >= in.length) {
                throw eof();
            }
            if (in[pos] != '"') {
                throw invalid("looking for beginning of object key string");
            }
            byte[] key = string();
            skipSpace();
            if (pos >= in.length) {
                throw eof();
            }
            if (in[pos] != ':') {
                throw invalid("after object key");
            }
            pos++;
            skipSpace();
            LuaValue v = value();
            t.rawset(LuaString.valueOf(key), v); // RawSetH: a nil value removes the key
            skipSpace();
            if (pos >= in.length) {
                throw eof();
            }
            if (in[pos] == ',') {
                pos++;
                skipSpace();
                continue;
            }
            if (in[pos] == '}') {
                pos++;
                return t;
            }
            throw invalid("after object key:value pair");
        }
    }

    private LuaValue array() throws DecodeError {
        pos++; // '['
        LuaTable t = new LuaTable();
        int n = 0;
        skipSpace();
        if (pos >= in.length) {
            throw eof();
        }
        if (in[pos] == ']') {
            pos++;
            return t;
        }
        while (true) {
            skipSpace();
            LuaValue v = value();
            if (!v.isnil()) {
                t.rawset(++n, v); // LTable.Append skips nil
            }
            skipSpace();
            if (pos >= in.length) {
                throw eof();
            }
            if (in[pos] == ',') {
                pos++;
                continue;
            }
            if (in[pos] == ']') {
                pos++;
                return t;
            }
            throw invalid("after array element");
        }
    }

    private void literal(String word) throws DecodeError {
        pos++;
        for (int i = 1; i < word.length(); i++) {
            if (pos >= in.length) {
                throw eof();
            }
            if (in[pos] != word.charAt(i)) {
                throw invalid("in literal " + word + " (expecting '" + word.charAt(i) + "')");
            }
            pos++;
        }
    }

    private LuaValue number() throws DecodeError {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
            if (pos >= in.length) {
                throw eof();
            }
            if (!digit()) {
                throw invalid("in numeric literal");
            }
        }
        if (in[pos] == '0') {
            pos++;
        } else {
            while (pos < in.length && digit()) {
                pos++;
            }
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (pos >= in.length) {
                throw eof();
            }
            if (!digit()) {
                throw invalid("after decimal point in numeric literal");
            }
            while (pos < in.length && digit()) {
                pos++;
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (pos >= in.length) {
                throw eof();
            }
            if (!digit()) {
                throw invalid("in exponent of numeric literal");
            }
            while (pos < in.length && digit()) {
                pos++;
            }
        }
        String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            // decode.go convertNumber: UnmarshalTypeError{Value: "number " + s, Type: float64}
            if (savedError == null) {
                savedError = "json: cannot unmarshal number " + text + " into Go value of type float64";
            }
            return LuaValue.NIL;
        }
        return LuaValue.valueOf(d);
    }

    private boolean digit() {
        return in[pos] >= '0' && in[pos] <= '9';
    }

    /** A string literal's bytes (decode.go unquote: bad UTF-8 and lone surrogates become U+FFFD). */
    private byte[] string() throws DecodeError {
        pos++; // '"'
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= in.length) {
                throw eof();
            }
            int c = in[pos] & 0xff;
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c < 0x20) {
                throw invalid("in string literal");
            }
            if (c == '\\') {
                pos++;
                if (pos >= in.length) {
                    throw eof();
                }
                int e = in[pos] & 0xff;
                switch (e) {
                    case 'b': out.write('\b'); pos++; break;
                    case 'f': out.write('\f'); pos++; break;
                    case 'n': out.write('\n'); pos++; break;
                    case 'r': out.write('\r'); pos++; break;
                    case 't': out.write('\t'); pos++; break;
                    case '\\': case '/': case '"': out.write(e); pos++; break;
                    case 'u': {
                        pos++;
                        int r = hex4();
                        if (r >= 0xD800 && r < 0xDC00) {
                            // utf16 surrogate pair: only when a \\uDC00-DFFF escape follows
                            if (pos + 1 < in.length && in[pos] == '\\' && in[pos + 1] == 'u') {
                                int save = pos;
                                pos += 2;
                                int r2 = hex4();
                                if (r2 >= 0xDC00 && r2 < 0xE000) {
                                    writeRune(out, 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00));
                                    break;
                                }
                                pos = save;
                            }
                            writeRune(out, Utf8.RUNE_ERROR);
                        } else if (r >= 0xDC00 && r < 0xE000) {
                            writeRune(out, Utf8.RUNE_ERROR);
                        } else {
                            writeRune(out, r);
                        }
                        break;
                    }
                    default:
                        throw invalid("in string escape code");
                }
                continue;
            }
            if (c < 0x80) {
                out.write(c);
                pos++;
                continue;
            }
            int[] rune = Utf8.decode(in, pos);
            if (rune[0] == Utf8.RUNE_ERROR && rune[1] == 1) {
                writeRune(out, Utf8.RUNE_ERROR);
            } else {
                out.write(in, pos, rune[1]);
            }
            pos += rune[1];
        }
    }

    private int hex4() throws DecodeError {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            if (pos >= in.length) {
                throw eof();
            }
            int h = Character.digit(in[pos] & 0xff, 16);
            if (h < 0 || (in[pos] & 0xff) > 0x7f) {
                throw invalid("in \\u hexadecimal character escape");
            }
            r = r * 16 + h;
            pos++;
        }
        return r;
    }

    private static void writeRune(ByteArrayOutputStream out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    private DecodeError invalid(String context) {
        return new DecodeError("invalid character " + GoJsonSyntax.quoteChar(in[pos] & 0xff) + " " + context);
    }

    private static DecodeError eof() {
        return new DecodeError("unexpected end of JSON input");
    }
}
