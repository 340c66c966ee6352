package org.dovelua.nauthilus.lib;

import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * vadv gopher-lua-libs {@code json} (json/api.go, loader.go): {@code encode(v)} -> string or
 * (nil, err), {@code decode(s)} -> value or (nil, err), {@code tableIsObject(t)} marks a table to
 * encode as {} when empty. new_encoder/new_decoder need vadv's io objects and are not offered.
 */
public final class GoJson extends TwoArgFunction {
    /** value.go jsonTableIsObject: the type metatable's marker field. */
    static final String OBJECT_MARKER = "__jsonTableIsObject";

    /** value.go ValueEncode for modules that send Lua values as JSON; the error text on failure. */
    public static String valueEncode(LuaValue v) throws IllegalArgumentException {
        try {
            return new GoJsonEncoder().encode(v);
        } catch (GoJsonEncoder.EncodeError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** value.go ValueDecode for modules that hand JSON back as Lua values (no object metatable). */
    public static LuaValue valueDecode(byte[] json) throws IllegalArgumentException {
        try {
            return GoJsonDecoder.decode(json, null);
        } catch (GoJsonDecoder.DecodeError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable objectMetatable = new LuaTable(); // L.GetTypeMetatable(jsonTableIsObject)
        objectMetatable.rawset(OBJECT_MARKER, LuaValue.TRUE);
        LuaTable t = new LuaTable();
        t.rawset("encode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() < 1) {
                    throw new org.luaj.vm2.LuaError("bad argument #1 to encode (value expected)");
                }
                try {
                    return LuaString.valueOf(new GoJsonEncoder().encode(args.arg1()));
                } catch (GoJsonEncoder.EncodeError e) {
                    return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
                }
            }
        });
        t.rawset("decode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaString s = new GopherArgs("decode", args).checkLuaString(1);
                try {
                    return GoJsonDecoder.decode(GoJsonEncoder.bytes(s), objectMetatable);
                } catch (GoJsonDecoder.DecodeError e) {
                    return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
                }
            }
        });
        t.rawset("tableIsObject", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                new GopherArgs("tableIsObject", args).checkTable(1).setmetatable(objectMetatable);
                return LuaValue.NONE;
            }
        });
        return t;
    }
}
