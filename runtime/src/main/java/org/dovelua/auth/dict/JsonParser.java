package org.dovelua.auth.dict;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * src/lib/json-parser.c@2.3.19 ({@code json_parser_init()}, {@code json_parse_next()},
 * {@code json_parser_deinit()}) over an in-memory document ({@code i_stream_create_from_data()}),
 * the way the auth dict driver reads a JSON value. Ported state for state, including its
 * "wait for more input" paths: at the end of the data a half-read token is no error of its own
 * (the error is reset and the parser reports the end), so a truncated document ends in
 * {@code Missing '}'} at deinit, and a token cut after a key in the driver's {@code Missing value}.
 */
final class JsonParser {
    /** {@code enum json_type}. */
    enum Type { OBJECT, ARRAY, OBJECT_END, ARRAY_END, OBJECT_KEY, STRING, NUMBER, TRUE, FALSE, NULL }

    private enum State {
        ROOT, OBJECT_OPEN, OBJECT_KEY, OBJECT_COLON, OBJECT_VALUE, OBJECT_NEXT,
        ARRAY_OPEN, ARRAY_VALUE, ARRAY_NEXT, DONE
    }

    /** One token: its type and its value (null for structure tokens and {@code null}). */
    record Token(Type type, String value) {
    }

    private final byte[] in;
    /** The stream's offset ({@code v_offset}): bytes before it are consumed. */
    private int offset;
    private int highwater;
    private boolean eof;
    private boolean seenEof;
    /** {@code parser->data}, {@code parser->start}, {@code parser->end} as indexes. */
    private int data;
    private int start;
    private int end;
    private String error;
    private State state = State.ROOT;
    private final List<State> nesting = new ArrayList<>();
    private final ByteArrayOutputStream value = new ByteArrayOutputStream();

    /** The document as C sees it: its bytes up to the first NUL ({@code strlen()}). */
    JsonParser(String document) {
        byte[] b = document.getBytes(StandardCharsets.UTF_8);
        int nul = 0;
        while (nul < b.length && b[nul] != 0) {
            nul++;
        }
        this.in = java.util.Arrays.copyOf(b, nul);
    }

    /** {@code json_parser_read_more()}: the whole document is in the buffer from the start. */
    private int readMore() {
        int curHighwater = in.length; // v_offset + data size: everything is buffered
        if (error != null) {
            return -1;
        }
        if (highwater == curHighwater) {
            // i_stream_read() of a data stream: end of input
            eof = true;
            if (!seenEof && in.length - offset > 0) {
                seenEof = true; // call it once more to finish any pending number
            } else {
                return -1;
            }
        }
        start = data = offset;
        end = in.length;
        return 1;
    }

    private void updateInputPos() {
        if (data == start) {
            return;
        }
        offset = data;
        start = data = offset;
        end = in.length;
        highwater = end - offset > 0 ? 0 : offset;
    }

    /** {@code json_parse_next()}: 1 with a token, -1 at the end or on an error ({@link #error()}). */
    Token next() {
        Token[] out = new Token[1];
        int ret;
        while ((ret = readMore()) > 0) {
            while ((ret = tryParseNext(out)) == 0) {
                // another round
            }
            if (ret > 0) {
                break;
            }
            if (data != end) {
                return null;
            }
            // parsing probably failed because there wasn't enough input: reset and read more
            error = null;
            highwater = in.length;
        }
        return ret > 0 ? out[0] : null;
    }

    /** {@code json_parser_deinit()}'s error: the parser's, or {@code Missing '}'} for an unfinished document. */
    String deinitError() {
        if (error != null) {
            return error;
        }
        if (data == end && in.length - offset == 0 && state != State.DONE) {
            return "Missing '}'";
        }
        return null;
    }

    String error() {
        return error;
    }

