package org.dovelua.nauthilus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Nauthilus's Go-value bridge in Java: JSON decoded into Go {@code any} (null, Boolean, Double,
 * String, List, Map), {@code convert.GoToLuaValue} / {@code convert.LuaValueToGo}
 * (server/lualib/convert/convert.go) — what a value becomes when it is stored in the request
 * context or a cache and read back — and gopher-lua's {@code LValue.String()} texts. Any other
 * Java value is a Go value of another type, printed with {@code %v} into a Lua string (so a Go
 * {@code int} such as the fixture's {@code brute_force_count} comes back as the string "5").
 */
public final class GoValues {
    private GoValues() {
    }

    /** encoding/json into {@code any}: numbers become float64. */
    public static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(v -> out.add(fromJson(v)));
            return out;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), fromJson(e.getValue())));
        return out;
    }

    /**
     * convert.go GoToLuaValue: scalars as they are; slices through LTable.Append, which skips
     * nil (so a JSON null inside an array leaves no hole); maps through RawSet, where a nil value
     * sets nothing; anything else as its {@code %v} text.
     */
    public static LuaValue toLua(Object v) {
        if (v == null) {
            return LuaValue.NIL;
        }
        if (v instanceof String) {
            return LuaValue.valueOf((String) v);
        }
        if (v instanceof Double) {
            return LuaValue.valueOf((Double) v);
        }
        if (v instanceof Long || v instanceof Integer) {
            return LuaValue.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof Boolean) {
            return LuaValue.valueOf((Boolean) v);
        }
        if (v instanceof List) {
            LuaTable t = new LuaTable();
            for (Object item : (List<?>) v) {
                LuaValue lv = toLua(item);
                if (!lv.isnil()) {
                    t.set(t.rawlen() + 1, lv);
                }
            }
            return t;
        }
        if (v instanceof Map) {
            LuaTable t = new LuaTable();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                LuaValue key = toLua(e.getKey());
                if (!key.isnil()) {
                    t.rawset(key, toLua(e.getValue()));
                }
            }
            return t;
        }
        return LuaValue.valueOf(String.valueOf(v));
    }

    /**
     * convert.go LuaValueToGo: a table whose pairs run 1..n in order is a slice, any other a
     * {@code map[any]any}; functions, userdata and threads become their String() text.
     */
    public static Object fromLua(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TNIL:
                return null;
            case LuaValue.TBOOLEAN:
                return v.toboolean();
            case LuaValue.TNUMBER:
                return v.todouble();
            case LuaValue.TSTRING:
                return v.tojstring();
            case LuaValue.TTABLE:
                boolean isArray = true;
                List<Object> array = new ArrayList<>();
                Map<Object, Object> map = new LinkedHashMap<>();
                LuaValue k = LuaValue.NIL;
                while (true) {
                    Varargs n = v.next(k);
                    if ((k = n.arg1()).isnil()) {
                        break;
                    }
                    LuaValue value = n.arg(2);
                    if (isArray && k.type() == LuaValue.TNUMBER && (long) k.todouble() == array.size() + 1) {
                        array.add(fromLua(value));
                    } else {
                        isArray = false;
                    }
                    map.put(fromLua(k), fromLua(value));
                }
                return isArray ? array : map;
            default:
                return string(v);
        }
    }

    /** gopher-lua LValue.String(): numbers as LNumber.String(), the rest as Lua's tostring. */
    public static String string(LuaValue v) {
        return v.type() == LuaValue.TNUMBER ? GoFloat.luaNumber(v.todouble()) : v.tojstring();
    }

    /** mocks.go luaValueString: the text a mock's argument string shows for one Lua value. */
    public static String argText(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TNIL:
                return "";
            case LuaValue.TBOOLEAN:
                return Boolean.toString(v.toboolean());
            case LuaValue.TNUMBER:
                return GoFloat.formatF(v.todouble());
            case LuaValue.TSTRING:
                return v.tojstring();
            case LuaValue.TTABLE:
                List<String> values = new ArrayList<>();
                LuaValue k = LuaValue.NIL;
                while (true) {
                    Varargs n = v.next(k);
                    if ((k = n.arg1()).isnil()) {
                        break;
                    }
                    values.add(argText(n.arg(2)));
                }
                return String.join(",", values);
            default:
                return v.tojstring();
        }
    }

    /** mocks.go stringSliceToLuaTable. */
    public static LuaTable stringList(List<String> values) {
        LuaTable t = new LuaTable();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                t.rawset(i + 1, LuaValue.valueOf(values.get(i)));
            }
        }
        return t;
    }

    /** gopher-lua LTable.ForEach: every pair, in the table's iteration order (the array part, then the rest). */
    public static void forEach(LuaTable t, java.util.function.BiConsumer<LuaValue, LuaValue> each) {
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                return;
            }
            each.accept(k, n.arg(2));
        }
    }

    /** mocks.go luaTableValuesAsStrings: every value's String() text, in pairs order. */
    public static List<String> tableValues(LuaValue table) {
        List<String> out = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = table.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            out.add(string(n.arg(2)));
        }
        return out;
    }

    /** Go strings.TrimSpace: unicode.IsSpace at both ends (NBSP and U+0085 count, U+001C-001F do not). */
    public static String trimSpace(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && goSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && goSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean goSpace(char c) {
        switch (c) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
                return true;
            default:
                return c > 0xFF && Character.getType(c) == Character.SPACE_SEPARATOR
                        || c == 0x2028 || c == 0x2029;
        }
    }
}
