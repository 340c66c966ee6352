package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.CStrtod;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * lua-cjson 2.1.0's decoder: its tokenizer ({@code json_next_token}) and its recursive parser,
 * over the bytes of a Lua string that, like a C string, ends at the first NUL. Numbers go through
 * {@link CStrtod} as they go through {@code strtod}, so with {@code decode_invalid_numbers} on (the
 * default) {@code 0x10}, {@code 01}, {@code +1}, {@code inf} and {@code nan} are accepted.
 */
final class CjsonDecoder {
    private enum Type {
        T_OBJ_BEGIN, T_OBJ_END, T_ARR_BEGIN, T_ARR_END, T_STRING, T_NUMBER, T_BOOLEAN, T_NULL, T_COLON,
        T_COMMA, T_END, T_WHITESPACE, T_ERROR, T_UNKNOWN
    }

    /** One token: its type, where it starts, and its value or error text. */
    private static final class Token {
        Type type;
        int index;
        String error;
        LuaValue value;
    }

    private final CjsonLib.Config cfg;
    private final LuaValue nullValue;
    private final byte[] data;
    private int ptr;
    private int depth;

    CjsonDecoder(CjsonLib.Config cfg, LuaValue nullValue, LuaString json) {
        this.cfg = cfg;
        this.nullValue = nullValue;
        this.data = new byte[json.length()];
        json.copyInto(0, data, 0, data.length);
    }

    /** {@code json_decode}. */
    LuaValue decode() {
        if (data.length >= 2 && (data[0] == 0 || data[1] == 0)) {
            throw LuaArgs.positioned("JSON parser does not support UTF-16 or UTF-32");
        }
        Token token = next();
        LuaValue v = value(token);
        token = next();
        if (token.type != Type.T_END) {
            throw parseError("the end", token);
        }
        return v;
    }

    private int at(int i) {
        return i < data.length ? data[i] & 0xFF : 0;
    }

    private static Type ch2token(int ch) {
        return switch (ch) {
            case '{' -> Type.T_OBJ_BEGIN;
            case '}' -> Type.T_OBJ_END;
            case '[' -> Type.T_ARR_BEGIN;
            case ']' -> Type.T_ARR_END;
            case ',' -> Type.T_COMMA;
            case ':' -> Type.T_COLON;
            case 0 -> Type.T_END;
            case ' ', '\t', '\n', '\r' -> Type.T_WHITESPACE;
            case 'f', 'i', 'I', 'n', 'N', 't', '"', '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' ->
                    Type.T_UNKNOWN;
            default -> Type.T_ERROR;
        };
    }

    private void setError(Token token, String err) {
        token.type = Type.T_ERROR;
        token.index = ptr;
        token.error = err;
    }

