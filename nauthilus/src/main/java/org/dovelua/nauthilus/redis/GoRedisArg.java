package org.dovelua.nauthilus.redis;

import java.nio.charset.StandardCharsets;
import org.dovelua.nauthilus.GoFloat;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaValue;

/**
 * A Lua value as it reaches the wire: Nauthilus's {@code convert.LuaValue} (server/lualib/convert/
 * convert.go: string, float64, bool, nil, else {@code unable to convert Lua value of type T}) and
 * then go-redis's {@code Writer.WriteArg} (internal/proto/writer.go: float64 as
 * {@code strconv.FormatFloat(f, 'f', -1, 64)}, bool as 1/0, nil as the empty string).
 */
final class GoRedisArg {
    private GoRedisArg() {
    }

    /** convert.go LuaValue's error, carrying its text. */
    static final class ConversionError extends Exception {
        ConversionError(String message) {
            super(message, null, false, false);
        }
    }

    static byte[] value(LuaValue v) throws ConversionError {
        switch (v.type()) {
            case LuaValue.TSTRING:
                return GopherArgs.bytes(v);
            case LuaValue.TNUMBER:
                return number(v.todouble());
            case LuaValue.TBOOLEAN:
                return (v.toboolean() ? "1" : "0").getBytes(StandardCharsets.US_ASCII);
            case LuaValue.TNIL:
                return new byte[0];
            default:
                throw new ConversionError("unable to convert Lua value of type " + v.typename());
        }
    }

    /** multi_arg_helpers.go luaValueToAny: on a conversion error the value's String() is sent. */
    static byte[] valueOrText(LuaValue v) {
        try {
            return value(v);
        } catch (ConversionError e) {
            return GopherArgs.text(v).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** pipeline.go ignores convert.LuaValue's error: the nil it returns is written as "". */
    static byte[] valueOrEmpty(LuaValue v) {
        try {
            return value(v);
        } catch (ConversionError e) {
            return new byte[0];
        }
    }

    static byte[] number(double d) {
        return GoFloat.formatF(d).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] integer(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
