package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import org.dovelua.lua.LuaNumbers;
import org.dovelua.lua.lua54.LuaPatternClass;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code base64} module of iskolbin's lbase64 1.5.3 (github iskolbin/lbase64, {@code base64.lua}),
 * the one docker-mailserver's Nextcloud script requires. A port of that file line by line, run on
 * Lua 5.4 as Dovecot runs it, so its quirks stay: characters outside the alphabet are dropped before
 * decoding, padding is recognised only as a literal {@code =} at the end whatever {@code spad} says,
 * a length that is not a multiple of four fails, and every failure is the Lua error the file raises,
 * worded and positioned ({@code base64.lua:141: attempt to perform arithmetic on a nil value
 * (field '?')}) as Lua 5.4 words it. The caching flags only make the original faster; they change
 * which line and local name an error names, and nothing else.
 */
public final class Base64Lib extends TwoArgFunction {
    /** Where {@code luarocks install base64} puts the file for Debian 12's Lua 5.4. */
    public static final String DEFAULT_CHUNK = "/usr/local/share/lua/5.4/base64.lua";
    /** The chunk name Lua 5.4 gives the {@code load[[...]]} that defines {@code extract}. */
    private static final String EXTRACT_CHUNK = "[string \"return function( v, from, width )...\"]";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String chunk;

    public Base64Lib() {
        this(DEFAULT_CHUNK);
    }

