package org.dovelua.nauthilus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Nauthilus's Lua<->Go value conversion ({@code server/lualib/convert/convert.go},
 * {@code LuaValueToGo} and {@code GoToLuaValue}): what a value becomes when it is stored in the
 * request context or a cache and read back. Go values are modelled as null, Boolean, Double,
 * String, List (a Go {@code []any}), Map (a Go {@code map[any]any}/{@code map[string]any}); any
 * other Java value is a Go value of another type, printed with {@code %v} into a Lua string (so a
 * Go {@code int} such as the fixture's {@code brute_force_count} comes back as the string "5").
 */
public final class GoValues {
    private GoValues() {
    }

    /** {@code convert.LuaValueToGo}: tables are copied; 1..n keys in iteration order make a list; functions become their text. */
    public static Object luaToGo(LuaValue value) {
        if (value == null || value.isnil()) {
            return null;
        }
        switch (value.type()) {
            case LuaValue.TBOOLEAN:
                return value.toboolean();
            case LuaValue.TNUMBER:
                return value.todouble();
            case LuaValue.TSTRING:
                return value.tojstring();
            case LuaValue.TTABLE:
                return tableToGo((LuaTable) value);
            default:
                return value.tojstring(); // default: v.String()
        }
    }

    private static Object tableToGo(LuaTable table) {
        boolean isArray = true;
        List<Object> array = new ArrayList<>();
        Map<Object, Object> map = new LinkedHashMap<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = table.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            LuaValue v = n.arg(2);
            // convert.go: int(key.(lua.LNumber)) == len(array)+1 keeps the array shape
            if (isArray && k.type() == LuaValue.TNUMBER && (int) k.todouble() == array.size() + 1) {
                array.add(luaToGo(v));
            } else {
                isArray = false;
            }
            map.put(luaToGo(k), luaToGo(v));
        }
        return isArray ? array : map;
    }

    /** {@code convert.GoToLuaValue}: scalars map directly, lists and maps become fresh tables, anything else its {@code %v} text. */
    public static LuaValue goToLua(Object value) {
        if (value == null) {
            return LuaValue.NIL;
        }
        if (value instanceof String s) {
            return LuaValue.valueOf(s);
        }
        if (value instanceof Double d) {
            return LuaValue.valueOf(d);
        }
        if (value instanceof Long l) { // int64
            return LuaValue.valueOf((double) l);
        }
        if (value instanceof Boolean b) {
            return LuaValue.valueOf(b);
        }
        if (value instanceof List<?> list) {
            LuaTable t = new LuaTable();
            int i = 1;
            for (Object item : list) {
                t.rawset(i++, goToLua(item)); // tbl.Append
            }
            return t;
        }
        if (value instanceof Map<?, ?> map) {
            LuaTable t = new LuaTable();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                LuaValue key = goToLua(e.getKey());
                if (!key.isnil()) {
                    t.rawset(key, goToLua(e.getValue()));
                }
            }
            return t;
        }
        return LuaValue.valueOf(String.valueOf(value)); // fmt.Sprintf("%v", value)
    }
}
