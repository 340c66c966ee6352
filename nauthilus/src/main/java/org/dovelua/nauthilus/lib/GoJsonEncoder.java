package org.dovelua.nauthilus.lib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoFloat;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * vadv gopher-lua-libs json/value.go {@code jsonValue.MarshalJSON} under Go's encoding/json
 * {@code Marshal}: empty tables are {@code []} (or {@code {}} with the tableIsObject metatable), a
 * table whose first key is a number must be the sequence 1..n, one whose first key is a string must
 * have only string keys (written key-sorted), every table may be met once only ({@code visited} is
 * never cleared), strings are escaped as encoding/json does with HTML escaping on. Each
 * MarshalJSON level wraps an error in {@code json: error calling MarshalJSON for type json.jsonValue: }.
 */
final class GoJsonEncoder {
    static final String NESTED = "cannot encode recursively nested tables to JSON";
    static final String SPARSE = "cannot encode sparse array";
    static final String INVALID_KEYS = "cannot encode mixed or invalid key types";
    static final String WRAP = "json: error calling MarshalJSON for type json.jsonValue: ";

    /** An encoding error; its text already carries the MarshalJSON prefixes. */
    static final class EncodeError extends Exception {
        EncodeError(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<LuaTable, Boolean> visited = new IdentityHashMap<>();
    GoJsonEncoder() {
    }

    String encode(LuaValue v) throws EncodeError {
        StringBuilder sb = new StringBuilder();
        value(v, sb);
        return sb.toString();
    }

    private void value(LuaValue v, StringBuilder out) throws EncodeError {
        try {
            marshal(v, out);
        } catch (EncodeError e) {
            throw new EncodeError(WRAP + e.getMessage());
        }
    }

    private void marshal(LuaValue v, StringBuilder out) throws EncodeError {
        switch (v.type()) {
            case LuaValue.TBOOLEAN:
                out.append(v.toboolean() ? "true" : "false");
                return;
            case LuaValue.TNUMBER: {
                double d = v.todouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    // encode.go floatEncoder: UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, 64)}
                    throw new EncodeError("json: unsupported value: " + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf"));
                }
                out.append(GoFloat.json(d));
                return;
            }
            case LuaValue.TNIL:
                out.append("null");
                return;
            case LuaValue.TSTRING:
                string(v.checkstring(), out);
                return;
            case LuaValue.TTABLE:
                table((LuaTable) v, out);
                return;
            default:
                throw new EncodeError("cannot encode " + v.typename() + " to JSON");
        }
    }

    private void table(LuaTable t, StringBuilder out) throws EncodeError {
        if (visited.containsKey(t)) {
            throw new EncodeError(NESTED);
        }
        visited.put(t, Boolean.TRUE);
        List<LuaValue[]> entries = entries(t);
        if (entries.isEmpty()) {
            LuaValue mt = t.getmetatable();
            boolean object = mt != null && mt.istable() && mt.rawget(GoJson.OBJECT_MARKER).toboolean();
            out.append(object ? "{}" : "[]");
            return;
        }
        LuaValue first = entries.get(0)[0];
        if (first.type() == LuaValue.TNUMBER) {
            double expected = 1;
            List<LuaValue> items = new ArrayList<>();
            for (LuaValue[] e : entries) {
                if (e[0].type() != LuaValue.TNUMBER) {
                    throw new EncodeError(INVALID_KEYS);
                }
                if (e[0].todouble() != expected) {
                    throw new EncodeError(SPARSE);
                }
                items.add(e[1]);
                expected++;
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(items.get(i), sb);
            }
            out.append(sb).append(']');
        } else if (first.type() == LuaValue.TSTRING) {
            List<LuaValue[]> fields = new ArrayList<>();
            for (LuaValue[] e : entries) {
                if (e[0].type() != LuaValue.TSTRING) {
                    throw new EncodeError(INVALID_KEYS);
                }
                fields.add(e);
            }
            // encoding/json sorts map keys by their string bytes
            fields.sort((a, b) -> Arrays.compareUnsigned(bytes(a[0].checkstring()), bytes(b[0].checkstring())));
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(fields.get(i)[0].checkstring(), sb);
                sb.append(':');
                value(fields.get(i)[1], sb);
            }
            out.append(sb).append('}');
        } else {
            throw new EncodeError(INVALID_KEYS);
        }
    }

    /** gopher-lua table.go MaxArrayIndex: integer keys 1..this-1 live in the array part. */
    private static final double MAX_ARRAY_INDEX = 67108864;

    /**
     * gopher-lua LTable.Next order: RawSetInt keeps every integer key in [1, MaxArrayIndex) in the
     * array part (padding with nils), which Next walks in ascending order before the hash part.
     */
    private static List<LuaValue[]> entries(LuaTable t) {
        List<LuaValue[]> array = new ArrayList<>();
        List<LuaValue[]> hash = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            double d = k.type() == LuaValue.TNUMBER ? k.todouble() : 0;
            boolean arrayKey = k.type() == LuaValue.TNUMBER && d == Math.floor(d) && d >= 1 && d < MAX_ARRAY_INDEX;
            (arrayKey ? array : hash).add(new LuaValue[] {k, n.arg(2)});
        }
        array.sort((a, b) -> Double.compare(a[0].todouble(), b[0].todouble()));
        array.addAll(hash);
        return array;
    }

    static byte[] bytes(LuaString s) {
        byte[] b = new byte[s.m_length];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    private static final String HEX = "0123456789abcdef";

    /** encode.go appendString with escapeHTML: Go 1.22+ writes \b and \f, bad UTF-8 as \ufffd. */
    static void string(LuaString s, StringBuilder out) {
        byte[] b = bytes(s);
        out.append('"');
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                switch (c) {
                    case '"': out.append("\\\""); break;
                    case '\\': out.append("\\\\"); break;
                    case '\n': out.append("\\n"); break;
                    case '\r': out.append("\\r"); break;
                    case '\t': out.append("\\t"); break;
                    case '\b': out.append("\\b"); break;
                    case '\f': out.append("\\f"); break;
                    default:
                        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                            out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
                        } else {
                            out.append((char) c);
                        }
                }
                i++;
                continue;
            }
            int[] rune = Utf8.decode(b, i);
            if (rune[0] == Utf8.RUNE_ERROR && rune[1] == 1) {
                out.append("\\ufffd");
            } else if (rune[0] == 0x2028 || rune[0] == 0x2029) {
                out.append("\\u202").append(HEX.charAt(rune[0] & 0xf));
            } else {
                out.appendCodePoint(rune[0]);
            }
            i += rune[1];
        }
        out.append('"');
    }
}