    /** {@code json_next_token}. */
    private Token next() {
        Token token = new Token();
        int ch;
        while (true) {
            ch = at(ptr);
            token.type = ch2token(ch);
            if (token.type != Type.T_WHITESPACE) {
                break;
            }
            ptr++;
        }
        token.index = ptr;
        if (token.type == Type.T_ERROR) {
            setError(token, "invalid token");
            return token;
        }
        if (token.type == Type.T_END) {
            return token;
        }
        if (token.type != Type.T_UNKNOWN) {
            ptr++;
            return token;
        }
        if (ch == '"') {
            stringToken(token);
        } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
            if (cfg.decodeInvalidNumbers == 0 && isInvalidNumber()) {
                setError(token, "invalid number");
            } else {
                numberToken(token);
            }
        } else if (startsWith("true")) {
            token.type = Type.T_BOOLEAN;
            token.value = LuaValue.TRUE;
            ptr += 4;
        } else if (startsWith("false")) {
            token.type = Type.T_BOOLEAN;
            token.value = LuaValue.FALSE;
            ptr += 5;
        } else if (startsWith("null")) {
            token.type = Type.T_NULL;
            ptr += 4;
        } else if (cfg.decodeInvalidNumbers != 0 && isInvalidNumber()) {
            numberToken(token);
        } else {
            setError(token, "invalid token");
        }
        return token;
    }

    private boolean startsWith(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (at(ptr + i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoreCase(int p, String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((at(p + i) | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code json_is_invalid_number}: numbers strict JSON forbids but {@code strtod} takes. */
    private boolean isInvalidNumber() {
        int p = ptr;
        if (at(p) == '+') {
            return true;
        }
        if (at(p) == '-') {
            p++;
        }
        if (at(p) == '0') {
            int ch2 = at(p + 1);
            return (ch2 | 0x20) == 'x' || (ch2 >= '0' && ch2 <= '9');
        } else if (at(p) <= '9') {
            return false;
        }
        return startsWithIgnoreCase(p, "inf") || startsWithIgnoreCase(p, "nan");
    }

    private void numberToken(Token token) {
        token.type = Type.T_NUMBER;
        CStrtod.Result r = CStrtod.parse(data, ptr);
        if (r.end() == ptr) {
            setError(token, "invalid number");
        } else {
            token.value = Lua54Arith.number(r.value());
            ptr = r.end();
        }
    }

    /** {@code json_next_string_token}. */
    private void stringToken(Token token) {
        ptr++;
        ByteArrayOutputStream tmp = new ByteArrayOutputStream();
        int ch;
        while ((ch = at(ptr)) != '"') {
            if (ch == 0) {
                setError(token, "unexpected end of string");
                return;
            }
            if (ch == '\\') {
                int esc = escape2char(at(ptr + 1));
                if (esc == 'u') {
                    if (appendUnicodeEscape(tmp)) {
                        continue;
                    }
                    setError(token, "invalid unicode escape code");
                    return;
                }
                if (esc == 0) {
                    setError(token, "invalid escape code");
                    return;
                }
                ch = esc;
                ptr++;
            }
            tmp.write(ch);
            ptr++;
        }
        ptr++;
        token.type = Type.T_STRING;
        token.value = LuaString.valueOf(tmp.toByteArray());
    }

    private static int escape2char(int c) {
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'f' -> '\f';
            case 'r' -> '\r';
            case 'u' -> 'u';
            default -> 0;
        };
    }

    private static int hexdigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        c |= 0x20;
        return c >= 'a' && c <= 'f' ? 10 + c - 'a' : -1;
    }

    private int hex4(int p) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = hexdigit(at(p + i));
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** {@code json_append_unicode_escape}: UTF-16 escapes (pairs joined) as UTF-8 bytes. */
    private boolean appendUnicodeEscape(ByteArrayOutputStream tmp) {
        int escapeLen = 6;
        int codepoint = hex4(ptr + 2);
        if (codepoint < 0) {
            return false;
        }
        if ((codepoint & 0xF800) == 0xD800) {
            if ((codepoint & 0x400) != 0) {
                return false;
            }
            if (at(ptr + escapeLen) != '\\' || at(ptr + escapeLen + 1) != 'u') {
                return false;
            }
            int low = hex4(ptr + 2 + escapeLen);
            if (low < 0 || (low & 0xFC00) != 0xDC00) {
                return false;
            }
            codepoint = (((codepoint & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
            escapeLen = 12;
        }
        if (codepoint <= 0x7F) {
            tmp.write(codepoint);
        } else if (codepoint <= 0x7FF) {
            tmp.write(codepoint >> 6 | 0xC0);
            tmp.write(codepoint & 0x3F | 0x80);
        } else if (codepoint <= 0xFFFF) {
            tmp.write(codepoint >> 12 | 0xE0);
            tmp.write(codepoint >> 6 & 0x3F | 0x80);
            tmp.write(codepoint & 0x3F | 0x80);
        } else {
            tmp.write(codepoint >> 18 | 0xF0);
            tmp.write(codepoint >> 12 & 0x3F | 0x80);
            tmp.write(codepoint >> 6 & 0x3F | 0x80);
            tmp.write(codepoint & 0x3F | 0x80);
        }
        ptr += escapeLen;
        return true;
    }

    private LuaError parseError(String expected, Token token) {
        String found = token.type == Type.T_ERROR ? token.error : token.type.name();
        return LuaArgs.positioned("Expected " + expected + " but found " + found + " at character " + (token.index + 1));
    }

    private void descend() {
        depth++;
        if (depth > cfg.decodeMaxDepth) {
            throw LuaArgs.positioned("Found too many nested data structures (" + depth + ") at character " + ptr);
        }
    }

    /** {@code json_process_value}. */
    private LuaValue value(Token token) {
        return switch (token.type) {
            case T_STRING, T_NUMBER, T_BOOLEAN -> token.value;
            case T_NULL -> nullValue;
            case T_OBJ_BEGIN -> object();
            case T_ARR_BEGIN -> array();
            default -> throw parseError("value", token);
        };
    }

    private LuaValue object() {
        descend();
        LuaTable table = new LuaTable();
        Token token = next();
        if (token.type == Type.T_OBJ_END) {
            depth--;
            return table;
        }
        while (true) {
            if (token.type != Type.T_STRING) {
                throw parseError("object key string", token);
            }
            LuaValue key = token.value;
            token = next();
            if (token.type != Type.T_COLON) {
                throw parseError("colon", token);
            }
            table.rawset(key, value(next()));
            token = next();
            if (token.type == Type.T_OBJ_END) {
                depth--;
                return table;
            }
            if (token.type != Type.T_COMMA) {
                throw parseError("comma or object end", token);
            }
            token = next();
        }
    }

    private LuaValue array() {
        descend();
        LuaTable table = new LuaTable();
        Token token = next();
        if (token.type == Type.T_ARR_END) {
            depth--;
            return table;
        }
        for (int i = 1; ; i++) {
            table.rawset(i, value(token));
            token = next();
            if (token.type == Type.T_ARR_END) {
                depth--;
                return table;
            }
            if (token.type != Type.T_COMMA) {
                throw parseError("comma or array end", token);
            }
            token = next();
        }
    }
}
