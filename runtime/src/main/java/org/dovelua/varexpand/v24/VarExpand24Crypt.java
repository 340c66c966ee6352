package org.dovelua.varexpand.v24;

import static org.dovelua.varexpand.v24.VarExpand24.numberOrVar;
import static org.dovelua.varexpand.v24.VarExpand24.stringOrVar;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.dovelua.varexpand.v24.VarExpand24.State;
import org.dovelua.varexpand.v24.VarExpand24Filters.FilterError;
import org.dovelua.varexpand.v24.VarExpand24Program.Param;
import org.dovelua.varexpand.v24.VarExpand24Program.Statement;

/**
 * Dovecot 2.4's {@code encrypt} and {@code decrypt} filters (src/lib-var-expand-crypt/
 * var-expand-crypt.c over lib-dcrypt's OpenSSL symmetric ciphers), on javax.crypto for the AES
 * ciphers and Bouncy Castle's PBKDF2. The text form is {@code <iv hex>$<data hex>$} with an IV,
 * or {@code s=<salt>,r=<rounds>$<data hex>$} when key and IV come from PBKDF2 over the key.
 */
final class VarExpand24Crypt {
    private static final String DEFAULT_ALGO = "AES-256-CBC";
    private static final long DEFAULT_ROUNDS = 10000;
    private static final String DEFAULT_HASH = "sha256";
    private static final int DEFAULT_SALT_LEN = 8;
    private static final String SALT_CHARS = "#&()*+-./0123456789:;<>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "[]^_`abcdefghijklmnopqrstuvwxyz{|}";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An OpenSSL cipher name as javax.crypto knows it, with its key and IV lengths. */
    private record Algo(String transformation, int keyLen, int ivLen) {
    }

    private static final Map<String, String> MODES = Map.of("cbc", "CBC/PKCS5Padding", "ecb", "ECB/PKCS5Padding",
            "ctr", "CTR/NoPadding", "cfb", "CFB/NoPadding", "ofb", "OFB/NoPadding");

    private VarExpand24Crypt() {
    }

    private static final class Ctx {
        String algo = DEFAULT_ALGO;
        byte[] iv;
        byte[] enckey;
        long rounds = DEFAULT_ROUNDS;
        String salt;
        boolean raw;
        byte[] input;
    }

    static void encrypt(Statement stmt, State state) throws FilterError {
        Ctx ctx = settings(stmt, state, "encrypt");
        byte[] out = crypt(ctx, Cipher.ENCRYPT_MODE);
        if (ctx.raw) {
            state.setBinary(out);
            return;
        }
        HexFormat hex = HexFormat.of();
        String head = ctx.salt != null ? "s=" + ctx.salt + ",r=" + ctx.rounds : hex.formatHex(ctx.iv);
        state.set(head + "$" + hex.formatHex(out) + "$");
    }

    static void decrypt(Statement stmt, State state) throws FilterError {
        Ctx ctx = settings(stmt, state, "decrypt");
        byte[] out = crypt(ctx, Cipher.DECRYPT_MODE);
        boolean nul = false;
        for (byte b : out) {
            nul |= b == 0;
        }
        if (nul) {
            state.setBinary(out);
        } else {
            state.set(new String(out, StandardCharsets.ISO_8859_1));
        }
    }

    /** var_expand_crypt_settings(), its checks in its order. */
    private static Ctx settings(Statement stmt, State state, String function) throws FilterError {
        Ctx ctx = new Ctx();
        String enckey = null;
        String hash = DEFAULT_HASH;
        for (Param p : stmt.params()) {
            String key = p.key();
            if (key == null) {
                throw new FilterError("Too many positional parameters");
            }
            switch (key) {
                case "algorithm" -> ctx.algo = stringOrVar(state, p);
                case "iv" -> {
                    String iv = stringOrVar(state, p);
                    if (ctx.salt != null) {
                        throw new FilterError("Cannot use both salt and iv");
                    }
                    ctx.iv = hexToBinary(iv);
                }
                case "key" -> {
                    enckey = stringOrVar(state, p);
                    if (enckey == null || enckey.isEmpty()) {
                        throw new FilterError("Empty encryption key");
                    }
                }
                case "raw" -> ctx.raw = VarExpand24Filters.bool(state, p);
                case "salt" -> {
                    ctx.salt = stringOrVar(state, p);
                    if (ctx.iv != null) {
                        throw new FilterError("Cannot use both salt and iv");
                    }
                }
                case "hash" -> hash = stringOrVar(state, p);
                case "rounds" -> {
                    ctx.rounds = numberOrVar(state, p);
                    if (ctx.rounds < 1) {
                        throw new FilterError("rounds must be positive integer");
                    }
                }
                default -> throw new FilterError("Unsupported key '" + key + "'");
            }
        }
        if (enckey == null) {
            throw new FilterError("Encryption key missing");
        }
        if (!state.transferSet) {
            throw new FilterError("No value to " + function);
        }
        ctx.input = state.data();
        if (!ctx.raw && function.equals("decrypt")) {
            // "$"-separated input, hex only: <iv or s=,r=>$<data>$
            String[] parts = state.transfer.toString().split("\\$", -1);
            if (parts.length != 3 || !parts[2].isEmpty()) {
                throw new FilterError("Invalid input format");
            }
            parseParameters(ctx, parts);
        } else if (ctx.raw && ctx.iv == null && ctx.salt == null) {
            throw new FilterError("In raw format, salt or IV must be given");
        }
        if (ctx.iv == null) {
            if (ctx.salt == null) {
                ctx.salt = makeSalt();
            }
            Algo a = algo(ctx.algo);
            byte[] material = pbkdf2(enckey.getBytes(StandardCharsets.ISO_8859_1),
                    ctx.salt.getBytes(StandardCharsets.ISO_8859_1), hash, ctx.rounds, a.keyLen + a.ivLen);
            ctx.enckey = java.util.Arrays.copyOfRange(material, 0, a.keyLen);
            ctx.iv = java.util.Arrays.copyOfRange(material, a.keyLen, a.keyLen + a.ivLen);
        } else {
            ctx.enckey = hexToBinary(enckey);
        }
        if (ctx.enckey.length == 0) {
            // i_assert(ctx->enckey->used > 0): a key that is not hex, with an IV (seen on 2.4.1, case 225)
            throw new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.PANIC,
                    "file var-expand-crypt.c: line 236 (var_expand_crypt_settings): assertion failed: "
                            + "(ctx->enckey->used > 0)");
        }
        return ctx;
    }

    /** parse_parameters(): the IV or {@code s=SALT,r=ROUNDS} before the data. */
    private static void parseParameters(Ctx ctx, String[] parts) throws FilterError {
        if (ctx.iv != null) {
            throw new FilterError("Cannot have iv in parameter and input");
        } else if (parts[0].startsWith("s") || parts[0].startsWith("r")) {
            for (String param : parts[0].split(",")) {
                if (param.startsWith("s=")) {
                    ctx.salt = param.substring(2);
                } else if (param.startsWith("r=")) {
                    try {
                        ctx.rounds = Long.parseLong(param.substring(2));
                    } catch (NumberFormatException e) {
                        throw new FilterError("Invalid input");
                    }
                    if (ctx.rounds < 1) {
                        throw new FilterError("Invalid input");
                    }
                } else {
                    throw new FilterError("Invalid input");
                }
            }
        } else {
            ctx.iv = hexToBinary(parts[0]);
        }
        ctx.input = hexToBinary(parts[1]);
    }

    /** var_expand_crypt(): lengths checked, then one update and final (PKCS padding where OpenSSL pads). */
    private static byte[] crypt(Ctx ctx, int mode) throws FilterError {
        Algo a = algo(ctx.algo);
        if (ctx.iv.length == 0) {
            // dcrypt_ctx_sym_set_key_iv_random() and the IV it made
            ctx.iv = new byte[a.ivLen];
            RANDOM.nextBytes(ctx.iv);
        } else if (ctx.iv.length != a.ivLen) {
            throw new FilterError("IV length invalid (" + ctx.iv.length + " != " + a.ivLen + ")");
        }
        if (ctx.enckey.length != a.keyLen) {
            throw new FilterError("Key length invalid (" + ctx.enckey.length + " != " + a.keyLen + ")");
        }
        try {
            Cipher c = Cipher.getInstance(a.transformation);
            SecretKeySpec key = new SecretKeySpec(ctx.enckey, "AES");
            if (a.ivLen == 0) {
                c.init(mode, key);
            } else {
                c.init(mode, key, new IvParameterSpec(ctx.iv));
            }
            return c.doFinal(ctx.input);
        } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            // EVP_CipherFinal_ex() failing: dcrypt_openssl_ctx_sym_final()'s text
            throw new FilterError("data authentication failed");
        } catch (GeneralSecurityException e) {
            throw new FilterError("dovelua: " + ctx.algo + ": " + e.getMessage());
        }
    }

    /** EVP_get_cipherbyname() for the AES ciphers (case-insensitive, as OpenSSL's names are). */
    private static Algo algo(String name) throws FilterError {
        String n = name.toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("aes-(128|192|256)-(cbc|ecb|ctr|cfb|ofb)").matcher(n);
        if (!m.matches()) {
            // OpenSSL knows more ciphers than these; dovelua emulates the AES family only
            throw new FilterError("Invalid cipher " + name);
        }
        String mode = m.group(2);
        return new Algo("AES/" + MODES.get(mode), Integer.parseInt(m.group(1)) / 8, mode.equals("ecb") ? 0 : 16);
    }

    /** dcrypt_openssl_pbkdf2(): PKCS5_PBKDF2_HMAC over the key's bytes. */
    private static byte[] pbkdf2(byte[] password, byte[] salt, String hash, long rounds, int length) throws FilterError {
        Digest d = switch (hash.toLowerCase(Locale.ROOT)) {
            case "md5" -> new MD5Digest();
            case "sha1" -> new SHA1Digest();
            case "sha224" -> new SHA224Digest();
            case "sha256" -> new SHA256Digest();
            case "sha384" -> new SHA384Digest();
            case "sha512" -> new SHA512Digest();
            default -> throw new FilterError("Invalid digest " + hash);
        };
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(d);
        gen.init(password, salt, (int) Math.min(rounds, Integer.MAX_VALUE));
        return ((KeyParameter) gen.generateDerivedParameters(length * 8)).getKey();
    }

    /** make_salt(): DEFAULT_SALT_LEN characters of salt_chars. */
    private static String makeSalt() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < DEFAULT_SALT_LEN; i++) {
            sb.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        return sb.toString();
    }

    /** hex_to_binary(): pairs of hex digits up to the first that is not one (its -1 is ignored). */
    private static byte[] hexToBinary(String hex) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i + 1 < hex.length(); i += 2) {
            int hi = Character.digit(hex.charAt(i), 16);
            int lo = Character.digit(hex.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                break;
            }
            out.write(hi << 4 | lo);
        }
        return out.toByteArray();
    }
}
