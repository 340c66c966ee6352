package org.dovelua.varexpand;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.dovelua.lib.Digests;
import org.dovelua.lib.HashMethod;

/**
 * {@code %{method;args:field}} and {@code %{pkcs5;args:field}} (src/lib/var-expand.c,
 * var_expand_hash): the hash methods of src/lib/hash-method.c with {@code rounds},
 * {@code truncate}, {@code salt} and {@code format} arguments.
 */
final class VarExpandHash {
    /** {@code hash_methods[]} in 2.3.19. */
    static final List<String> METHODS = List.of("md4", "md5", "sha1", "sha256", "sha384", "sha512", "sha3-256",
            "sha3-512", "size");

    /** Expands a field name (var_expand_long). */
    @FunctionalInterface
    interface FieldExpander {
        VarExpandIf.Expanded expand(String field, String[] error);
    }

    private VarExpandHash() {
    }

    static int expand(String key, String field, FieldExpander fieldExpander, VarExpandIf.Expander expander,
            String[] result, String[] error) {
        int p = key.indexOf(';');
        String algo = p < 0 ? key : key.substring(0, p);
        String[] args = p < 0 ? null : key.substring(p + 1).split(",", -1);
        boolean pkcs5 = algo.equals("pkcs5");
        String method = pkcs5 ? "sha256" : algo;
        if (!METHODS.contains(method)) {
            // hash_method_lookup() is case-sensitive: "MD5" matched the extension but is no method
            return 0;
        }
        VarExpandIf.Expanded value = fieldExpander.expand(field, error);
        if (value.ret() < 1) {
            return value.ret();
        }
        byte[] fieldValue = value.value().getBytes(StandardCharsets.ISO_8859_1);
        long rounds = 1;
        long truncbits = 0;
        String format = "hex";
        byte[] salt = new byte[0];
        if (pkcs5) {
            rounds = 2048;
            salt = field.getBytes(StandardCharsets.ISO_8859_1);
        }
        int digestSize = digestSize(method);
        for (int i = 0; args != null && i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = arg.substring(0, eq);
            String v = arg.substring(eq + 1);
            if (k.equals("rounds")) {
                rounds = strToUint(v);
                if (rounds < 0) {
                    error[0] = "Cannot parse hash arguments:'" + v + "' is not number for rounds";
                    return -1;
                }
                if (rounds < 1) {
                    error[0] = "Cannot parse hash arguments:rounds must be at least 1";
                    return -1;
                }
            } else if (k.equals("truncate")) {
                truncbits = strToUint(v);
                if (truncbits < 0) {
                    error[0] = "Cannot parse hash arguments:'" + v + "' is not number for truncbits";
                    return -1;
                }
                truncbits = Math.min(truncbits, digestSize * 8L);
            } else if (k.equals("salt")) {
                VarExpandIf.Expanded s = expander.expand(v, error);
                if (s.ret() < 0) {
                    return -1;
                }
                salt = s.value().getBytes(StandardCharsets.ISO_8859_1);
                break; // salt ends the argument list
            } else if (k.equals("format")) {
                if (!v.equals("hex") && !v.equals("hexuc") && !v.equals("base64")) {
                    error[0] = "Cannot parse hash arguments:'" + v + "' is not supported format";
                    return -1;
                }
                format = v;
            }
        }
        byte[] tmp;
        if (pkcs5) {
            // HMAC_MAX_CONTEXT_SIZE bytes = sizeof(struct sha512_ctx), 336 on amd64 (seen on 2.3.19)
            tmp = Digests.pbkdf2("HmacSHA256", fieldValue, salt, rounds, 336);
        } else {
            tmp = fieldValue;
            for (; rounds > 0; rounds--) {
                tmp = digest(method, salt, tmp);
            }
        }
        if (truncbits > 0) {
            tmp = truncateRshiftBits(tmp, (int) truncbits);
        }
        // FORMAT_HEX_UC gives lowercase hex too in 2.3 (binary_to_hex in both branches)
        result[0] = format.equals("base64") ? Base64.getEncoder().encodeToString(tmp) : HexFormat.of().formatHex(tmp);
        return 1;
    }

    private static int digestSize(String method) {
        return switch (method) {
            case "md4", "md5" -> 16;
            case "sha1" -> 20;
            case "sha256", "sha3-256" -> 32;
            case "sha384" -> 48;
            case "sha512", "sha3-512" -> 64;
            default -> 8;
        };
    }

    private static byte[] digest(String method, byte[] salt, byte[] data) {
        MessageDigest md = HashMethod.lookup(method);
        md.update(salt);
        md.update(data);
        return md.digest();
    }

    /** {@code buffer_truncate_rshift_bits()}: keep the first {@code bits} bits, right-aligned. */
    static byte[] truncateRshiftBits(byte[] buf, int bits) {
        int bytes = (bits + 7) / 8;
        byte[] out = java.util.Arrays.copyOf(buf, Math.min(bytes, buf.length));
        int shift = bytes * 8 - bits;
        if (shift > 0 && out.length > 0) {
            // shift the whole buffer right by 'shift' bits
            java.math.BigInteger v = new java.math.BigInteger(1, out).shiftRight(shift);
            byte[] raw = v.toByteArray();
            byte[] res = new byte[out.length];
            int n = Math.min(raw.length, res.length);
            System.arraycopy(raw, raw.length - n, res, res.length - n, n);
            return res;
        }
        return out;
    }

    /** {@code str_to_uint()}: -1 on failure. */
    static long strToUint(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > 0xffffffffL) {
                return -1;
            }
        }
        return v;
    }

    /** {@code str_to_ullong()} for X: 0 when it is not a number. */
    static long strToUllong(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        try {
            for (char c : s.toCharArray()) {
                if (c < '0' || c > '9') {
                    return 0;
                }
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code str_to_intmax()}: optional '-', digits, no overflow; null on failure. */
    static Long strToIntmax(String s) {
        String d = s.startsWith("-") ? s.substring(1) : s;
        if (d.isEmpty()) {
            return null;
        }
        for (char c : d.toCharArray()) {
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
