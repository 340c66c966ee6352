package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.CFormat;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** lua-cjson 2.1.0's {@code json_append_data} and friends, writing bytes as the C strbuf does. */
final class CjsonEncoder {
    /** {@code char2escape}: control characters, {@code "}, {@code /}, {@code \}, DEL. */
    private static final String[] ESCAPES = new String[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = String.format("\\u%04x", c);
        }
        ESCAPES['\b'] = "\\b";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\f'] = "\\f";
        ESCAPES['\r'] = "\\r";
        ESCAPES['"'] = "\\\"";
        ESCAPES['/'] = "\\/";
        ESCAPES['\\'] = "\\\\";
        ESCAPES[0x7f] = "\\u007f";
    }

    private final CjsonLib.Config cfg;
    private final LuaValue nullValue;
    private final ByteArrayOutputStream out;

    CjsonEncoder(CjsonLib.Config cfg, LuaValue nullValue, ByteArrayOutputStream out) {
        this.cfg = cfg;
        this.nullValue = nullValue;
        this.out = out;
    }

    /** {@code json_append_data}. */
    void append(LuaValue v, int depth) {
        switch (v.type()) {
            case LuaValue.TSTRING -> appendString(v.checkstring());
            case LuaValue.TNUMBER -> appendNumber(v);
            case LuaValue.TBOOLEAN -> write(v.toboolean() ? "true" : "false");
            case LuaValue.TTABLE -> {
                depth++;
                if (depth > cfg.encodeMaxDepth) {
                    throw LuaArgs.positioned("Cannot serialise, excessive nesting (" + depth + ")");
                }
                int len = arrayLength(v);
                if (len > 0) {
                    appendArray(v, depth, len);
                } else {
                    appendObject(v, depth);
                }
            }
            case LuaValue.TNIL -> write("null");
            default -> {
                if (v == nullValue) {
                    write("null");
                } else {
                    throw exception(v, "type not supported");
                }
            }
        }
    }

    private static LuaError exception(LuaValue v, String reason) {
        return LuaArgs.positioned("Cannot serialise " + v.typename() + ": " + reason);
    }

    /**
     * {@code lua_array_length}: -1 for an object (a key that is not an integer >= 1), otherwise
     * the highest index; an excessively sparse array fails or, with convert on, is an object.
     */
    private int arrayLength(LuaValue table) {
        int max = 0;
        int items = 0;
        for (Varargs e = table.next(LuaValue.NIL); !e.arg1().isnil(); e = table.next(e.arg1())) {
            LuaValue key = e.arg1();
            if (key.type() != LuaValue.TNUMBER) {
                return -1;
            }
            double k = key.todouble();
            if (k == 0 || Math.floor(k) != k || k < 1) {
                return -1;
            }
            if (k > max) {
                max = cInt(k);
            }
            items++;
        }
        if (cfg.sparseRatio > 0 && max > (long) items * cfg.sparseRatio && max > cfg.sparseSafe) {
            if (cfg.sparseConvert == 0) {
                throw exception(table, "excessively sparse array");
            }
            return -1;
        }
        return max;
    }

    /** A double stored into a C int on x86-64 ({@code cvttsd2si}): out of range gives INT_MIN. */
    static int cInt(double k) {
        return k >= 2147483648.0 || k < -2147483648.0 ? Integer.MIN_VALUE : (int) k;
    }

    private void appendArray(LuaValue table, int depth, int len) {
        out.write('[');
        for (int i = 1; i <= len; i++) {
            if (i > 1) {
                out.write(',');
            }
            append(table.rawget(i), depth);
        }
        out.write(']');
    }

    private void appendObject(LuaValue table, int depth) {
        out.write('{');
        boolean comma = false;
        for (Varargs e = table.next(LuaValue.NIL); !e.arg1().isnil(); e = table.next(e.arg1())) {
            if (comma) {
                out.write(',');
            }
            comma = true;
            LuaValue key = e.arg1();
            if (key.type() == LuaValue.TNUMBER) {
                out.write('"');
                appendNumber(key);
                write("\":");
            } else if (key.type() == LuaValue.TSTRING) {
                appendString(key.checkstring());
                out.write(':');
            } else {
                throw exception(key, "table key must be a number or string");
            }
            append(e.arg(2), depth);
        }
        out.write('}');
    }

    /** {@code json_append_number}: {@code %.<precision>g}, with the invalid-number setting. */
    private void appendNumber(LuaValue v) {
        double num = v.todouble();
        boolean invalid = Double.isNaN(num) || Double.isInfinite(num);
        if (cfg.encodeInvalidNumbers == 0) {
            if (invalid) {
                throw exception(v, "must not be NaN or Inf");
            }
        } else if (cfg.encodeInvalidNumbers == 1) {
            if (Double.isNaN(num)) {
                write("nan");
                return;
            }
        } else if (invalid) {
            write("null");
            return;
        }
        write(CFormat.g(num, cfg.numberPrecision));
    }

    /** {@code json_append_string}: byte by byte; bytes from 0x80 up pass as they are. */
    private void appendString(LuaString s) {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            int c = s.luaByte(i);
            if (ESCAPES[c] != null) {
                write(ESCAPES[c]);
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    private void write(String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
