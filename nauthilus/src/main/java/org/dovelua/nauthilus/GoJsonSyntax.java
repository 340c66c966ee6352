package org.dovelua.nauthilus;

import java.util.ArrayDeque;
import java.util.Deque;
import org.dovelua.lua.gopher.GoQuote;

/**
 * Go's {@code encoding/json} syntax check ({@code scanner.go}, {@code checkValid}), run before
 * decoding as {@code json.Unmarshal} does: the first error as Go's {@code SyntaxError} text
 * ({@code invalid character 'x' looking for beginning of value}, {@code unexpected end of JSON input}).
 * A state machine over bytes, one method per scanner state family.
 */
public final class GoJsonSyntax {
    private enum Parse { OBJECT_KEY, OBJECT_VALUE, ARRAY_VALUE }

    private interface State {
        int step(int c);
    }

    private static final int CONTINUE = 0;
    private static final int ERROR = 1;

    private final Deque<Parse> stack = new ArrayDeque<>();
    private State step = this::beginValue;
    private String err;
    private boolean endTop;

    private GoJsonSyntax() {
    }

    /** null when {@code data} is valid JSON, else Go's error text. */
    public static String check(byte[] data) {
        GoJsonSyntax s = new GoJsonSyntax();
        for (byte b : data) {
            int c = b & 0xff;
            if (s.step.step(c) == ERROR) {
                return s.err;
            }
        }
        return s.eof();
    }

    /**
     * json.Decoder's readValue (stream.go) over a whole body: null once the first value is complete (the rest is
     * not read), else Go's error: a syntax error's text, {@code EOF} for an empty body, {@code unexpected EOF}
     * for a value cut off.
     */
    public static String decoderCheck(byte[] data) {
        GoJsonSyntax s = new GoJsonSyntax();
        boolean nonSpace = false;
        for (byte b : data) {
            int c = b & 0xff;
            nonSpace |= !space(c);
            int r = s.step.step(c);
            if (s.endTop) {
                return null; // stateEndTop answers scanEnd even for what follows: Decode stops there
            }
            if (r == ERROR) {
                return s.err;
            }
        }
        if (!nonSpace) {
            return "EOF";
        }
        s.step.step(' ');
        return s.endTop && s.err == null ? null : "unexpected EOF";
    }

    /** scanner.go eof: a final space may complete a number or fail a literal. */
    private String eof() {
        if (err != null) {
            return err;
        }
        if (endTop) {
            return null;
        }
        step.step(' ');
        if (endTop && err == null) {
            return null;
        }
        return err != null ? err : "unexpected end of JSON input";
    }

    private static boolean space(int c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    }

    private int error(int c, String context) {
        step = x -> ERROR;
        err = "invalid character " + quoteChar(c) + " " + context;
        return ERROR;
    }

