package org.dovelua.nauthilus.lib;

import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * vadv gopher-lua-libs {@code base64} (base64/api.go, loader.go): the encodings StdEncoding,
 * URLEncoding, RawStdEncoding, RawURLEncoding and {@code new_encoding(alphabet)}, each a userdata
 * with {@code :encode_to_string(s)} and {@code :decode_string(s)} -> string or (nil, err).
 * new_encoder/new_decoder need vadv's io objects and are not offered.
 */
public final class GoBase64Lib extends TwoArgFunction {
    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable methods = new LuaTable();
        methods.rawset("encode_to_string", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                GoBase64 enc = encoding(a, "encode_to_string");
                return LuaString.valueOf(enc.encode(GoJsonEncoder.bytes(new GopherArgs("encode_to_string", a).checkLuaString(2))));
            }
        });
        methods.rawset("decode_string", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                GoBase64 enc = encoding(a, "decode_string");
                try {
                    return LuaString.valueOf(enc.decode(GoJsonEncoder.bytes(new GopherArgs("decode_string", a).checkLuaString(2))));
                } catch (GoBase64.CorruptInput e) {
                    return GopherArgs.nilAnd(e.getMessage());
                }
            }
        });
        LuaTable mt = new LuaTable();
        mt.rawset(LuaValue.INDEX, methods);
        LuaTable t = new LuaTable();
        t.rawset("RawStdEncoding", new LuaUserdata(new GoBase64(GoBase64.STD, false), mt));
        t.rawset("RawURLEncoding", new LuaUserdata(new GoBase64(GoBase64.URL, false), mt));
        t.rawset("StdEncoding", new LuaUserdata(new GoBase64(GoBase64.STD, true), mt));
        t.rawset("URLEncoding", new LuaUserdata(new GoBase64(GoBase64.URL, true), mt));
        t.rawset("new_encoding", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                LuaString alphabet = new GopherArgs("new_encoding", a).checkLuaString(1);
                if (alphabet.length() != 64) {
                    throw new LuaError("bad argument #1 to new_encoding (encoder must have 64 characters)");
                }
                return new LuaUserdata(new GoBase64(new String(GoJsonEncoder.bytes(alphabet),
                        java.nio.charset.StandardCharsets.ISO_8859_1), true), mt);
            }
        });
        return t;
    }

    /** api.go CheckBase64Encoding. */
    private static GoBase64 encoding(Varargs a, String fn) {
        LuaValue v = a.arg1();
        if (v.isuserdata() && v.touserdata() instanceof GoBase64) {
            return (GoBase64) v.touserdata();
        }
        if (!v.isuserdata()) {
            throw new GopherArgs(fn, a).typeError(1, "userdata");
        }
        throw new LuaError("bad argument #1 to " + fn + " (base64.Encoding expected)");
    }
}