    private boolean skipWhitespace() {
        for (; data != end; data++) {
            byte c = in[data];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                updateInputPos();
                return true;
            }
        }
        updateInputPos();
        return false;
    }

    private void objectOpen() {
        data++;
        state = State.OBJECT_OPEN;
        nesting.add(state);
        updateInputPos();
    }

    /** {@code json_parse_denest()}: 0 when the root closed (flags 0: not returned to the caller). */
    private int denest() {
        data++;
        updateInputPos();
        int count = nesting.size();
        if (count == 1) {
            state = State.DONE;
            return 0;
        }
        state = nesting.get(count - 2) == State.OBJECT_OPEN ? State.OBJECT_NEXT : State.ARRAY_NEXT;
        nesting.remove(count - 1);
        return 1;
    }

    private int tryParseNext(Token[] out) {
        if (!skipWhitespace()) {
            return -1;
        }
        String[] v = new String[1];
        int ret;
        switch (state) {
            case ROOT:
                if (in[data] != '{') {
                    error = "Object doesn't begin with '{'";
                    return -1;
                }
                objectOpen();
                return 0;
            case OBJECT_VALUE:
            case ARRAY_VALUE:
                if (in[data] == '{') {
                    objectOpen();
                    out[0] = new Token(Type.OBJECT, null);
                    return 1;
                } else if (in[data] == '[') {
                    data++;
                    state = State.ARRAY_OPEN;
                    nesting.add(state);
                    updateInputPos();
                    out[0] = new Token(Type.ARRAY, null);
                    return 1;
                }
                Type type;
                if ((ret = parseString(v)) >= 0) {
                    type = Type.STRING;
                } else if ((ret = parseNumber(v)) >= 0) {
                    type = Type.NUMBER;
                } else if ((ret = parseAtom("true")) >= 0) {
                    type = Type.TRUE;
                    v[0] = "true";
                } else if ((ret = parseAtom("false")) >= 0) {
                    type = Type.FALSE;
                    v[0] = "false";
                } else if ((ret = parseAtom("null")) >= 0) {
                    type = Type.NULL;
                    v[0] = null;
                } else {
                    if (error == null) {
                        error = "Invalid data as value";
                    }
                    return -1;
                }
                if (ret == 0) {
                    return -1; // data == end: wait for more input
                }
                out[0] = new Token(type, v[0]);
                state = state == State.OBJECT_VALUE ? State.OBJECT_NEXT : State.ARRAY_NEXT;
                break;
            case OBJECT_OPEN:
                if (in[data] == '}') {
                    return closeContainer(out, Type.OBJECT_END);
                }
                state = State.OBJECT_KEY;
                // fall through
            case OBJECT_KEY:
                if (parseString(v) <= 0) {
                    error = "Expected string as object key";
                    return -1;
                }
                out[0] = new Token(Type.OBJECT_KEY, v[0]);
                state = State.OBJECT_COLON;
                break;
            case OBJECT_COLON:
                if (in[data] != ':') {
                    error = "Expected ':' after key";
                    return -1;
                }
                data++;
                state = State.OBJECT_VALUE;
                updateInputPos();
                return 0;
            case OBJECT_NEXT:
                if (in[data] == '}') {
                    return closeContainer(out, Type.OBJECT_END);
                }
                if (in[data] != ',') {
                    error = "Expected ',' or '}' after object value";
                    return -1;
                }
                state = State.OBJECT_KEY;
                data++;
                updateInputPos();
                return 0;
            case ARRAY_OPEN:
                if (in[data] == ']') {
                    return closeContainer(out, Type.ARRAY_END);
                }
                state = State.ARRAY_VALUE;
                return 0;
            case ARRAY_NEXT:
                if (in[data] == ']') {
                    return closeContainer(out, Type.ARRAY_END);
                }
                if (in[data] != ',') {
                    error = "Expected ',' or '}' after array value";
                    return -1;
                }
                state = State.ARRAY_VALUE;
                data++;
                updateInputPos();
                return 0;
            case DONE:
            default:
                error = "Unexpected data at the end";
                return -1;
        }
        updateInputPos();
        return 1;
    }

    private int closeContainer(Token[] out, Type type) {
        if (denest() == 0) {
            return 0;
        }
        out[0] = new Token(type, null);
        return 1;
    }

    /** {@code json_parse_string()}: 1, 0 (needs more input) or -1. */
    private int parseString(String[] v) {
        if (in[data] != '"') {
            return -1;
        }
        data++;
        value.reset();
        for (; data != end; data++) {
            byte c = in[data];
            if (c == '"') {
                data++;
                v[0] = new String(value.toByteArray(), StandardCharsets.UTF_8);
                return 1;
            }
            if (c == '\\') {
                if (++data == end) {
                    return 0;
                }
                switch (in[data]) {
                    case '"', '\\', '/' -> value.write(in[data]);
                    case 'b' -> value.write('\b');
                    case 'f' -> value.write('\f');
                    case 'n' -> value.write('\n');
                    case 'r' -> value.write('\r');
                    case 't' -> value.write('\t');
                    case 'u' -> {
                        int r = parseUnicodeEscape();
                        if (r <= 0) {
                            return r;
                        }
                    }
                    default -> {
                        error = "Invalid escape string";
                        return -1;
                    }
                }
            } else {
                value.write(c);
            }
        }
        return 0;
    }

    /** {@code str_to_uint32_hex()} of four bytes: -1 when not all hex digits. */
    private long hex4(int at) {
        long n = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit((char) (in[i] & 0xff), 16);
            if (d < 0) {
                return -1;
            }
            n = n * 16 + d;
        }
        return n;
    }

    private static boolean highSurrogate(long c) {
        return c >= 0xd800 && c <= 0xdbff;
    }

    private static boolean lowSurrogate(long c) {
        return c >= 0xdc00 && c <= 0xdfff;
    }

    /** {@code json_parse_unicode_escape()}, {@code data} on the {@code u}. */
    private int parseUnicodeEscape() {
        data++;
        if (end - data < 4) {
            data = end;
            return 0;
        }
        long chr = hex4(data);
        if (chr < 0) {
            error = "Invalid unicode escape seen";
            return -1;
        }
        if (highSurrogate(chr)) {
            long hi = chr;
            chr = 0;
            data += 4;
            if (data >= end) {
                data = end;
                return 0;
            }
            if (end - data < 2 && in[data] == '\\') {
                data = end;
                return 0;
            }
            if (end - data < 6) {
                if (end - data >= 2 && in[data] == '\\' && in[data + 1] == 'u') {
                    data = end;
                    return 0;
                }
            } else {
                chr = hex4(data + 2);
                if (chr < 0) {
                    error = "Invalid unicode escape seen";
                    return -1;
                }
            }
            if (in[data] != '\\' || end - data < 2 || in[data + 1] != 'u' || !lowSurrogate(chr)) {
                error = String.format("High surrogate 0x%04x seen, but not followed by low surrogate", hi);
                return -1;
            }
            chr = ((hi - 0xd800) << 10) + (chr - 0xdc00) + 0x10000;
            data += 2;
        }
        if (chr > 0x10ffff || highSurrogate(chr) || lowSurrogate(chr)) {
            error = String.format("Invalid unicode character U+%04x", chr);
            return -1;
        }
        if (chr == 0) {
            error = "\\u0000 not supported in strings";
            return -1;
        }
        byte[] utf8 = new String(Character.toChars((int) chr)).getBytes(StandardCharsets.UTF_8);
        value.write(utf8, 0, utf8.length);
        data += 3;
        return 1;
    }

    private int parseDigits() {
        if (data == end) {
            return 0;
        }
        if (in[data] < '0' || in[data] > '9') {
            return -1;
        }
        while (data != end && in[data] >= '0' && in[data] <= '9') {
            value.write(in[data++]);
        }
        return 1;
    }

    private int parseInt() {
        if (in[data] == '-') {
            value.write(in[data++]);
            if (data == end) {
                return 0;
            }
        }
        if (in[data] == '0') {
            value.write(in[data++]);
            return 1;
        }
        return parseDigits();
    }

    /** {@code json_parse_number()}: the raw token text. */
    private int parseNumber(String[] v) {
        value.reset();
        int ret;
        if ((ret = parseInt()) <= 0) {
            return ret;
        }
        if (data != end && in[data] == '.') {
            value.write(in[data++]);
            if ((ret = parseDigits()) <= 0) {
                return ret;
            }
        }
        if (data != end && (in[data] == 'e' || in[data] == 'E')) {
            value.write(in[data++]);
            if (data == end) {
                return 0;
            }
            if (in[data] == '+' || in[data] == '-') {
                value.write(in[data++]);
            }
            if ((ret = parseDigits()) <= 0) {
                return ret;
            }
        }
        if (data == end && !eof) {
            return 0;
        }
        v[0] = new String(value.toByteArray(), StandardCharsets.US_ASCII);
        return 1;
    }

    private int parseAtom(String atom) {
        int len = atom.length();
        int avail = end - data;
        if (avail < len) {
            for (int i = 0; i < avail; i++) {
                if (in[data + i] != atom.charAt(i)) {
                    return -1;
                }
            }
            data += avail;
            return 0;
        }
        for (int i = 0; i < len; i++) {
            if (in[data + i] != atom.charAt(i)) {
                return -1;
            }
        }
        data += len;
        return 1;
    }
}
