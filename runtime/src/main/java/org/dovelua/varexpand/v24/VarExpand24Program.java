package org.dovelua.varexpand.v24;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * Dovecot 2.4's var-expand program: the lexer (src/lib-var-expand/var-expand-lexer.l) and the
 * grammar (var-expand-parser.y) turned into a list of programs, one per literal run or
 * {@code %{...}}, each a chain of statements. Works on byte strings (one char per byte). Syntax
 * errors carry bison's verbose texts ({@code syntax error, unexpected X, expecting Y}) for the
 * cases the hand-written parser can name; the scanner's own errors are exact.
 */
final class VarExpand24Program {
    enum Type { STRING, INT, VARIABLE }

    /** {@code struct var_expand_parameter}: positional ({@code idx >= 0}) or named ({@code key}). */
    record Param(int idx, String key, Type type, String str, long num) {
    }

    /** {@code struct var_expand_statement}: a function (or, first in a program, a variable) name. */
    record Statement(String function, List<Param> params) {
    }

    /** {@code struct var_expand_program}. */
    record Program(List<Statement> statements, boolean onlyLiteral) {
    }

    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private enum Tok { PERC, OCBRACE, CCBRACE, PIPE, OBRACE, CBRACE, COMMA, EQ, PLUS, MINUS, STAR, SLASH, NAME,
        VALUE, NUMBER, END }

    private record Token(Tok tok, String text) {
    }

    private final String in;
    /** 2.4.1 and 2.4.2's lexer has a stray rule {@code y} with an empty action (removed in 5029ec61fe). */
    private final boolean strayY;
    private int pos;
    private boolean inExpr;
    private Token la;

    private VarExpand24Program(String in, boolean strayY) {
        this.in = in;
        this.strayY = strayY;
    }

    /** var_expand_program_create(). {@code template} is a byte string. */
    static List<Program> parse(String template, DovecotVersion version) throws SyntaxError {
        return new VarExpand24Program(template, version.has(Since.VAR_EXPAND_STRAY_Y)).programs();
    }

    // ---- scanner (var-expand-lexer.l) ----

    private Token next() throws SyntaxError {
        if (la != null) {
            Token t = la;
            la = null;
            return t;
        }
        return scan();
    }

    private Token peek() throws SyntaxError {
        if (la == null) {
            la = scan();
        }
        return la;
    }

