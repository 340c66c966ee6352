package org.dovelua.nauthilus.lib;

import static org.dovelua.nauthilus.LuaFunctions.fn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.dovelua.nauthilus.GoFloat;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code glua_crypto} (tengattack/gluacrypto crypto/*.go): md5, sha1, sha256, sha512, crc32 and
 * hmac(algorithm, s, key) as lower-case hex or raw bytes, base64(_url)_encode/decode, and
 * encrypt/decrypt(s, "des-ecb"|"des-cbc"|"aes-cbc", key, options, iv) with PKCS5 padding, hex
 * unless options has RAW_DATA. Arguments are read with {@code LVAsString}/{@code LVAsBool}/
 * {@code ToInt}: no type errors, anything else is "" / false / 0. Go panics (a wrong IV length, a
 * padding byte past the data) are raised as Lua errors with the panic's text.
 */
public final class GluaCrypto extends TwoArgFunction {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable t = new LuaTable();
        t.rawset("md5", digest("MD5"));
        t.rawset("sha1", digest("SHA-1"));
        t.rawset("sha256", digest("SHA-256"));
        t.rawset("sha512", digest("SHA-512"));
        t.rawset("crc32", fn(a -> {
            CRC32 c = new CRC32();
            c.update(bytes(a.arg(1)));
            long v = c.getValue();
            byte[] sum = {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v}; // big-endian Sum
            return out(sum, a.arg(2).toboolean());
        }));
        t.rawset("hmac", fn(a -> {
            String algorithm = new String(bytes(a.arg(1)), StandardCharsets.UTF_8);
            String mac;
            switch (algorithm) {
                case "md5": mac = "HmacMD5"; break;
                case "sha1": mac = "HmacSHA1"; break;
                case "sha256": mac = "HmacSHA256"; break;
                case "sha512": mac = "HmacSHA512"; break;
                default: return GopherArgs.nilAnd("unsupported algorithm");
            }
            try {
                Mac m = Mac.getInstance(mac);
                byte[] key = bytes(a.arg(3));
                // Go's hmac accepts an empty key; JCE's SecretKeySpec does not, so use the
                // equivalent all-zero block-size key (RFC 2104 pads keys with zeros)
                m.init(new SecretKeySpec(key.length == 0 ? new byte[blockSize(algorithm)] : key, mac));
                return out(m.doFinal(bytes(a.arg(2))), a.arg(4).toboolean());
            } catch (GeneralSecurityException e) {
                throw new LuaError(e.getMessage());
            }
        }));
        GoBase64 std = new GoBase64(GoBase64.STD, true);
        GoBase64 url = new GoBase64(GoBase64.URL, true);
        t.rawset("base64_encode", fn(a -> LuaValue.valueOf(std.encode(bytes(a.arg(1))))));
        t.rawset("base64_url_encode", fn(a -> LuaValue.valueOf(url.encode(bytes(a.arg(1))))));
        t.rawset("base64_decode", fn(a -> decode(std, a)));
        t.rawset("base64_url_decode", fn(a -> decode(url, a)));
        t.rawset("encrypt", fn(GluaCrypto::encrypt));
        t.rawset("decrypt", fn(GluaCrypto::decrypt));
        t.rawset("_DEBUG", LuaValue.FALSE);
        t.rawset("_VERSION", LuaValue.valueOf("0.0.0"));
        t.rawset("RAW_DATA", LuaValue.valueOf(1.0));
        t.rawset("ZERO_PADDING", LuaValue.valueOf(2.0));
        return t;
    }

    private static int blockSize(String algorithm) {
        return algorithm.equals("sha512") ? 128 : 64;
    }

    private static Varargs decode(GoBase64 enc, Varargs a) {
        try {
            return LuaString.valueOf(enc.decode(bytes(a.arg(1))));
        } catch (GoBase64.CorruptInput e) {
            return GopherArgs.nilAnd(e.getMessage());
        }
    }

    private static VarArgFunction digest(String algorithm) {
        return fn(a -> {
            try {
                return out(MessageDigest.getInstance(algorithm).digest(bytes(a.arg(1))), a.arg(2).toboolean());
            } catch (GeneralSecurityException e) {
                throw new LuaError(e.getMessage());
            }
        });
    }

    /** encrypt.go encryptFn / Encrypt. */
    private static Varargs encrypt(Varargs a) {
        byte[] data = bytes(a.arg(1));
        String method = new String(bytes(a.arg(2)), StandardCharsets.UTF_8);
        byte[] key = bytes(a.arg(3));
        int options = toInt(a.arg(4));
        byte[] iv = bytes(a.arg(5));
        byte[] result;
        try {
            result = crypt(Cipher.ENCRYPT_MODE, data, method, key, iv);
        } catch (GoError e) {
            return GopherArgs.nilAnd(e.getMessage());
        }
        return (options & 1) == 0 ? LuaValue.valueOf(hex(result)) : LuaString.valueOf(result);
    }

    /** decrypt.go decryptFn / Decrypt. */
    private static Varargs decrypt(Varargs a) {
        byte[] in = bytes(a.arg(1));
        String method = new String(bytes(a.arg(2)), StandardCharsets.UTF_8);
        byte[] key = bytes(a.arg(3));
        int options = toInt(a.arg(4));
        byte[] iv = bytes(a.arg(5));
        try {
            byte[] data = (options & 1) == 0 ? unhex(in) : in;
            return LuaString.valueOf(crypt(Cipher.DECRYPT_MODE, data, method, key, iv));
        } catch (GoError e) {
            return GopherArgs.nilAnd(e.getMessage());
        }
    }

    private static final class GoError extends Exception {
        GoError(String m) {
            super(m, null, false, false);
        }
    }

    private static byte[] crypt(int mode, byte[] data, String method, byte[] key, byte[] iv) throws GoError {
        String algorithm;
        boolean cbc;
        switch (method) {
            case "des-ecb": algorithm = "DES"; cbc = false; break;
            case "des-cbc": algorithm = "DES"; cbc = true; break;
            case "aes-cbc": algorithm = "AES"; cbc = true; break;
            default: throw new GoError("unsupported encrypt method");
        }
        int bs = algorithm.equals("AES") ? 16 : 8;
        if (algorithm.equals("AES") && key.length != 16 && key.length != 24 && key.length != 32) {
            throw new GoError("crypto/aes: invalid key size " + key.length);
        }
        if (algorithm.equals("DES") && key.length != 8) {
            throw new GoError("crypto/des: invalid key size " + key.length);
        }
        byte[] input = data;
        if (mode == Cipher.ENCRYPT_MODE) {
            int padding = bs - data.length % bs; // PKCS5Padding
            input = Arrays.copyOf(data, data.length + padding);
            Arrays.fill(input, data.length, input.length, (byte) padding);
        } else if (data.length % bs != 0) {
            throw new GoError(cbc ? "ciphertext is not a multiple of the block size" : "crypto/cipher: input not full blocks");
        }
        if (cbc && iv.length != bs) {
            // cipher.NewCBCEncrypter/NewCBCDecrypter panic
            throw new LuaError("cipher.NewCBC" + (mode == Cipher.ENCRYPT_MODE ? "Encrypter" : "Decrypter")
                    + ": IV length must equal block size");
        }
        byte[] out;
        try {
            Cipher c = Cipher.getInstance(algorithm + (cbc ? "/CBC/NoPadding" : "/ECB/NoPadding"));
            SecretKeySpec k = new SecretKeySpec(key, algorithm);
            if (cbc) {
                c.init(mode, k, new IvParameterSpec(iv));
            } else {
                c.init(mode, k);
            }
            out = c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new LuaError(e.getMessage());
        }
        if (mode == Cipher.DECRYPT_MODE) {
            // PKCS5Unpadding: origData[:(length - int(origData[length-1]))], unchecked
            int length = out.length;
            if (length == 0) {
                throw new LuaError("runtime error: index out of range [-1]");
            }
            int unpadding = out[length - 1] & 0xff;
            if (unpadding > length) {
                throw new LuaError("runtime error: slice bounds out of range [:" + (length - unpadding) + "]");
            }
            out = Arrays.copyOf(out, length - unpadding);
        }
        return out;
    }

    /** hex.DecodeString with its error texts. */
    private static byte[] unhex(byte[] s) throws GoError {
        byte[] out = new byte[s.length / 2];
        int j = 1;
        for (; j < s.length; j += 2) {
            int a = Character.digit(s[j - 1] & 0xff, 16);
            int b = Character.digit(s[j] & 0xff, 16);
            if (a < 0 || s[j - 1] < 0) {
                throw invalidByte(s[j - 1] & 0xff);
            }
            if (b < 0 || s[j] < 0) {
                throw invalidByte(s[j] & 0xff);
            }
            out[j / 2] = (byte) (a << 4 | b);
        }
        if (s.length % 2 == 1) {
            if (Character.digit(s[j - 1] & 0xff, 16) < 0 || s[j - 1] < 0) {
                throw invalidByte(s[j - 1] & 0xff);
            }
            throw new GoError("encoding/hex: odd length hex string");
        }
        return out;
    }

    /** hex.InvalidByteError: fmt.Sprintf("encoding/hex: invalid byte: %#U", rune(b)). */
    private static GoError invalidByte(int b) {
        String u = String.format("U+%04X", b);
        boolean printable = b >= 0x20 && b != 0x7f && !(b >= 0x80 && b < 0xa0) && b != 0xad;
        return new GoError("encoding/hex: invalid byte: " + u + (printable ? " '" + new String(Character.toChars(b)) + "'" : ""));
    }

    private static Varargs out(byte[] sum, boolean raw) {
        return raw ? LuaString.valueOf(sum) : LuaValue.valueOf(hex(sum));
    }

    private static String hex(byte[] b) {
        char[] c = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            c[2 * i] = HEX[(b[i] >> 4) & 0xf];
            c[2 * i + 1] = HEX[b[i] & 0xf];
        }
        return new String(c);
    }

    /** gopher-lua LVAsString: strings, numbers as their String(), anything else "". */
    static byte[] bytes(LuaValue v) {
        if (v.type() == LuaValue.TSTRING) {
            return GoJsonEncoder.bytes(v.checkstring());
        }
        if (v.type() == LuaValue.TNUMBER) {
            return GoFloat.luaNumber(v.todouble()).getBytes(StandardCharsets.US_ASCII);
        }
        return new byte[0];
    }

    /** gopher-lua LState.ToInt: numbers and numeric strings, else 0. */
    private static int toInt(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return (int) v.todouble();
        }
        if (v.type() == LuaValue.TSTRING && !v.tonumber().isnil()) {
            return (int) v.tonumber().todouble();
        }
        return 0;
    }
}
