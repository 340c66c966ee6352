package org.dovelua.lua.lua54;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovelua.lua.lua54.Lua54Lexer.Kind;
import org.dovelua.lua.lua54.Lua54Lexer.Token;
import org.dovelua.lua.lua54.vm.LuaSyntaxErrors;
import org.luaj.vm2.LuaError;

/**
 * Source-to-source front end: rewrites the Lua 5.4 syntax LuaJ 3.0.1 (Lua 5.2) cannot compile
 * into Lua 5.2 that means the same, so a deployed script loads unmodified.
 * <ul>
 * <li>{@code a // b}, {@code a & b}, {@code a | b}, {@code a ~ b}, {@code a << b}, {@code a >> b}
 * and unary {@code ~a} become calls of the {@code __dovelua_*} helpers {@link Lua54Lib} installs,
 * grouped by the priorities of lparser.c (manual §3.4.8);</li>
 * <li>{@code \\u{XXX}} escapes become decimal escapes ({@link Lua54Escapes});</li>
 * <li>{@code <const>} is dropped (the compiler checks it; a script that loads under 5.4 never
 * assigns one);</li>
 * <li>{@code <close>} is refused with the script's file and line: LuaJ has no hook to run
 * {@code __close} on every way out of a block (error, break, goto, return).</li>
 * </ul>
 * The rewrite never adds or removes a newline, so LuaJ's error positions and tracebacks stay the
 * script's own lines. Where the front end cannot parse an expression it leaves the text as it
 * is, and LuaJ reports the syntax error at its line.
 */
public final class Lua54Syntax {
    /** Binary operators LuaJ lacks, with the helper each becomes. */
    static final Map<String, String> BINARY_HELPERS = Map.of("//", "__dovelua_idiv", "&", "__dovelua_band",
            "|", "__dovelua_bor", "~", "__dovelua_bxor", "<<", "__dovelua_shl", ">>", "__dovelua_shr");
    static final String BNOT_HELPER = "__dovelua_bnot";
    /**
     * Where the helpers are looked up: the string metatable's {@code __index}, which every
     * state shares and no {@code _ENV} can hide, so a chunk loaded with its own environment
     * still finds them and {@code _G} does not show them.
     */
    static final String HELPERS = "(\"\").";

    /** lparser.c's priority table: {left, right} per binary operator. */
    private static final Map<String, int[]> PRIORITY = Map.ofEntries(
            Map.entry("+", new int[] {10, 10}), Map.entry("-", new int[] {10, 10}),
            Map.entry("*", new int[] {11, 11}), Map.entry("%", new int[] {11, 11}),
            Map.entry("^", new int[] {14, 13}),
            Map.entry("/", new int[] {11, 11}), Map.entry("//", new int[] {11, 11}),
            Map.entry("&", new int[] {6, 6}), Map.entry("|", new int[] {4, 4}), Map.entry("~", new int[] {5, 5}),
            Map.entry("<<", new int[] {7, 7}), Map.entry(">>", new int[] {7, 7}),
            Map.entry("..", new int[] {9, 8}),
            Map.entry("==", new int[] {3, 3}), Map.entry("<", new int[] {3, 3}), Map.entry("<=", new int[] {3, 3}),
            Map.entry("~=", new int[] {3, 3}), Map.entry(">", new int[] {3, 3}), Map.entry(">=", new int[] {3, 3}),
            Map.entry("and", new int[] {2, 2}), Map.entry("or", new int[] {1, 1}));
    private static final int UNARY_PRIORITY = 12;
    private static final Set<String> UNARY = Set.of("-", "not", "#", "~");

    private final String src;
    private final String chunkname;
    private final List<Token> toks;

    private Lua54Syntax(String src, String chunkname) {
        this.src = src;
        this.chunkname = chunkname;
        this.toks = Lua54Lexer.tokens(src);
    }