    /** @param chunk the file name errors are positioned in, as if the module were that file */
    public Base64Lib(String chunk) {
        this.chunk = chunk;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable base64 = new LuaTable();
        LuaTable defaultEncoder = makeencoder(NIL, NIL, NIL);
        LuaTable defaultDecoder = makedecoder(NIL, NIL, NIL);
        base64.set("makeencoder", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return makeencoder(args.arg(1), args.arg(2), args.arg(3));
            }
        });
        base64.set("makedecoder", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return makedecoder(args.arg(1), args.arg(2), args.arg(3));
            }
        });
        base64.set("encode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue encoder = args.arg(2).toboolean() ? args.arg(2) : defaultEncoder;
                return encode(args.arg1(), encoder, args.arg(3).toboolean());
            }
        });
        base64.set("decode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue decoder = args.arg(2).toboolean() ? args.arg(2) : defaultDecoder;
                return decode(args.arg1(), decoder, args.arg(3).toboolean());
            }
        });
        return base64;
    }

    /**
     * {@code makeencoder}: code → byte of the character. The original walks a table constructor with
     * {@code pairs}, which visits 1..64 before {@code [0]}; an empty string leaves its code unset.
     */
    LuaTable makeencoder(LuaValue s62, LuaValue s63, LuaValue spad) {
        LuaValue[] chars = new LuaValue[65];
        for (int i = 0; i < 62; i++) {
            chars[i] = LuaValue.valueOf(ALPHABET.substring(i, i + 1));
        }
        chars[62] = s62.toboolean() ? s62 : LuaValue.valueOf("+");
        chars[63] = s63.toboolean() ? s63 : LuaValue.valueOf("/");
        chars[64] = spad.toboolean() ? spad : LuaValue.valueOf("=");
        LuaTable encoder = new LuaTable();
        for (int code : pairsOrder()) {
            LuaValue c = chars[code];
            if (c.type() == TSTRING) {
                LuaString s = c.checkstring();
                encoder.set(code, s.length() == 0 ? NIL : LuaValue.valueOf(s.luaByte(0)));
            } else if (c.type() == TTABLE) {
                throw error(62, "attempt to call a nil value (method 'byte')");
            } else {
                throw error(62, "attempt to index a " + c.typename() + " value (local 'char')");
            }
        }
        return encoder;
    }

    /** {@code makedecoder}: the encoder inverted in the same order, so a later duplicate wins. */
    LuaTable makedecoder(LuaValue s62, LuaValue s63, LuaValue spad) {
        LuaTable encoder = makeencoder(s62, s63, spad);
        LuaTable decoder = new LuaTable();
        for (int code : pairsOrder()) {
            LuaValue charcode = encoder.rawget(code);
            if (!charcode.isnil()) {
                decoder.set(charcode, LuaValue.valueOf(code));
            }
        }
        return decoder;
    }

    /** The order {@code pairs} visits {@code {[0]=..., 64 more}} in Lua 5.4: array part, then hash. */
    private static int[] pairsOrder() {
        int[] order = new int[65];
        for (int i = 0; i < 64; i++) {
            order[i] = i + 1;
        }
        return order; // last slot stays 0
    }

    LuaValue encode(LuaValue str, LuaValue encoder, boolean usecaching) {
        int n;
        if (str.type() == TSTRING) {
            n = str.checkstring().length();
        } else if (str.type() == TTABLE) {
            n = str.rawlen();
            int lastn = n % 3;
            if (n - lastn >= 1) {
                throw error(86, "attempt to call a nil value (method 'byte')");
            } else if (lastn != 0) {
                throw error(lastn == 2 ? 102 : 106, "attempt to call a nil value (method 'byte')");
            }
            return LuaValue.valueOf("");
        } else {
            throw error(82, "attempt to get length of a " + str.typename() + " value (local 'str')");
        }
        LuaString s = str.checkstring();
        int lastn = n % 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream(n / 3 * 4 + 4);
        int line = usecaching ? 92 : 96;
        for (int i = 0; i < n - lastn; i += 3) {
            int v = s.luaByte(i) * 0x10000 + s.luaByte(i + 1) * 0x100 + s.luaByte(i + 2);
            chars(out, line, encoderAt(encoder, v >> 18 & 63, line), encoderAt(encoder, v >> 12 & 63, line),
                    encoderAt(encoder, v >> 6 & 63, line), encoderAt(encoder, v & 63, line));
        }
        if (lastn == 2) {
            int v = s.luaByte(n - 2) * 0x10000 + s.luaByte(n - 1) * 0x100;
            chars(out, 104, encoderAt(encoder, v >> 18 & 63, 104), encoderAt(encoder, v >> 12 & 63, 104),
                    encoderAt(encoder, v >> 6 & 63, 104), encoderAt(encoder, 64, 104));
        } else if (lastn == 1) {
            int v = s.luaByte(n - 1) * 0x10000;
            chars(out, 107, encoderAt(encoder, v >> 18 & 63, 107), encoderAt(encoder, v >> 12 & 63, 107),
                    encoderAt(encoder, 64, 107), encoderAt(encoder, 64, 107));
        }
        return LuaString.valueOf(out.toByteArray());
    }

    private LuaValue encoderAt(LuaValue encoder, int code, int line) {
        if (encoder.type() == TTABLE || encoder.type() == TSTRING) {
            return encoder.get(code);
        }
        throw error(line, "attempt to index a " + encoder.typename() + " value (local 'encoder')");
    }

    LuaValue decode(LuaValue b64, LuaValue decoder, boolean usecaching) {
        if (decoder.type() != TTABLE) {
            throw error(117, "bad argument #1 to 'for iterator' (table expected, got " + decoder.typename() + ")");
        }
        LuaValue s62 = NIL;
        LuaValue s63 = NIL;
        for (Varargs e = decoder.next(NIL); !e.arg1().isnil(); e = decoder.next(e.arg1())) {
            LuaValue code = e.arg(2);
            if (code.type() == TNUMBER && code.todouble() == 62) {
                s62 = e.arg1();
            } else if (code.type() == TNUMBER && code.todouble() == 63) {
                s63 = e.arg1();
            }
        }
        int c62 = charArg(s62, 1, 122);
        int c63 = charArg(s63, 1, 122);
        if (b64.type() == TTABLE) {
            throw error(124, "attempt to call a nil value (method 'gsub')");
        } else if (b64.type() != TSTRING) {
            throw error(124, "attempt to index a " + b64.typename() + " value (local 'b64')");
        }
        byte[] kept = keep(b64.checkstring(), c62, c63);
        int n = kept.length;
        int padding = n >= 2 && kept[n - 1] == '=' && kept[n - 2] == '=' ? 2 : n >= 1 && kept[n - 1] == '=' ? 1 : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(n / 4 * 3 + 3);
        int last = padding > 0 ? n - 4 : n;
        for (int i = 1; i <= last; i += 4) {
            int[] b = luaBytes(kept, i, i + 3, 4);
            if (usecaching) {
                String[] names = {"a", "b", "c", "d"};
                for (int j = 0; j < 4; j++) {
                    if (b[j] < 0) {
                        throw error(133, "attempt to perform arithmetic on a nil value (local '" + names[j] + "')");
                    }
                }
            }
            int line = usecaching ? 136 : 141;
            long v = sum(decoder, b, line, 0x40000, 0x1000, 0x40, 1);
            out.write(extract(v, 16));
            out.write(extract(v, 8));
            out.write(extract(v, 0));
        }
        if (padding == 1) {
            long v = sum(decoder, luaBytes(kept, n - 3, n - 1, 3), 149, 0x40000, 0x1000, 0x40);
            out.write(extract(v, 16));
            out.write(extract(v, 8));
        } else if (padding == 2) {
            long v = sum(decoder, luaBytes(kept, n - 3, n - 2, 2), 153, 0x40000, 0x1000);
            out.write(extract(v, 16));
        }
        return LuaString.valueOf(out.toByteArray());
    }

    /** {@code decoder[a]*0x40000 + decoder[b]*0x1000 + ...}, failing on the first operand that is no number. */
    private long sum(LuaValue decoder, int[] bytes, int line, int... weights) {
        double v = 0;
        for (int j = 0; j < weights.length; j++) {
            LuaValue d = bytes[j] < 0 ? NIL : decoder.get(bytes[j]);
            Double x = LuaNumbers.toNumber(d);
            if (x == null) {
                throw error(line, "attempt to perform arithmetic on a " + d.typename() + " value (field '?')");
            }
            v += x * weights[j];
        }
        if (v != Math.floor(v) || Double.isInfinite(v)) {
            throw new LuaError(LuaValue.valueOf(EXTRACT_CHUNK + ":2: number has no integer representation"));
        }
        return (long) v;
    }

    /** {@code extract(v, from, 8)} on 5.4: {@code (v >> from) & 255}, a logical shift. */
    private static int extract(long v, int from) {
        return (int) (v >>> from & 0xFF);
    }

    /** {@code b64:gsub('[^%w%<s62>%<s63>%=]', '')}. */
    private static byte[] keep(LuaString s, int c62, int c63) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            int c = s.luaByte(i);
            if (LuaPatternClass.isalnum(c) || LuaPatternClass.matches(c, c62) || LuaPatternClass.matches(c, c63)
                    || c == '=') {
                kept.write(c);
            }
        }
        return kept.toByteArray();
    }

    /**
     * {@code s:byte(i, j)} with Lua 5.4's index rules (0 and negatives), padded with -1 (nil)
     * to {@code want} values.
     */
    static int[] luaBytes(byte[] s, long i, long j, int want) {
        long l = s.length;
        long posi = i > 0 ? i : i == 0 ? 1 : i < -l ? 1 : l + i + 1;
        long pose = j > l ? l : j >= 0 ? j : j < -l ? 0 : l + j + 1;
        int[] r = new int[want];
        java.util.Arrays.fill(r, -1);
        for (long p = posi, k = 0; p <= pose && k < want; p++, k++) {
            r[(int) k] = s[(int) p - 1] & 0xFF;
        }
        return r;
    }

    /** {@code string.char} with its argument checks, appending the bytes. */
    private void chars(ByteArrayOutputStream out, int line, LuaValue... values) {
        for (int i = 0; i < values.length; i++) {
            out.write(charArg(values[i], i + 1, line));
        }
    }

    private int charArg(LuaValue v, int arg, int line) {
        Long n = LuaNumbers.toInteger(v);
        if (n == null) {
            throw error(line, "bad argument #" + arg + " to 'char' ("
                    + (LuaNumbers.isNumber(v) ? "number has no integer representation" : "number expected, got "
                            + (v.isnil() ? "nil" : v.typename())) + ")");
        }
        if (n < 0 || n > 255) {
            throw error(line, "bad argument #" + arg + " to 'char' (value out of range)");
        }
        return n.intValue();
    }

    private LuaError error(int line, String message) {
        return new LuaError(LuaValue.valueOf(chunk + ":" + line + ": " + message));
    }
}
