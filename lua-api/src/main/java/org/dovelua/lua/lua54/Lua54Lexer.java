package org.dovelua.lua.lua54;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits Lua 5.4 source into tokens with their character offsets, the way llex.c does, so that
 * {@link Lua54Syntax} can rewrite operators without ever touching the inside of a string, a
 * comment or a number. Whitespace and comments are not tokens: they stay in the text between
 * tokens and are copied unchanged, which is what keeps every line where it was.
 */
final class Lua54Lexer {
    enum Kind { NAME, KEYWORD, NUMBER, STRING, OP, EOF }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(String s) {
            return (kind == Kind.OP || kind == Kind.KEYWORD) && text.equals(s);
        }
    }

    /** Thrown where llex.c would raise a lexical error; the caller then leaves the text to LuaJ. */
    static final class LexError extends RuntimeException {
        LexError(String msg) {
            super(msg, null, false, false);
        }
    }

    static final Set<String> KEYWORDS = Set.of("and", "break", "do", "else", "elseif", "end", "false",
            "for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
            "true", "until", "while");

    // longest first, so that "..." wins over ".." and "//" over "/"
    private static final String[] OPS = {"...", "..", "==", "~=", "<=", ">=", "//", "<<", ">>", "::",
        "+", "-", "*", "/", "%", "^", "#", "&", "~", "|", "<", ">", "=", "(", ")", "{", "}", "[", "]",
        ";", ":", ",", "."};

    private final String src;
    private int pos;

    private Lua54Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) {
        return new Lua54Lexer(src).all();
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        if (src.startsWith("#")) { // luaL_loadfilex skips a first line starting with '#'
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
        }
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                out.add(new Token(Kind.EOF, "", pos, pos));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '-' && src.startsWith("--", pos)) {
                pos += 2;
                int level = longBracketLevel(pos);
                if (level >= 0) {
                    skipLongBracket(level);
                } else {
                    while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                        pos++;
                    }
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = pos;
        char c = src.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            String w = src.substring(start, pos);
            return new Token(KEYWORDS.contains(w) ? Kind.KEYWORD : Kind.NAME, w, start, pos);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            readNumeral();
            return new Token(Kind.NUMBER, src.substring(start, pos), start, pos);
        }
        if (c == '"' || c == '\'') {
            readQuoted(c);
            return new Token(Kind.STRING, src.substring(start, pos), start, pos);
        }
        if (c == '[') {
            int level = longBracketLevel(pos);
            if (level >= 0) {
                skipLongBracket(level);
                return new Token(Kind.STRING, src.substring(start, pos), start, pos);
            }
        }
        for (String op : OPS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Kind.OP, op, start, pos);
            }
        }
        throw new LexError("unexpected symbol " + c);
    }

    /** read_numeral(): digits, letters, dots, and a sign right after an exponent mark. */
    private void readNumeral() {
        String expo = src.startsWith("0x", pos) || src.startsWith("0X", pos) ? "Pp" : "Ee";
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (expo.indexOf(c) >= 0 && pos + 1 < src.length() && "+-".indexOf(src.charAt(pos + 1)) >= 0) {
                pos += 2;
            } else if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void readQuoted(char quote) {
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new LexError("unfinished string");
            }
            char c = src.charAt(pos);
            if (c == quote) {
                pos++;
                return;
            }
            if (c == '\n' || c == '\r') {
                throw new LexError("unfinished string");
            }
            if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == 'z') {
                // \z skips the white space after it, newlines included (llex.c)
                pos += 2;
                while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                    pos++;
                }
                continue;
            }
            // a backslash escapes whatever follows it, including a newline or the quote
            pos += c == '\\' ? 2 : 1;
        }
    }

    /** The level of a long bracket {@code [==[} opening at {@code at}, or -1 if there is none. */
    private int longBracketLevel(int at) {
        if (at >= src.length() || src.charAt(at) != '[') {
            return -1;
        }
        int i = at + 1;
        while (i < src.length() && src.charAt(i) == '=') {
            i++;
        }
        return i < src.length() && src.charAt(i) == '[' ? i - at - 1 : -1;
    }

    private void skipLongBracket(int level) {
        String close = "]" + "=".repeat(level) + "]";
        int end = src.indexOf(close, pos + level + 2);
        if (end < 0) {
            throw new LexError("unfinished long string/comment");
        }
        pos = end + close.length();
    }
}