    private Token scan() throws SyntaxError {
        if (!inExpr) {
            if (pos >= in.length()) {
                return new Token(Tok.END, null);
            }
            if (in.startsWith("%{", pos)) {
                pos += 2;
                inExpr = true;
                return new Token(Tok.OCBRACE, null);
            }
            if (in.startsWith("%%{", pos)) {
                pos += 3;
                return new Token(Tok.VALUE, "%{");
            }
            if (in.charAt(pos) == '%') {
                pos++;
                return new Token(Tok.PERC, null);
            }
            int end = in.indexOf('%', pos);
            if (end < 0) {
                end = in.length();
            }
            String v = in.substring(pos, end);
            pos = end;
            if (strayY && v.equals("y")) {
                // the rule "y" ties with [^%]+ on a one-character run and, coming first, wins:
                // a literal run that is exactly "y" vanishes
                return scan();
            }
            return new Token(Tok.VALUE, v);
        }
        while (pos < in.length()) {
            char c = in.charAt(pos);
            switch (c) {
                case '}' -> {
                    pos++;
                    inExpr = false;
                    return new Token(Tok.CCBRACE, null);
                }
                case ' ', '\t' -> {
                    pos++;
                    continue;
                }
                case '%' -> {
                    pos++;
                    return new Token(Tok.PERC, null);
                }
                case '|' -> {
                    pos++;
                    return new Token(Tok.PIPE, null);
                }
                case '(' -> {
                    pos++;
                    return new Token(Tok.OBRACE, null);
                }
                case ')' -> {
                    pos++;
                    return new Token(Tok.CBRACE, null);
                }
                case ',' -> {
                    pos++;
                    return new Token(Tok.COMMA, null);
                }
                case '=' -> {
                    pos++;
                    return new Token(Tok.EQ, null);
                }
                case '+' -> {
                    pos++;
                    return new Token(Tok.PLUS, null);
                }
                case '-' -> {
                    pos++;
                    return new Token(Tok.MINUS, null);
                }
                case '*' -> {
                    pos++;
                    return new Token(Tok.STAR, null);
                }
                case '/' -> {
                    pos++;
                    return new Token(Tok.SLASH, null);
                }
                case '\'', '"' -> {
                    pos++;
                    String q = quoted(c);
                    // flex ends the input inside an unterminated string without a token
                    return q == null ? new Token(Tok.END, null) : new Token(Tok.VALUE, q);
                }
                default -> {
                    if (c >= '0' && c <= '9') {
                        int s = pos;
                        while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
                            pos++;
                        }
                        return new Token(Tok.NUMBER, in.substring(s, pos));
                    }
                    if (nameStart(c)) {
                        int s = pos++;
                        while (pos < in.length() && nameChar(in.charAt(pos))) {
                            pos++;
                        }
                        return new Token(Tok.NAME, utf8(in.substring(s, pos)));
                    }
                    // flex's default rule: an unmatched character is echoed and skipped
                    pos++;
                }
            }
        }
        return new Token(Tok.END, null);
    }

    private static boolean nameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80;
    }

    private static boolean nameChar(char c) {
        return nameStart(c) || c >= '0' && c <= '9' || "_/;:.-".indexOf(c) >= 0;
    }

    /** The stringsq/stringdq and quote states. */
    private String quoted(char q) throws SyntaxError {
        StringBuilder sb = new StringBuilder();
        StringBuilder run = new StringBuilder();
        while (true) {
            if (pos >= in.length()) {
                utf8(run.toString());
                return null;
            }
            char c = in.charAt(pos++);
            if (c == q) {
                sb.append(utf8(run.toString()));
                return sb.toString();
            }
            if (c != '\\') {
                run.append(c);
                continue;
            }
            sb.append(utf8(run.toString()));
            run.setLength(0);
            char e = pos < in.length() ? in.charAt(pos) : 0;
            if (e == '\\') {
                sb.append('\\');
                pos++;
            } else if (e == 'x' && pos + 2 < in.length() && hex(in.charAt(pos + 1)) && hex(in.charAt(pos + 2))) {
                sb.append((char) Integer.parseInt(in.substring(pos + 1, pos + 3), 16));
                pos += 3;
            } else if (e >= '0' && e <= '9') {
                int s = pos;
                while (pos < in.length() && pos - s < 3 && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
                    pos++;
                }
                String digits = in.substring(s, pos);
                int v = -1;
                if (digits.chars().allMatch(d -> d <= '7')) {
                    v = Integer.parseInt(digits, 8);
                }
                if (v < 0 || v > 255) {
                    throw new SyntaxError("Invalid character escape");
                }
                sb.append((char) v);
            } else if (e == 't' || e == 'r' || e == 'n' || e == '"' || e == '\'') {
                sb.append(switch (e) {
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    default -> e;
                });
                pos++;
            } else {
                throw new SyntaxError("Invalid character escape");
            }
        }
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** append_valid_utf8(): the byte string must be valid UTF-8. */
    private static String utf8(String bytes) throws SyntaxError {
        byte[] b = bytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SyntaxError("Invalid UTF-8 string");
        }
        return bytes;
    }

    // ---- grammar (var-expand-parser.y) ----

    private List<Param> params = new ArrayList<>();
    private int idx;

    private List<Program> programs() throws SyntaxError {
        List<Program> out = new ArrayList<>();
        while (true) {
            Token t = next();
            switch (t.tok()) {
                case END -> {
                    return out;
                }
                case VALUE -> out.add(literal(t.text()));
                case PERC -> out.add(literal("%"));
                case OCBRACE -> out.add(new Program(filterList(), false));
                default -> throw unexpected(t, "end of file");
            }
        }
    }

    private static Program literal(String s) {
        return new Program(List.of(new Statement("literal", List.of(new Param(0, null, Type.STRING, s, 0)))), true);
    }

    /** filter_list CCBRACE. */
    private List<Statement> filterList() throws SyntaxError {
        List<Statement> stmts = new ArrayList<>();
        while (true) {
            Token t = peek();
            boolean filtered = false;
            if (t.tok() == Tok.NAME) {
                next();
                arguments();
                push(stmts, t.text());
                math(stmts);
                t = peek();
                filtered = true;
            }
            if (t.tok() == Tok.PIPE) {
                next();
                continue;
            }
            if (t.tok() == Tok.CCBRACE) {
                next();
                return stmts;
            }
            next();
            // before a filter the (empty) filter and NAME are possible; after one, bison has made
            // its default reductions and only the list's own tokens remain (as real 2.4.1 says)
            throw unexpected(t, filtered ? "CCBRACE or PIPE" : "CCBRACE or PIPE or NAME");
        }
    }

    private void arguments() throws SyntaxError {
        if (peek().tok() != Tok.OBRACE) {
            return;
        }
        next();
        while (true) {
            argument();
            Token t = next();
            if (t.tok() == Tok.CBRACE) {
                return;
            }
            if (t.tok() != Tok.COMMA) {
                throw unexpected(t, "CBRACE or COMMA");
            }
        }
    }

    private void argument() throws SyntaxError {
        Token t = next();
        switch (t.tok()) {
            case VALUE -> positional(Type.STRING, t.text(), 0);
            case MINUS, NUMBER -> positional(Type.INT, null, number(t));
            case NAME -> {
                if (peek().tok() == Tok.EQ) {
                    next();
                    String key = t.text().toLowerCase(java.util.Locale.ROOT);
                    Token v = next();
                    switch (v.tok()) {
                        case VALUE -> named(key, Type.STRING, v.text(), 0);
                        case NAME -> named(key, Type.VARIABLE, v.text(), 0);
                        case MINUS, NUMBER -> named(key, Type.INT, null, number(v));
                        default -> throw unexpected(v, ARGUMENT);
                    }
                } else {
                    positional(Type.VARIABLE, t.text(), 0);
                }
            }
            default -> throw unexpected(t, ARGUMENT);
        }
    }

    private long number(Token t) throws SyntaxError {
        String digits;
        if (t.tok() == Tok.MINUS) {
            Token n = next();
            if (n.tok() != Tok.NUMBER) {
                throw unexpected(n, "NUMBER");
            }
            digits = "-" + n.text();
        } else {
            digits = t.text();
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new SyntaxError("Not a number");
        }
    }

    /** math: operator (number | NAME), pushed as calculate(oper, value). */
    private void math(List<Statement> stmts) throws SyntaxError {
        Tok op = peek().tok();
        long oper = switch (op) {
            case PLUS -> 0;
            case MINUS -> 1;
            case STAR -> 2;
            case SLASH -> 3;
            case PERC -> 4;
            default -> -1;
        };
        if (oper < 0) {
            return;
        }
        next();
        positional(Type.INT, null, oper);
        Token t = next();
        switch (t.tok()) {
            case NAME -> positional(Type.VARIABLE, t.text(), 0);
            case MINUS, NUMBER -> positional(Type.INT, null, number(t));
            default -> throw unexpected(t, "MINUS or NAME or NUMBER");
        }
        push(stmts, "calculate");
    }

    private void positional(Type type, String s, long n) {
        link(new Param(idx++, null, type, s, n));
    }

    private void named(String key, Type type, String s, long n) {
        link(new Param(-1, key, type, s, n));
    }

    /** link_argument(): positional ones first by index, then named ones sorted by key. */
    private void link(Param p) {
        int at = params.size();
        for (int i = 0; i < params.size(); i++) {
            Param q = params.get(i);
            boolean before = p.idx() >= 0 ? q.idx() < 0 || p.idx() < q.idx()
                    : q.idx() < 0 && q.key().compareTo(p.key()) >= 0;
            if (before) {
                at = i;
                break;
            }
        }
        params.add(at, p);
    }

    private void push(List<Statement> stmts, String function) {
        stmts.add(new Statement(function, List.copyOf(params)));
        params = new ArrayList<>();
        idx = 0;
    }

    private static String name(Token t) {
        return t.tok() == Tok.END ? "end of file" : t.tok().name();
    }

    /** What an argument may start with, in bison's token order. */
    private static final String ARGUMENT = "MINUS or NAME or VALUE or NUMBER";

    /**
     * bison's verbose message ({@code %define parse.error verbose}): the unexpected token, then the
     * tokens the state could shift, in declaration order.
     */
    private static SyntaxError unexpected(Token t, String expecting) {
        return new SyntaxError("syntax error, unexpected " + name(t) + ", expecting " + expecting);
    }
}
