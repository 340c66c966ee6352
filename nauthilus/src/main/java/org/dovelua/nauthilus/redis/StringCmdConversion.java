package org.dovelua.nauthilus.redis;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * server/lualib/convert/convert.go {@code StringCmd}: a GET/HGET reply as "string", "number"
 * (strconv.ParseFloat), "bool" (strconv.ParseBool) or "nil"; an empty value is nil for the first
 * three; an error (a miss is {@code redis: nil}) or an unknown type comes back as (nil, text).
 */
final class StringCmdConversion {
    private StringCmdConversion() {
    }

    static Varargs convert(RedisReply r, String type) {
        if (r.error() != null) {
            return RedisResults.error(r.error());
        }
        String text = r.string();
        switch (type) {
            case "string":
                return RedisResults.ok(text.isEmpty() ? LuaValue.NIL : r.luaString());
            case "number":
                if (text.isEmpty()) {
                    return RedisResults.ok(LuaValue.NIL);
                }
                try {
                    return RedisResults.ok(RedisResults.number(GoStrconv.parseFloat(text)));
                } catch (GoStrconv.NumError e) {
                    return RedisResults.error(e.getMessage());
                }
            case "bool":
                if (text.isEmpty()) {
                    return RedisResults.ok(LuaValue.NIL);
                }
                try {
                    return RedisResults.ok(LuaValue.valueOf(GoStrconv.parseBool(text)));
                } catch (GoStrconv.NumError e) {
                    return RedisResults.error(e.getMessage());
                }
            case "nil":
                return RedisResults.ok(LuaValue.NIL);
            default:
                return RedisResults.error("unable to convert string command of type " + type);
        }
    }
}
