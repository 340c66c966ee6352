package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code mime.core}, LuaSocket 3.1.0's C core of {@code mime} (luasocket src/mime.c), under
 * Debian's real {@code mime.lua}: the low-level filters {@code b64}, {@code unb64}, {@code qp},
 * {@code unqp}, {@code wrp}, {@code qpwrp}, {@code eol} and {@code dot}, each called with the
 * carry of the previous call as LTN12 filters are. Counts come back as floats
 * ({@code lua_pushnumber}), as in the C code.
 */
public final class MimeCoreLib extends TwoArgFunction {
    private static final String CRLF = "\r\n";
    private static final String EQCRLF = "=\r\n";
    private static final byte[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes();
    private static final byte[] HEX = "0123456789ABCDEF".getBytes();
    private static final int[] UNBASE = new int[256];
    private static final int[] QP_UNBASE = new int[256];
    private static final int QP_PLAIN = 0;
    private static final int QP_QUOTED = 1;
    private static final int QP_IF_LAST = 2;
    private static final int QP_CR = 3;
    private static final int[] QP_CLASS = new int[256];

    static {
        // b64setup, qpsetup (mime.c)
        java.util.Arrays.fill(UNBASE, 255);
        for (int i = 0; i < 64; i++) {
            UNBASE[B64[i]] = i;
        }
        UNBASE['='] = 0;
        java.util.Arrays.fill(QP_UNBASE, 255);
        for (int i = 0; i < 10; i++) {
            QP_UNBASE['0' + i] = i;
        }
        for (int i = 0; i < 6; i++) {
            QP_UNBASE['A' + i] = 10 + i;
            QP_UNBASE['a' + i] = 10 + i;
        }
        java.util.Arrays.fill(QP_CLASS, QP_QUOTED);
        for (int i = 33; i <= 60; i++) {
            QP_CLASS[i] = QP_PLAIN;
        }
        for (int i = 62; i <= 126; i++) {
            QP_CLASS[i] = QP_PLAIN;
        }
        QP_CLASS['\t'] = QP_IF_LAST;
        QP_CLASS[' '] = QP_IF_LAST;
        QP_CLASS['\r'] = QP_CR;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable mime = new LuaTable();
        mime.set("_VERSION", "MIME 1.0.3");
        mime.set("b64", LuaArgs.fn("b64", a -> carried(a, new Atom(3) {
            @Override
            void add(int c, Out out) {
                atom[size++] = (byte) c;
                if (size == 3) {
                    encode(out, 3);
                    size = 0;
                }
            }

            @Override
            void pad(Out out) {
                if (size > 0) {
                    encode(out, size);
                }
                size = 0;
            }

            private void encode(Out out, int n) {
                int v = (atom[0] & 0xff) << 16 | (n > 1 ? (atom[1] & 0xff) << 8 : 0) | (n > 2 ? atom[2] & 0xff : 0);
                out.b.write(B64[v >> 18 & 63]);
                out.b.write(B64[v >> 12 & 63]);
                out.b.write(n > 1 ? B64[v >> 6 & 63] : '=');
                out.b.write(n > 2 ? B64[v & 63] : '=');
            }
        }, true, "b64")));
        mime.set("unb64", LuaArgs.fn("unb64", a -> carried(a, new Atom(4) {
            @Override
            void add(int c, Out out) {
                if (UNBASE[c] > 64) {
                    return; // b64decode ignores what is not in the alphabet
                }
                atom[size++] = (byte) c;
                if (size == 4) {
                    int v = UNBASE[atom[0] & 0xff] << 18 | UNBASE[atom[1] & 0xff] << 12
                            | UNBASE[atom[2] & 0xff] << 6 | UNBASE[atom[3] & 0xff];
                    int valid = atom[2] == '=' ? 1 : atom[3] == '=' ? 2 : 3;
                    byte[] d = {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
                    out.b.write(d, 0, valid);
                    size = 0;
                }
            }
        }, false, "unb64")));
        mime.set("qp", LuaArgs.fn("qp", a -> {
            String marker = LuaArgs.optString(a, 3, "qp", CRLF);
            return carried(a, new Atom(3) {
                @Override
                void add(int c, Out out) {
                    atom[size++] = (byte) c;
                    qpencode(this, marker, out);
                }

                @Override
                void pad(Out out) {
                    for (int i = 0; i < size; i++) {
                        int c = atom[i] & 0xff;
                        if (QP_CLASS[c] == QP_PLAIN) {
                            out.b.write(c);
                        } else {
                            quote(c, out);
                        }
                    }
                    if (size > 0) {
                        out.add(EQCRLF);
                    }
                    size = 0;
                }
            }, true, "qp");
        }));
        mime.set("unqp", LuaArgs.fn("unqp", a -> carried(a, new Atom(3) {
            @Override
            void add(int c, Out out) {
                atom[size++] = (byte) c;
                qpdecode(this, out);
            }
        }, false, "unqp")));
        mime.set("eol", LuaArgs.fn("eol", a -> {
            int ctx = (int) LuaArgs.checkInteger(a, 1, "eol");
            LuaString input = optBytes(a, 2, "eol");
            String marker = LuaArgs.optString(a, 3, "eol", CRLF);
            if (input == null) {
                return varargsOf(NIL, Lua54Arith.number(0));
            }
            Out out = new Out();
            for (int i = 0; i < input.rawlen(); i++) {
                int c = input.luaByte(i);
                boolean candidate = c == '\r' || c == '\n';
                if (candidate) {
                    if (ctx == '\r' || ctx == '\n') {
                        if (c == ctx) {
                            out.add(marker);
                        }
                        ctx = 0;
                    } else {
                        out.add(marker);
                        ctx = c;
                    }
                } else {
                    out.b.write(c);
                    ctx = 0;
                }
            }
            return varargsOf(out.string(), Lua54Arith.number(ctx));
        }));
        mime.set("wrp", LuaArgs.fn("wrp", a -> wrap(a, "wrp", false)));
        mime.set("qpwrp", LuaArgs.fn("qpwrp", a -> wrap(a, "qpwrp", true)));
        mime.set("dot", LuaArgs.fn("dot", a -> {
            long state = (long) LuaArgs.checkNumber(a, 1, "dot");
            LuaString input = optBytes(a, 2, "dot");
            if (input == null) {
                return varargsOf(NIL, Lua54Arith.number(2));
            }
            Out out = new Out();
            for (int i = 0; i < input.rawlen(); i++) {
                int c = input.luaByte(i);
                out.b.write(c);
                switch (c) {
                    case '\r' -> state = 1;
                    case '\n' -> state = state == 1 ? 2 : 0;
                    case '.' -> {
                        if (state == 2) {
                            out.b.write('.');
                        }
                        state = 0;
                    }
                    default -> state = 0;
                }
            }
            return varargsOf(out.string(), Lua54Arith.number(state));
        }));
        return mime;
    }

    /** The output buffer of one call. */
    private static final class Out {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();

        void add(String s) {
            for (int i = 0; i < s.length(); i++) {
                b.write(s.charAt(i));
            }
        }

        LuaString string() {
            return LuaString.valueUsing(b.toByteArray());
        }
    }

    /** The bytes carried from one call to the next (mime.c's {@code atom}). */
    private abstract static class Atom {
        final byte[] atom;
        int size;

        Atom(int capacity) {
            atom = new byte[capacity];
        }

        abstract void add(int c, Out out);

        /** What the end of input flushes (b64pad, qppad); the decoders drop the rest. */
        void pad(Out out) {
        }
    }

    /**
     * The shape every atom filter of mime.c shares: {@code (C, D)} processes C; with D nil the
     * atom is padded and an empty result is nil; otherwise D is processed too and the atom left
     * over is the second result.
     */
    private static Varargs carried(Varargs a, Atom atom, boolean pads, String fn) {
        LuaString c = optBytes(a, 1, fn);
        if (c == null) {
            return varargsOf(NIL, NIL);
        }
        Out out = new Out();
        for (int i = 0; i < c.rawlen(); i++) {
            atom.add(c.luaByte(i), out);
        }
        LuaString d = optBytes(a, 2, fn);
        if (d == null) {
            if (pads) {
                atom.pad(out);
            }
            return out.b.size() == 0 ? varargsOf(NIL, NIL) : varargsOf(out.string(), NIL);
        }
        for (int i = 0; i < d.rawlen(); i++) {
            atom.add(d.luaByte(i), out);
        }
        return varargsOf(out.string(), LuaString.valueOf(java.util.Arrays.copyOf(atom.atom, atom.size)));
    }

    private static LuaString optBytes(Varargs a, int i, String fn) {
        LuaValue v = a.arg(i);
        if (v.isnil()) {
            return null;
        }
        if (v.type() == TSTRING || v.type() == TNUMBER) {
            return v.strvalue();
        }
        throw LuaArgs.typeError(a, i, fn, "string");
    }

    private static void quote(int c, Out out) {
        out.b.write('=');
        out.b.write(HEX[c >> 4]);
        out.b.write(HEX[c & 15]);
    }

    /** {@code qpencode}: what the atom decides, shifting it down as bytes are settled. */
    private static void qpencode(Atom a, String marker, Out out) {
        byte[] in = a.atom;
        while (a.size > 0) {
            int c = in[0] & 0xff;
            switch (QP_CLASS[c]) {
                case QP_CR -> {
                    if (a.size < 2) {
                        return;
                    }
                    if (in[1] == '\n') {
                        out.add(marker);
                        a.size = 0;
                        return;
                    }
                    quote(c, out);
                }
                case QP_IF_LAST -> {
                    if (a.size < 3) {
                        return;
                    }
                    if (in[1] == '\r' && in[2] == '\n') {
                        quote(c, out);
                        out.add(marker);
                        a.size = 0;
                        return;
                    }
                    out.b.write(c);
                }
                case QP_QUOTED -> quote(c, out);
                default -> out.b.write(c);
            }
            in[0] = in[1];
            in[1] = in[2];
            a.size--;
        }
    }

    /** {@code qpdecode}. */
    private static void qpdecode(Atom a, Out out) {
        byte[] in = a.atom;
        switch (in[0]) {
            case '=' -> {
                if (a.size < 3) {
                    return;
                }
                if (!(in[1] == '\r' && in[2] == '\n')) {
                    int c = QP_UNBASE[in[1] & 0xff];
                    int d = QP_UNBASE[in[2] & 0xff];
                    if (c > 15 || d > 15) {
                        out.b.write(in, 0, 3);
                    } else {
                        out.b.write((c << 4) + d);
                    }
                }
            }
            case '\r' -> {
                if (a.size < 2) {
                    return;
                }
                if (in[1] == '\n') {
                    out.b.write(in, 0, 2);
                }
            }
            default -> {
                int c = in[0] & 0xff;
                if (c == '\t' || (c > 31 && c < 127)) {
                    out.b.write(c);
                }
            }
        }
        a.size = 0;
    }

    /** {@code mime_global_wrp} and {@code mime_global_qpwrp}. */
    private static Varargs wrap(Varargs a, String fn, boolean qp) {
        int left = (int) LuaArgs.checkNumber(a, 1, fn);
        LuaString input = optBytes(a, 2, fn);
        int length = a.isnil(3) ? 76 : (int) LuaArgs.checkNumber(a, 3, fn);
        if (input == null) {
            return varargsOf(left < length ? valueOf(qp ? EQCRLF : CRLF) : NIL, Lua54Arith.number(length));
        }
        Out out = new Out();
        for (int i = 0; i < input.rawlen(); i++) {
            int c = input.luaByte(i);
            switch (c) {
                case '\r' -> {
                }
                case '\n' -> {
                    out.add(CRLF);
                    left = length;
                }
                default -> {
                    int room = qp ? (c == '=' ? 3 : 1) : 0;
                    if (left <= room) {
                        left = length;
                        out.add(qp ? EQCRLF : CRLF);
                    }
                    out.b.write(c);
                    left--;
                }
            }
        }
        return varargsOf(out.string(), Lua54Arith.number(left));
    }
}