    /** scanner.go quoteChar. */
    public static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String q = GoQuote.quote(new String(Character.toChars(c)));
        return "'" + q.substring(1, q.length() - 1) + "'";
    }

    private int beginValueOrEmpty(int c) {
        if (space(c)) {
            return CONTINUE;
        }
        if (c == ']') {
            return endValue(c);
        }
        return beginValue(c);
    }

    private int beginValue(int c) {
        if (space(c)) {
            return CONTINUE;
        }
        switch (c) {
            case '{':
                step = this::beginStringOrEmpty;
                stack.push(Parse.OBJECT_KEY);
                return CONTINUE;
            case '[':
                step = this::beginValueOrEmpty;
                stack.push(Parse.ARRAY_VALUE);
                return CONTINUE;
            case '"':
                step = this::inString;
                return CONTINUE;
            case '-':
                step = this::neg;
                return CONTINUE;
            case '0':
                step = this::zero;
                return CONTINUE;
            case 't':
                step = literal("true", 1);
                return CONTINUE;
            case 'f':
                step = literal("false", 1);
                return CONTINUE;
            case 'n':
                step = literal("null", 1);
                return CONTINUE;
            default:
                if ('1' <= c && c <= '9') {
                    step = this::digits;
                    return CONTINUE;
                }
                return error(c, "looking for beginning of value");
        }
    }

    private int beginStringOrEmpty(int c) {
        if (space(c)) {
            return CONTINUE;
        }
        if (c == '}') {
            stack.pop();
            stack.push(Parse.OBJECT_VALUE);
            return endValue(c);
        }
        return beginString(c);
    }

    private int beginString(int c) {
        if (space(c)) {
            return CONTINUE;
        }
        if (c == '"') {
            step = this::inString;
            return CONTINUE;
        }
        return error(c, "looking for beginning of object key string");
    }

    /** scanner.go stateEndValue. */
    private int endValue(int c) {
        if (stack.isEmpty()) {
            step = this::endTop;
            endTop = true;
            return endTop(c);
        }
        if (space(c)) {
            step = this::endValue;
            return CONTINUE;
        }
        switch (stack.peek()) {
            case OBJECT_KEY:
                if (c == ':') {
                    stack.pop();
                    stack.push(Parse.OBJECT_VALUE);
                    step = this::beginValue;
                    return CONTINUE;
                }
                return error(c, "after object key");
            case OBJECT_VALUE:
                if (c == ',') {
                    stack.pop();
                    stack.push(Parse.OBJECT_KEY);
                    step = this::beginString;
                    return CONTINUE;
                }
                if (c == '}') {
                    popParseState();
                    return CONTINUE;
                }
                return error(c, "after object key:value pair");
            default:
                if (c == ',') {
                    step = this::beginValue;
                    return CONTINUE;
                }
                if (c == ']') {
                    popParseState();
                    return CONTINUE;
                }
                return error(c, "after array element");
        }
    }

    /** scanner.go popParseState. */
    private void popParseState() {
        stack.pop();
        if (stack.isEmpty()) {
            step = this::endTop;
            endTop = true;
        } else {
            step = this::endValue;
        }
    }

    private int endTop(int c) {
        if (!space(c)) {
            return error(c, "after top-level value");
        }
        return CONTINUE;
    }

    private int inString(int c) {
        if (c == '"') {
            step = this::endValue;
            return CONTINUE;
        }
        if (c == '\\') {
            step = this::inStringEsc;
            return CONTINUE;
        }
        if (c < 0x20) {
            return error(c, "in string literal");
        }
        return CONTINUE;
    }

    private int inStringEsc(int c) {
        switch (c) {
            case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
                step = this::inString;
                return CONTINUE;
            case 'u':
                step = hex(4);
                return CONTINUE;
            default:
                return error(c, "in string escape code");
        }
    }

    private State hex(int left) {
        return c -> {
            if ('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
                step = left == 1 ? this::inString : hex(left - 1);
                return CONTINUE;
            }
            return error(c, "in \\u hexadecimal character escape");
        };
    }

    private int neg(int c) {
        if (c == '0') {
            step = this::zero;
            return CONTINUE;
        }
        if ('1' <= c && c <= '9') {
            step = this::digits;
            return CONTINUE;
        }
        return error(c, "in numeric literal");
    }

    private int digits(int c) {
        if ('0' <= c && c <= '9') {
            return CONTINUE;
        }
        return zero(c);
    }

    private int zero(int c) {
        if (c == '.') {
            step = this::dot;
            return CONTINUE;
        }
        if (c == 'e' || c == 'E') {
            step = this::exp;
            return CONTINUE;
        }
        return endValue(c);
    }

    private int dot(int c) {
        if ('0' <= c && c <= '9') {
            step = this::dot0;
            return CONTINUE;
        }
        return error(c, "after decimal point in numeric literal");
    }

    private int dot0(int c) {
        if ('0' <= c && c <= '9') {
            return CONTINUE;
        }
        if (c == 'e' || c == 'E') {
            step = this::exp;
            return CONTINUE;
        }
        return endValue(c);
    }

    private int exp(int c) {
        if (c == '+' || c == '-') {
            step = this::expSign;
            return CONTINUE;
        }
        return expSign(c);
    }

    private int expSign(int c) {
        if ('0' <= c && c <= '9') {
            step = this::exp0;
            return CONTINUE;
        }
        return error(c, "in exponent of numeric literal");
    }

    private int exp0(int c) {
        if ('0' <= c && c <= '9') {
            return CONTINUE;
        }
        return endValue(c);
    }

    private State literal(String word, int at) {
        return c -> {
            if (c == word.charAt(at)) {
                step = at + 1 == word.length() ? this::endValue : literal(word, at + 1);
                return CONTINUE;
            }
            return error(c, "in literal " + word + " (expecting " + quoteChar(word.charAt(at)) + ")");
        };
    }
}
