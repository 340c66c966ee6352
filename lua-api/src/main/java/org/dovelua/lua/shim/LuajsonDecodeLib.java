package org.dovelua.lua.shim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Numerals;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code json.decode} module of luajson 1.3.4 (Debian 12's lua-json, json/decode.lua), the one
 * part of luajson that needs lpeg, a C module: the rest of luajson ({@code json}, {@code json.util},
 * {@code json.encode}) is shipped as its own Lua files. The table has {@code decode},
 * {@code getDecoder}, the {@code strict} and {@code simple} option sets (there is no
 * {@code default}: decode.lua sets it to nil), {@code util}, and is callable.
 *
 * <p>A decoder matches the whole text ({@link LuajsonLexer}) and then runs the captures through
 * state.lua's machine ({@link LuajsonDecodeState}), so the texts and positions of its errors are
 * luajson's, in the files as Debian installs them for Lua 5.4.
 */
public final class LuajsonDecodeLib extends TwoArgFunction {
    /** Where luajson's files are, as a Lua 5.4 lua-json package would install them. */
    static final String DIR = "/usr/share/lua/5.4/json/";

    private final Globals globals;

    public LuajsonDecodeLib(Globals globals) {
        this.globals = globals;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        // decode.lua: local jsonutil = require("json.util"), with the state's require
        LuaTable util = globals.get("require").call(LuaValue.valueOf("json.util")).checktable();
        LuaValue rawset = globals.get("rawset");
        LuajsonDecodeOptions.Defaults defaults = new LuajsonDecodeOptions.Defaults(util.get("null"),
                util.get("undefined"), rawset, utf8DecodeUnicode(),
                LuajsonDecodeOptions.escapeCheck(LuajsonDecodeOptions.DEFAULT_ESCAPES));
        LuaTable strict = defaults.modeTable("strict");
        LuaTable simple = defaults.modeTable("simple");
        // the prebuilt decoders: options as they were at load time, found by the table's identity
        Map<LuaValue, LuajsonDecodeOptions> prebuilt = new IdentityHashMap<>();
        prebuilt.put(strict, defaults.resolve(strict));
        prebuilt.put(simple, defaults.resolve(simple));
        LuajsonDecodeOptions byDefault = defaults.resolve(LuaValue.NIL);

        LuaTable decode = new LuaTable();
        decode.set("strict", strict);
        decode.set("simple", simple);
        VarArgFunction getDecoder = new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return decoder(getDecoder(args.arg1(), strict, prebuilt, byDefault, defaults), util, rawset);
            }
        };
        VarArgFunction decodeFn = new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuajsonDecodeOptions o = getDecoder(args.arg(2), strict, prebuilt, byDefault, defaults);
                return decoder(o, util, rawset).invoke(args.arg1());
            }
        };
        decode.set("getDecoder", getDecoder);
        decode.set("decode", decodeFn);
        decode.set("util", decodeUtil());
        LuaTable mt = new LuaTable();
        mt.set("__call", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return decodeFn.invoke(args.subargs(2));
            }
        });
        decode.setmetatable(mt);
        return decode;
    }

    /** decode.lua's {@code getDecoder(mode)}: true is strict, nil or false the default. */
    private static LuajsonDecodeOptions getDecoder(LuaValue mode, LuaTable strict, Map<LuaValue, LuajsonDecodeOptions> prebuilt,
            LuajsonDecodeOptions byDefault, LuajsonDecodeOptions.Defaults defaults) {
        if (mode.eq_b(LuaValue.TRUE)) {
            mode = strict;
        }
        if (!mode.toboolean()) {
            return byDefault;
        }
        LuajsonDecodeOptions built = prebuilt.get(mode);
        return built != null ? built : defaults.resolve(mode);
    }

    /** decode.lua's {@code generateDecoder}: the decoder function, {@code nothrow} wrapping it in pcall. */
    private static LuaValue decoder(LuajsonDecodeOptions o, LuaTable util, LuaValue rawset) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (!o.nothrow()) {
                    return decode(args.arg1(), o, util, rawset);
                }
                try {
                    return decode(args.arg1(), o, util, rawset);
                } catch (LuaError e) {
                    return LuaValue.varargsOf(LuaValue.NIL, e.getMessageObject());
                }
            }
        };
    }

    private static LuaValue decode(LuaValue data, LuajsonDecodeOptions o, LuaTable util, LuaValue rawset) {
        if (!data.isstring()) { // parser:match(data): lpeg's luaL_checklstring
            throw LuaArgs.error(DIR + "decode.lua:74: bad argument #1 to 'match' (string expected, got "
                    + data.typename() + ")");
        }
        LuaString s = data.strvalue();
        byte[] text = new byte[s.m_length];
        s.copyInto(0, text, 0, text.length);
        return new LuajsonDecodeState(o, util, rawset).run(LuajsonLexer.tokens(text, o));
    }

    /** strings.lua's {@code utf8DecodeUnicode(code1, code2)}: no surrogate pairs, 1 to 3 bytes. */
    private static LuaValue utf8DecodeUnicode() {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int code1 = Integer.parseInt(args.checkjstring(1), 16);
                int code2 = Integer.parseInt(args.checkjstring(2), 16);
                byte[] b;
                if (code1 == 0 && code2 < 0x80) {
                    b = new byte[] {(byte) code2};
                } else if (code1 < 0x08) {
                    b = new byte[] {(byte) (0xC0 + code1 * 4 + code2 / 64), (byte) (0x80 + code2 % 64)};
                } else {
                    b = new byte[] {(byte) (0xE0 + code1 / 16), (byte) (0x80 + (code1 % 16) * 4 + code2 / 64),
                            (byte) (0x80 + code2 % 64)};
                }
                return LuaString.valueOf(b);
            }
        };
    }

    /** decode/util.lua's functions that need no lpeg (its patterns cannot be had without it). */
    private static LuaTable decodeUtil() {
        LuaTable t = new LuaTable();
        t.set("setObjectKeyForceNumber", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue key = args.arg(2);
                LuaValue n = key.type() == TNUMBER ? key
                        : key.type() == TSTRING ? Lua54Numerals.tonumber(key.checkstring()) : NIL;
                args.arg1().rawset(n.isnil() ? key : n, args.arg(3));
                return NONE;
            }
        });
        return t;
    }
}