    /**
     * The source LuaJ should compile. Bytes are read as ISO-8859-1 so a script's binary string
     * literals come back byte for byte. A {@code <close>} variable is a {@link LuaError} in
     * Lua's {@code file:line: message} form.
     */
    public static byte[] rewrite(String chunkname, byte[] source) {
        if (source.length > 0 && source[0] == 0x1B) {
            return source; // a precompiled chunk: nothing to rewrite
        }
        String text = new String(source, java.nio.charset.StandardCharsets.ISO_8859_1);
        String out = rewrite(chunkname, text);
        return out == text ? source : out.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@link #rewrite(String, byte[])} on text; returns {@code source} itself when nothing changes. */
    public static String rewrite(String chunkname, String original) {
        String source = Lua54Escapes.rewrite(original);
        if (!mayNeedRewrite(source)) {
            return source; // the common case: plain 5.2 syntax costs one scan of the text
        }
        Lua54Syntax s;
        try {
            s = new Lua54Syntax(source, chunkname);
        } catch (Lua54Lexer.LexError e) {
            return source; // LuaJ's own lexer reports it, at the right line
        }
        Parser p = s.new Parser();
        String out;
        try {
            out = s.emit(p.chunk());
        } catch (ParseFailure e) {
            // not valid Lua: rewrite what was parsed before the error, so LuaJ's parser stops
            // at the script's real error and names its line
            out = s.emit(p.partial());
        }
        return out.equals(original) ? original : out;
    }

    private static boolean mayNeedRewrite(String s) {
        return s.indexOf('/') >= 0 || s.indexOf('&') >= 0 || s.indexOf('|') >= 0 || s.indexOf('~') >= 0
                || s.indexOf('<') >= 0 || s.indexOf('>') >= 0;
    }

    /** The chunk name as a syntax error prints it (lobject.c luaO_chunkid). */
    private String chunkid() {
        return LuaSyntaxErrors.chunkid(chunkname);
    }

    private int line(int offset) {
        int n = 1;
        for (int k = 0; k < offset; k++) {
            if (src.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    // ---- the chunk as a tree of spans, and its emission ----

    /**
     * A piece of the text: its span, the sub-pieces inside it that may need rewriting, and, for
     * a 5.4 operator, the helper it becomes; {@code replacement} is fixed text (a dropped
     * {@code <const>}).
     */
    private static final class Node {
        final int start;
        final int end;
        final List<Node> children;
        String helper;
        Token op;
        String replacement;

        Node(int start, int end, List<Node> children) {
            this.start = start;
            this.end = end;
            this.children = children;
        }
    }

    private String emit(Node n) {
        if (n.replacement != null) {
            return n.replacement;
        }
        if (n.helper != null && n.children.size() == 2) {
            Node a = n.children.get(0);
            Node b = n.children.get(1);
            // the operator becomes the comma; the text around it (maybe newlines) stays. The
            // call is parenthesized: an operator is no tail call, and an error in it must carry
            // the line LuaJ adds only inside the calling function's frame
            return "(" + HELPERS + n.helper + "(" + emit(a) + src.substring(a.end, n.op.start()) + ","
                    + src.substring(n.op.end(), b.start) + emit(b) + "))";
        }
        if (n.helper != null) {
            Node a = n.children.get(0);
            return "(" + HELPERS + n.helper + "(" + src.substring(n.op.end(), a.start) + emit(a) + "))";
        }
        StringBuilder sb = new StringBuilder();
        int at = n.start;
        for (Node c : n.children) {
            sb.append(src, at, c.start).append(emit(c));
            at = c.end;
        }
        return sb.append(src, at, n.end).toString();
    }

    private static final class ParseFailure extends RuntimeException {
        ParseFailure() {
            super(null, null, false, false);
        }
    }

    /** lparser.c's grammar over the token list, building {@link Node}s for what needs rewriting. */
    private final class Parser {
        int pos;
        /** Every rewriting node built so far, in the order they were finished. */
        private final List<Node> finished = new ArrayList<>();

        /** The outermost finished rewrites, for a chunk that failed to parse. */
        Node partial() {
            List<Node> sorted = new ArrayList<>(finished);
            sorted.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(b.end, a.end));
            List<Node> outer = new ArrayList<>();
            int at = 0;
            for (Node n : sorted) {
                if (n.start >= at) {
                    outer.add(n);
                    at = n.end;
                }
            }
            return new Node(0, src.length(), outer);
        }

        private Token peek() {
            return toks.get(Math.min(pos, toks.size() - 1));
        }

        private Token peek(int ahead) {
            return toks.get(Math.min(pos + ahead, toks.size() - 1));
        }

        private Token take() {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                throw new ParseFailure();
            }
            pos++;
            return t;
        }

        private Token expect(String s) {
            Token t = take();
            if (!t.is(s)) {
                throw new ParseFailure();
            }
            return t;
        }

        private void name() {
            if (take().kind() != Kind.NAME) {
                throw new ParseFailure();
            }
        }

        /** mainfunc(): the whole chunk. */
        Node chunk() {
            List<Node> out = new ArrayList<>();
            block(out);
            if (peek().kind() != Kind.EOF) {
                throw new ParseFailure();
            }
            return new Node(0, src.length(), out);
        }

        private boolean blockFollow() {
            Token t = peek();
            return t.kind() == Kind.EOF || t.is("end") || t.is("else") || t.is("elseif") || t.is("until");
        }

        /** statlist(). */
        private void block(List<Node> out) {
            while (!blockFollow()) {
                if (peek().is("return")) {
                    take();
                    if (!blockFollow() && !peek().is(";")) {
                        exprList(out);
                    }
                    if (peek().is(";")) {
                        take();
                    }
                    return;
                }
                statement(out);
            }
        }

        /** statement(). */
        private void statement(List<Node> out) {
            Token t = peek();
            if (t.is(";") || t.is("break")) {
                take();
            } else if (t.is("::")) {
                take();
                name();
                expect("::");
            } else if (t.is("goto")) {
                take();
                name();
            } else if (t.is("do")) {
                take();
                block(out);
                expect("end");
            } else if (t.is("while")) {
                take();
                out.add(expr(0));
                expect("do");
                block(out);
                expect("end");
            } else if (t.is("repeat")) {
                take();
                block(out);
                expect("until");
                out.add(expr(0));
            } else if (t.is("if")) {
                take();
                out.add(expr(0));
                expect("then");
                block(out);
                while (peek().is("elseif")) {
                    take();
                    out.add(expr(0));
                    expect("then");
                    block(out);
                }
                if (peek().is("else")) {
                    take();
                    block(out);
                }
                expect("end");
            } else if (t.is("for")) {
                take();
                name();
                if (peek().is("=")) {
                    take();
                    exprList(out);
                } else {
                    while (peek().is(",")) {
                        take();
                        name();
                    }
                    expect("in");
                    exprList(out);
                }
                expect("do");
                block(out);
                expect("end");
            } else if (t.is("function")) {
                take();
                name();
                while (peek().is(".") || peek().is(":")) {
                    take();
                    name();
                }
                body(out);
            } else if (t.is("local")) {
                take();
                if (peek().is("function")) {
                    take();
                    name();
                    body(out);
                } else {
                    localNames(out);
                    if (peek().is("=")) {
                        take();
                        exprList(out);
                    }
                }
            } else {
                // exprstat(): a call, or an assignment to a list of suffixed expressions
                out.add(suffixed());
                if (peek().is("=") || peek().is(",")) {
                    while (peek().is(",")) {
                        take();
                        out.add(suffixed());
                    }
                    expect("=");
                    exprList(out);
                }
            }
        }

        /** attnamelist: {@code <const>} becomes blanks, {@code <close>} is refused. */
        private void localNames(List<Node> out) {
            do {
                name();
                if (peek().is("<")) {
                    Token open = take();
                    Token attrib = take();
                    Token close = expect(">");
                    if (attrib.text().equals("close")) {
                        throw new LuaError(chunkid() + ":" + line(open.start())
                                + ": attribute 'close' is not supported by dovelua (LuaJ 3.0.1 has no to-be-closed variables)");
                    }
                    if (!attrib.text().equals("const")) {
                        throw new LuaError(chunkid() + ":" + line(attrib.start())
                                + ": unknown attribute '" + attrib.text() + "'");
                    }
                    Node blank = new Node(open.start(), close.end(), List.of());
                    blank.replacement = " ".repeat(close.end() - open.start());
                    out.add(blank);
                    finished.add(blank);
                }
            } while (peek().is(",") && take() != null);
        }

        /** body(): parameters, then the statements up to the matching {@code end}. */
        private void body(List<Node> out) {
            expect("(");
            while (!peek().is(")")) {
                take();
            }
            expect(")");
            block(out);
            expect("end");
        }

        private void exprList(List<Node> out) {
            out.add(expr(0));
            while (peek().is(",")) {
                take();
                out.add(expr(0));
            }
        }

        /** subexpr(): unary operators, then binary operators whose left priority beats {@code lim}. */
        Node expr(int lim) {
            Node left;
            Token t = peek();
            if (UNARY.contains(t.text()) && (t.kind() == Kind.OP || t.kind() == Kind.KEYWORD)) {
                take();
                Node operand = expr(UNARY_PRIORITY);
                left = new Node(t.start(), operand.end, new ArrayList<>(List.of(operand)));
                if (t.is("~")) {
                    left.helper = BNOT_HELPER;
                    left.op = t;
                    finished.add(left);
                }
            } else {
                left = simple();
            }
            while (true) {
                Token op = peek();
                int[] pr = (op.kind() == Kind.OP || op.kind() == Kind.KEYWORD) ? PRIORITY.get(op.text()) : null;
                if (pr == null || pr[0] <= lim) {
                    return left;
                }
                take();
                Node right = expr(pr[1]);
                Node n = new Node(left.start, right.end, new ArrayList<>(List.of(left, right)));
                n.helper = BINARY_HELPERS.get(op.text());
                n.op = op;
                if (n.helper != null) {
                    finished.add(n);
                }
                left = n;
            }
        }

        /** simpleexp(). */
        private Node simple() {
            Token t = peek();
            if (t.kind() == Kind.NUMBER || t.kind() == Kind.STRING || t.is("nil") || t.is("true")
                    || t.is("false") || t.is("...")) {
                take();
                return new Node(t.start(), t.end(), List.of());
            }
            if (t.is("{")) {
                return table();
            }
            if (t.is("function")) {
                take();
                List<Node> children = new ArrayList<>();
                body(children);
                return new Node(t.start(), toks.get(pos - 1).end(), children);
            }
            return suffixed();
        }

        private Node suffixed() {
            Token first = peek();
            List<Node> children = new ArrayList<>();
            if (first.kind() == Kind.NAME) {
                take();
            } else if (first.is("(")) {
                take();
                children.add(expr(0));
                expect(")");
            } else {
                throw new ParseFailure();
            }
            while (true) {
                Token t = peek();
                if (t.is(".")) {
                    take();
                    name();
                } else if (t.is(":")) {
                    take();
                    name();
                    args(children);
                } else if (t.is("[")) {
                    take();
                    children.add(expr(0));
                    expect("]");
                } else if (t.is("(") || t.is("{") || t.kind() == Kind.STRING) {
                    args(children);
                } else {
                    return new Node(first.start(), toks.get(pos - 1).end(), children);
                }
            }
        }

        private void args(List<Node> children) {
            Token t = peek();
            if (t.kind() == Kind.STRING) {
                take();
            } else if (t.is("{")) {
                children.add(table());
            } else {
                expect("(");
                if (!peek().is(")")) {
                    exprList(children);
                }
                expect(")");
            }
        }

        private Node table() {
            Token open = expect("{");
            List<Node> children = new ArrayList<>();
            while (!peek().is("}")) {
                if (peek().is("[")) {
                    take();
                    children.add(expr(0));
                    expect("]");
                    expect("=");
                } else if (peek().kind() == Kind.NAME && peek(1).is("=")) {
                    take();
                    take();
                }
                children.add(expr(0));
                if (peek().is(",") || peek().is(";")) {
                    take();
                } else {
                    break;
                }
            }
            Token close = expect("}");
            return new Node(open.start(), close.end(), children);
        }
    }
}
