package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.LuaNumbers;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * The {@code cjson} module as Debian 12's {@code lua-cjson} 2.1.0 builds it for Lua 5.4
 * ({@code lua_cjson.c}): the same configuration functions and defaults, the same array/object
 * rule, {@code %.14g} numbers, {@code \/} escapes, and the tokenizer's error texts with their
 * character positions. Errors are raised as {@code luaL_error} raises them, so a call from a script
 * gets the caller's {@code file:line:} prefix. Decoded numbers are floats ({@code lua_pushnumber}).
 *
 * <p>Each {@code require} result and each {@code cjson.new()} has its own configuration, as each
 * C module table has its own config userdata; all of them share one {@code cjson.null}.
 */
public final class CjsonLib extends TwoArgFunction {
    static final String NAME = "cjson";
    static final String VERSION = "2.1.0";

    /** The NULL light userdata: equal across {@code cjson.new()} tables and {@code cjson.safe}. */
    private final LuaValue nullValue;
    private final boolean safe;

    /** {@code luaopen_cjson} with a {@code cjson.null} of its own. */
    public CjsonLib() {
        this(newNull(), false);
    }

    /**
     * @param nullValue the {@code cjson.null} to share with other cjson tables of the same state
     *     (from {@link #newNull()})
     * @param safe {@code luaopen_cjson_safe}: {@code encode}/{@code decode} return {@code nil, message}
     *     instead of raising
     */
    public CjsonLib(LuaValue nullValue, boolean safe) {
        this.nullValue = nullValue;
        this.safe = safe;
    }

    /** A NULL light userdata as Lua 5.4 prints it. */
    public static LuaValue newNull() {
        return new LuaUserdata(new Object()) {
            @Override
            public String tojstring() {
                return "userdata: (nil)";
            }
        };
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        return safe ? safeModule() : newModule();
    }

    /**
     * {@code lua_cjson_safe_new}: encode and decode behind {@code json_protect_conversion}, which
     * checks its own argument count and turns any error into {@code nil, message}.
     */
    private LuaTable safeModule() {
        LuaTable m = newModule();
        m.set("new", LuaArgs.fn("new", args -> safeModule()));
        for (String f : new String[] {"decode", "encode"}) {
            LuaValue inner = m.get(f);
            m.set(f, LuaArgs.fn(f, args -> {
                argcheck(args.narg() == 1, 1, f, "expected 1 argument");
                try {
                    return inner.invoke(args);
                } catch (LuaError e) {
                    return varargsOf(NIL, e.getMessageObject());
                }
            }));
        }
        return m;
    }

    /** {@code lua_cjson_new}. */
    private LuaTable newModule() {
        Config cfg = new Config();
        LuaTable m = new LuaTable();
        m.set("encode", LuaArgs.fn("encode", args -> {
            argcheck(args.narg() == 1, 1, "encode", "expected 1 argument");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new CjsonEncoder(cfg, nullValue, out).append(args.arg1(), 0);
            return LuaString.valueOf(out.toByteArray());
        }));
        m.set("decode", LuaArgs.fn("decode", args -> {
            argcheck(args.narg() == 1, 1, "decode", "expected 1 argument");
            LuaValue v = args.arg1();
            if (v.type() != TSTRING && v.type() != TNUMBER) {
                throw LuaArgs.positioned("bad argument #1 to 'decode' (string expected, got "
                        + (v.isnil() ? "nil" : v.typename()) + ")");
            }
            return new CjsonDecoder(cfg, nullValue, v.checkstring()).decode();
        }));
        m.set("encode_sparse_array", LuaArgs.fn("encode_sparse_array", args -> {
            argInit(args, 3, "encode_sparse_array");
            LuaValue convert = enumOption(args.arg(1), "encode_sparse_array", BOOL_OPTIONS,
                    v -> cfg.sparseConvert = v, cfg.sparseConvert);
            LuaValue ratio = integerOption(args.arg(2), 2, "encode_sparse_array", 0, Integer.MAX_VALUE,
                    v -> cfg.sparseRatio = v, () -> cfg.sparseRatio);
            LuaValue safe = integerOption(args.arg(3), 3, "encode_sparse_array", 0, Integer.MAX_VALUE,
                    v -> cfg.sparseSafe = v, () -> cfg.sparseSafe);
            return varargsOf(convert, ratio, safe);
        }));
        m.set("encode_max_depth", LuaArgs.fn("encode_max_depth", args -> {
            argInit(args, 1, "encode_max_depth");
            return integerOption(args.arg(1), 1, "encode_max_depth", 1, Integer.MAX_VALUE,
                    v -> cfg.encodeMaxDepth = v, () -> cfg.encodeMaxDepth);
        }));
        m.set("decode_max_depth", LuaArgs.fn("decode_max_depth", args -> {
            argInit(args, 1, "decode_max_depth");
            return integerOption(args.arg(1), 1, "decode_max_depth", 1, Integer.MAX_VALUE,
                    v -> cfg.decodeMaxDepth = v, () -> cfg.decodeMaxDepth);
        }));
        m.set("encode_number_precision", LuaArgs.fn("encode_number_precision", args -> {
            argInit(args, 1, "encode_number_precision");
            return integerOption(args.arg(1), 1, "encode_number_precision", 1, 14,
                    v -> cfg.numberPrecision = v, () -> cfg.numberPrecision);
        }));
        m.set("encode_keep_buffer", LuaArgs.fn("encode_keep_buffer", args -> {
            argInit(args, 1, "encode_keep_buffer");
            // The buffer only saves allocations in C; the setting is kept and reported.
            return enumOption(args.arg(1), "encode_keep_buffer", BOOL_OPTIONS, v -> cfg.keepBuffer = v,
                    cfg.keepBuffer);
        }));
        m.set("encode_invalid_numbers", LuaArgs.fn("encode_invalid_numbers", args -> {
            argInit(args, 1, "encode_invalid_numbers");
            return enumOption(args.arg(1), "encode_invalid_numbers", new String[] {"off", "on", "null"},
                    v -> cfg.encodeInvalidNumbers = v, cfg.encodeInvalidNumbers);
        }));
        m.set("decode_invalid_numbers", LuaArgs.fn("decode_invalid_numbers", args -> {
            argInit(args, 1, "decode_invalid_numbers");
            return enumOption(args.arg(1), "decode_invalid_numbers", BOOL_OPTIONS,
                    v -> cfg.decodeInvalidNumbers = v, cfg.decodeInvalidNumbers);
        }));
        m.set("new", LuaArgs.fn("new", args -> newModule()));
        m.set("null", nullValue);
        m.set("_NAME", NAME);
        m.set("_VERSION", VERSION);
        return m;
    }

    /** {@code json_config_t} with lua-cjson's defaults. */
    static final class Config {
        int sparseConvert = 0;
        int sparseRatio = 2;
        int sparseSafe = 10;
        int encodeMaxDepth = 1000;
        int decodeMaxDepth = 1000;
        int encodeInvalidNumbers = 0; // 2 = as null
        int decodeInvalidNumbers = 1;
        int keepBuffer = 1;
        int numberPrecision = 14;
    }

    private static final String[] BOOL_OPTIONS = {"off", "on"};

    private interface Setter {
        void set(int v);
    }

    private interface Getter {
        int get();
    }

    /** {@code json_arg_init}: more arguments than the function takes is an argument error. */
    private static void argInit(Varargs args, int n, String fn) {
        argcheck(args.narg() <= n, n + 1, fn, "found too many arguments");
    }

    /** {@code luaL_argcheck}, positioned at the caller like any {@code luaL_error}. */
    private static void argcheck(boolean ok, int arg, String fn, String msg) {
        if (!ok) {
            throw LuaArgs.positioned("bad argument #" + arg + " to '" + fn + "' (" + msg + ")");
        }
    }

    /**
     * {@code json_integer_option}: {@code luaL_checkinteger}, stored in a C int (so it wraps), and
     * the range check that always names argument #1, as lua-cjson's does.
     */
    private static LuaValue integerOption(LuaValue v, int arg, String fn, int min, int max, Setter set, Getter get) {
        if (!v.isnil()) {
            Long n = LuaNumbers.toInteger(v);
            if (n == null) {
                throw LuaArgs.positioned("bad argument #" + arg + " to '" + fn + "' ("
                        + (LuaNumbers.isNumber(v) ? "number has no integer representation"
                                : "number expected, got " + v.typename()) + ")");
            }
            int value = n.intValue();
            argcheck(min <= value && value <= max, 1, fn, "expected integer between " + min + " and " + max);
            set.set(value);
        }
        return Lua54Arith.integer(get.get());
    }

    /** {@code json_enum_option} with {@code bool_true = 1}: booleans, or {@code luaL_checkoption}. */
    private static LuaValue enumOption(LuaValue v, String fn, String[] options, Setter set, int current) {
        int setting = current;
        if (!v.isnil()) {
            if (v.isboolean()) {
                setting = v.toboolean() ? 1 : 0;
            } else {
                if (v.type() != TSTRING && v.type() != TNUMBER) {
                    throw LuaArgs.positioned("bad argument #1 to '" + fn + "' (string expected, got " + v.typename() + ")");
                }
                String name = v.tojstring();
                setting = -1;
                for (int i = 0; i < options.length; i++) {
                    if (options[i].equals(name)) {
                        setting = i;
                    }
                }
                if (setting < 0) {
                    throw LuaArgs.positioned("bad argument #1 to '" + fn + "' (invalid option '" + name + "')");
                }
            }
            set.set(setting);
        }
        return setting == 0 || setting == 1 ? LuaValue.valueOf(setting == 1) : LuaValue.valueOf(options[setting]);
    }
}
