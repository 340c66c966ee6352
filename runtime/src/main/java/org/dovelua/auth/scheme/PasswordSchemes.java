package org.dovelua.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dovelua.auth.scheme.PasswordScheme.Encoding;
import org.dovelua.auth.scheme.PasswordScheme.Params;
import org.dovelua.lib.Digests;
import org.dovelua.lib.DovecotBase64;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * The password scheme registry (src/auth/password-scheme.c, password-scheme-crypt.c,
 * password-scheme-sodium.c in 2.3; src/lib-auth/ in 2.4): lookup with encoding suffixes,
 * {@code password_get_scheme}, {@code password_decode}, {@code password_verify},
 * {@code password_generate_encoded}. Names are case-insensitive.
 */
public final class PasswordSchemes {
    private static final String MISMATCH = "Password mismatch"; // AUTH_LOG_MSG_PASSWORD_MISMATCH
    private static final Scram SCRAM_SHA1 = Scram.SHA1;
    private static final Scram SCRAM_SHA256 = Scram.SHA256;

    /** builtin_schemes[] + crypt_schemes[] + sodium_schemes[], in 2.3.19.1's declaration order. */
    private static final Map<String, PasswordScheme> SCHEMES = new LinkedHashMap<>();

    /**
     * The order {@code doveadm pw -l} prints: Dovecot's hash table iteration order, observed on
     * Debian's 2.3.19.1 and 2.4.1 (which has ARGON2 after SSHA256). Also the order
     * {@code password_scheme_detect()} tries schemes in.
     */
    private static final List<String> LIST_ORDER = List.of("SHA1", "SSHA512", "SCRAM-SHA-256", "BLF-CRYPT", "PLAIN",
            "HMAC-MD5", "OTP", "SHA512", "SHA", "DES-CRYPT", "CRYPT", "SSHA", "MD5-CRYPT", "PLAIN-MD4", "PLAIN-MD5",
            "SCRAM-SHA-1", "SHA512-CRYPT", "CLEAR", "CLEARTEXT", "ARGON2I", "ARGON2ID", "SSHA256", "ARGON2", "MD5",
            "PBKDF2", "SHA256", "CRAM-MD5", "PLAIN-TRUNC", "SHA256-CRYPT", "SMD5", "DIGEST-MD5", "LDAP-MD5");

    static {
        PasswordScheme.Generate md5Crypt = (p, x) -> Md5Crypt.crypt(p, Salt.chars(8).getBytes(StandardCharsets.US_ASCII));
        PasswordScheme.Generate sha1 = (p, x) -> Digests.digest("SHA-1", p);
        PasswordScheme.Generate plain = (p, x) -> p;
        PasswordScheme.Generate cram = (p, x) -> CramMd5.context(p);
        PasswordScheme.Generate plainMd5 = (p, x) -> Digests.md5(p);
        add("MD5", Encoding.NONE, 0, true, PasswordSchemes::md5Verify, md5Crypt);
        add("MD5-CRYPT", Encoding.NONE, 0, true, (p, x, raw, e) -> md5CryptVerify(p, raw), md5Crypt);
        add("SHA", Encoding.BASE64, 20, false, null, sha1);
        add("SHA1", Encoding.BASE64, 20, false, null, sha1);
        add("SHA256", Encoding.BASE64, 32, false, null, (p, x) -> Digests.digest("SHA-256", p));
        add("SHA512", Encoding.BASE64, 64, false, null, (p, x) -> Digests.digest("SHA-512", p));
        salted("SMD5", "MD5", 16, true);
        salted("SSHA", "SHA-1", 20, false);
        salted("SSHA256", "SHA-256", 32, false);
        salted("SSHA512", "SHA-512", 64, false);
        add("PLAIN", Encoding.NONE, 0, false, PasswordSchemes::plainVerify, plain);
        add("CLEAR", Encoding.NONE, 0, false, PasswordSchemes::plainVerify, plain);
        add("CLEARTEXT", Encoding.NONE, 0, false, PasswordSchemes::plainVerify, plain);
        add("PLAIN-TRUNC", Encoding.NONE, 0, false, PasswordSchemes::plainTruncVerify, plain);
        add("CRAM-MD5", Encoding.HEX, 32, false, null, cram);
        add("SCRAM-SHA-1", Encoding.NONE, 0, false, (p, x, raw, e) -> SCRAM_SHA1.verify(p, raw, e),
                (p, x) -> ascii(SCRAM_SHA1.generate(p, Salt.bytes(16))));
        add("SCRAM-SHA-256", Encoding.NONE, 0, false, (p, x, raw, e) -> SCRAM_SHA256.verify(p, raw, e),
                (p, x) -> ascii(SCRAM_SHA256.generate(p, Salt.bytes(16))));
        add("HMAC-MD5", Encoding.HEX, 32, true, null, cram);
        add("DIGEST-MD5", Encoding.HEX, 16, false, null, PasswordSchemes::digestMd5Generate);
        add("PLAIN-MD4", Encoding.HEX, 16, true, null, (p, x) -> Md4.digest(p));
        add("PLAIN-MD5", Encoding.HEX, 16, true, null, plainMd5);
        add("LDAP-MD5", Encoding.BASE64, 16, true, null, plainMd5);
        add("OTP", Encoding.NONE, 0, false, PasswordSchemes::otpVerify, PasswordSchemes::otpGenerate);
        add("PBKDF2", Encoding.NONE, 0, false, (p, x, raw, e) -> Pbkdf2.verify(p, raw, e),
                (p, x) -> ascii(Pbkdf2.generate(p, Salt.chars(16), x.rounds())));
        // password_scheme_register_crypt(): Debian's libxcrypt passes all three self-tests
        add("DES-CRYPT", Encoding.NONE, 0, true, PasswordSchemes::cryptVerify,
                (p, x) -> ascii(LibCrypt.crypt(p, Salt.chars(2))));
        add("SHA256-CRYPT", Encoding.NONE, 0, false, PasswordSchemes::cryptVerify, (p, x) -> sha2Crypt("$5$", p, x));
        add("SHA512-CRYPT", Encoding.NONE, 0, false, PasswordSchemes::cryptVerify, (p, x) -> sha2Crypt("$6$", p, x));
        PasswordScheme.Generate blf = PasswordSchemes::blowfishGenerate;
        add("BLF-CRYPT", Encoding.NONE, 0, false, PasswordSchemes::blowfishVerify, blf);
        add("CRYPT", Encoding.NONE, 0, false, PasswordSchemes::cryptVerify, blf);
        // password_scheme_register_sodium(): Debian builds with libsodium
        PasswordScheme.Verify argon2 = (p, x, raw, e) -> Argon2.verify(p, new String(raw, StandardCharsets.ISO_8859_1))
                ? 1 : 0;
        add("ARGON2I", Encoding.NONE, 0, false, argon2, (p, x) -> ascii(Argon2.generate(false, p, x.rounds(),
                Salt.bytes(16))));
        PasswordScheme.Generate argon2id = (p, x) -> ascii(Argon2.generate(true, p, x.rounds(), Salt.bytes(16)));
        add("ARGON2ID", Encoding.NONE, 0, false, argon2, argon2id);
        add("ARGON2", Encoding.NONE, 0, false, argon2, argon2id); // 2.4 only, see lookupName
    }

    /** {@code password_get_scheme()} result: the scheme (null if none) and the rest of the value. */
    public record Split(String scheme, String password) {
    }

    /** {@code password_decode()} outcome: 1 decoded, 0 unknown scheme, -1 invalid data. */
    public record Decoded(int ret, byte[] raw, String error) {
    }

    private PasswordSchemes() {
    }

    private static void add(String name, Encoding enc, int rawLen, boolean weak, PasswordScheme.Verify v,
            PasswordScheme.Generate g) {
        SCHEMES.put(name, new PasswordScheme(name, enc, rawLen, weak, v, g));
    }

    /** SMD5/SSHA/SSHA256/SSHA512: H(plain ‖ salt) ‖ salt, 4 random salt bytes. */
    private static void salted(String name, String algorithm, int size, boolean weak) {
        add(name, Encoding.BASE64, 0, weak, (p, x, raw, e) -> {
            if (raw.length <= size) {
                e[0] = name + " password is too short";
                return -1;
            }
            byte[] salt = java.util.Arrays.copyOfRange(raw, size, raw.length);
            byte[] d = Digests.digest(algorithm, p, salt);
            return MessageDigest.isEqual(d, java.util.Arrays.copyOf(raw, size)) ? 1 : 0;
        }, (p, x) -> {
            byte[] salt = Salt.bytes(4);
            byte[] d = Digests.digest(algorithm, p, salt);
            byte[] out = java.util.Arrays.copyOf(d, size + 4);
            System.arraycopy(salt, 0, out, size, 4);
            return out;
        });
    }

    // ----- lookup -----

    /** The registry of a version: 2.4 adds ARGON2. */
    static PasswordScheme lookupName(String name, DovecotVersion version) {
        PasswordScheme s = SCHEMES.get(name.toUpperCase(Locale.ROOT));
        if (s != null && s.name().equals("ARGON2") && !version.has(Since.ARGON2_SCHEME)) {
            return null;
        }
        return s;
    }

    /** {@code password_schemes_get()}: the names {@code doveadm pw -l} prints, in its order. */
    public static List<String> names(DovecotVersion version) {
        List<String> out = new ArrayList<>();
        for (String n : LIST_ORDER) {
            if (lookupName(n, version) != null) {
                out.add(n);
            }
        }
        return out;
    }

    /** {@code password_scheme_lookup()}: the scheme and encoding of {@code NAME[.suffix]}, or null. */
    private record Lookup(PasswordScheme scheme, Encoding encoding) {
    }

    private static Lookup lookup(String name, DovecotVersion version) {
        String encoding = null;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            encoding = name.substring(dot + 1);
            name = name.substring(0, dot);
        }
        PasswordScheme s = lookupName(name, version);
        if (s == null) {
            return null;
        }
        if (encoding == null) {
            return new Lookup(s, s.defaultEncoding());
        }
        if (encoding.equalsIgnoreCase("b64") || encoding.equalsIgnoreCase("base64")) {
            return new Lookup(s, Encoding.BASE64);
        }
        if (encoding.equalsIgnoreCase("hex")) {
            return new Lookup(s, Encoding.HEX);
        }
        return null; // unknown encoding: treated as an invalid scheme
    }

    /** Whether {@code scheme} (with an optional suffix) names a scheme of this version. */
    public static boolean exists(String scheme, DovecotVersion version) {
        return lookup(scheme, version) != null;
    }

    // ----- password_get_scheme / decode / verify / generate -----

    /** {@code password_get_scheme()}: {@code {SCHEME}rest}, or {@code $1$salt$hash} as MD5-CRYPT. */
    public static Split getScheme(String password) {
        if (password == null) {
            return new Split(null, null);
        }
        if (password.startsWith("$1$")) {
            int p = password.indexOf('$', 3);
            if (p >= 0) {
                int q = password.indexOf('$', p + 1);
                return new Split("MD5-CRYPT", q >= 0 ? password.substring(0, q) : password);
            }
        }
        if (!password.startsWith("{")) {
            return new Split(null, password);
        }
        int close = password.indexOf('}');
        if (close < 0) {
            return new Split(null, password);
        }
        return new Split(password.substring(1, close), password.substring(close + 1));
    }

    public static Decoded decode(String password, String scheme) {
        return decode(password, scheme, DovecotVersion.DEFAULT);
    }

    public static Decoded decode(String password, String scheme, DovecotVersion version) {
        return decode(utf8(password), scheme, version);
    }

    /** {@code password_decode()}: scheme name with an optional {@code .b64/.base64/.hex} suffix. */
    public static Decoded decode(byte[] bytes, String scheme, DovecotVersion version) {
        Lookup l = lookup(scheme, version);
        if (l == null) {
            return new Decoded(0, null, "Unknown scheme");
        }
        PasswordScheme s = l.scheme();
        bytes = LibCrypt.cString(bytes); // strlen(password)
        String password = new String(bytes, StandardCharsets.ISO_8859_1);
        int len = bytes.length;
        Encoding encoding = l.encoding();
        boolean guessed = false;
        if (encoding != Encoding.NONE && s.rawLength() != 0 && scheme.indexOf('.') < 0) {
            // "we can guess quite well between base64 and hex encodings"
            encoding = len == s.rawLength() * 2 ? Encoding.HEX : Encoding.BASE64;
            guessed = true;
        }
        byte[] raw = bytes;
        if (encoding == Encoding.HEX) {
            raw = hexToBinary(password);
            if (raw == null && !guessed) {
                return new Decoded(-1, null, "Input isn't valid HEX encoded data");
            }
            if (raw == null) {
                encoding = Encoding.BASE64; // "check if it's base64-encoded after all"
            }
        }
        if (encoding == Encoding.BASE64) {
            raw = DovecotBase64.decode(bytes);
            if (raw == null) {
                return new Decoded(-1, null, "Input isn't valid base64 encoded data");
            }
        }
        if (s.rawLength() != 0 && raw.length != s.rawLength()) {
            return new Decoded(-1, null, "Input length isn't valid (" + raw.length + " instead of " + s.rawLength()
                    + ")");
        }
        return new Decoded(1, raw, null);
    }

    /** {@code hex_to_binary()}: even length of {@code [0-9a-fA-F]}, else null. */
    private static byte[] hexToBinary(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return null;
            }
        }
        return HexFormat.of().parseHex(s);
    }

    /** {@code password_verify()} with the 2.3.19 profile and no user name. */
    public static int verify(String plain, String scheme, byte[] raw, String[] error) {
        return verify(utf8(plain), scheme, raw, Params.NONE, DovecotVersion.DEFAULT, false, error);
    }

    /**
     * {@code password_verify()}: 1 match, 0 mismatch ({@code Password mismatch}), -1 error. From
     * 2.4 on a weak scheme is refused unless {@code allowWeak} ({@code auth_allow_weak_schemes}).
     */
    public static int verify(byte[] plain, String scheme, byte[] raw, Params params, DovecotVersion version,
            boolean allowWeak, String[] error) {
        Lookup l = lookup(scheme, version);
        if (l == null) {
            error[0] = "Unknown password scheme";
            return -1;
        }
        PasswordScheme s = l.scheme();
        // plaintext is a C string in Dovecot
        plain = LibCrypt.cString(plain);
        boolean refuseWeak = version.has(Since.WEAK_SCHEMES_REFUSED) && !allowWeak;
        if (refuseWeak && s.weak()) {
            // 2.4.2 added the hint (src/lib-auth/password-scheme.c); crypt_verify's texts lack it
            error[0] = "Weak password scheme '" + s.name() + "' used and refused"
                    + (version.has(Since.WEAK_SCHEME_HINT) ? " (Set auth_allow_weak_schemes=yes to allow)" : "");
            return -1;
        }
        int ret;
        if (s.verify() != null) {
            ret = s.verify().verify(plain, new Params(params.user(), params.rounds(), refuseWeak), raw, error);
        } else {
            byte[] generated = s.generate().generate(plain, params);
            ret = generated.length == raw.length && MessageDigest.isEqual(generated, raw) ? 1 : 0;
        }
        if (ret == 0) {
            error[0] = MISMATCH;
        }
        return ret;
    }

    /**
     * {@code password_scheme_is_alias()}: the same name (case-insensitive, encoding suffix cut),
     * or two registered schemes with the same generate function (SHA/SHA1, CRAM-MD5/HMAC-MD5,
     * the PLAIN family, MD5/MD5-CRYPT, PLAIN-MD5/LDAP-MD5, ...). An empty name is nobody's alias.
     */
    public static boolean isAlias(String scheme1, String scheme2, DovecotVersion version) {
        if (scheme1.isEmpty() || scheme2.isEmpty()) {
            return false;
        }
        scheme1 = cutAtDot(scheme1);
        scheme2 = cutAtDot(scheme2);
        if (scheme1.equalsIgnoreCase(scheme2)) {
            return true;
        }
        PasswordScheme s1 = lookupName(scheme1, version);
        PasswordScheme s2 = lookupName(scheme2, version);
        return s1 != null && s2 != null && s1.generate() == s2.generate();
    }

    private static String cutAtDot(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? s : s.substring(0, dot);
    }

    /** {@code password_generate()}: the raw (unencoded) credentials, or null for an unknown scheme. */
    public static byte[] generateRaw(byte[] plain, String scheme, Params params, DovecotVersion version) {
        Lookup l = lookup(scheme, version);
        return l == null ? null : l.scheme().generate().generate(LibCrypt.cString(plain), params);
    }

    /**
     * {@code password_generate_encoded()}: the stored form without the {@code {SCHEME}} prefix, or
     * null for an unknown scheme. Throws {@link PasswordScheme.Fatal} where Dovecot calls i_fatal.
     */
    public static String generateEncoded(byte[] plain, String scheme, Params params, DovecotVersion version) {
        byte[] b = generateEncodedBytes(plain, scheme, params, version);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** {@link #generateEncoded} as bytes: an unencoded scheme stores the password's own bytes. */
    public static byte[] generateEncodedBytes(byte[] plain, String scheme, Params params, DovecotVersion version) {
        Lookup l = lookup(scheme, version);
        if (l == null) {
            return null;
        }
        byte[] raw = l.scheme().generate().generate(LibCrypt.cString(plain), params);
        return switch (l.encoding()) {
            case NONE -> raw;
            case BASE64 -> ascii(DovecotBase64.encode(raw));
            case HEX -> ascii(HexFormat.of().formatHex(raw));
        };
    }

    /**
     * {@code password_scheme_detect()}: the first scheme, in the registry's hash table order,
     * that decodes {@code crypted} and verifies {@code plain}; null if none.
     */
    public static String detect(byte[] plain, String crypted, Params params, DovecotVersion version,
            boolean allowWeak) {
        for (String name : names(version)) {
            Decoded d = decode(crypted, name, version);
            if (d.ret() <= 0) {
                continue;
            }
            try {
                if (verify(plain, name, d.raw(), params, version, allowWeak, new String[1]) > 0) {
                    return name;
                }
            } catch (PasswordScheme.Fatal | UnsupportedOperationException e) {
                // a scheme that cannot be tried here is no match
            }
        }
        return null;
    }

    // ----- per-scheme verify/generate (password-scheme.c) -----

    private static int plainVerify(byte[] plain, Params x, byte[] raw, String[] e) {
        return plain.length == raw.length && MessageDigest.isEqual(plain, raw) ? 1 : 0;
    }

    /** {@code plain_trunc_verify()}: {@code <length>-<password>}. */
    private static int plainTruncVerify(byte[] plain, Params x, byte[] raw, String[] e) {
        int i = 0;
        long truncLen = 0;
        for (; i < raw.length && raw[i] >= '0' && raw[i] <= '9'; i++) {
            truncLen = truncLen * 10 + raw[i] - '0'; // size_t arithmetic; overflow only for absurd lengths
        }
        if (i == raw.length || raw[i] != '-') {
            e[0] = "PLAIN-TRUNC missing length: prefix";
            return -1;
        }
        i++;
        int rest = raw.length - i;
        if (rest == truncLen && plain.length >= truncLen) {
            return MessageDigest.isEqual(java.util.Arrays.copyOfRange(raw, i, raw.length),
                    java.util.Arrays.copyOf(plain, rest)) ? 1 : 0;
        }
        return plain.length == rest && MessageDigest.isEqual(java.util.Arrays.copyOfRange(raw, i, raw.length), plain)
                ? 1 : 0;
    }

    /** {@code md5_verify()}: md5-crypt when it starts with {@code $1$}, else PLAIN-MD5. */
    private static int md5Verify(byte[] plain, Params x, byte[] raw, String[] e) {
        String password = new String(raw, StandardCharsets.UTF_8);
        if (password.startsWith("$1$")) {
            return md5CryptVerify(plain, raw);
        }
        Decoded d = decode(raw, "PLAIN-MD5", DovecotVersion.DEFAULT);
        if (d.ret() <= 0) {
            e[0] = "Not a valid MD5-CRYPT or PLAIN-MD5 password";
            return -1;
        }
        return MessageDigest.isEqual(Digests.md5(plain), d.raw()) ? 1 : 0;
    }

    private static int md5CryptVerify(byte[] plain, byte[] raw) {
        return MessageDigest.isEqual(Md5Crypt.crypt(plain, raw), raw) ? 1 : 0;
    }

    /** {@code digest_md5_generate()}: MD5(user:realm:pass), realm after the last {@code @}. */
    private static byte[] digestMd5Generate(byte[] plain, Params x) {
        if (x.user() == null) {
            throw new PasswordScheme.Fatal("digest_md5_generate(): username not given");
        }
        String user = x.user();
        String realm = "";
        int at = user.lastIndexOf('@');
        if (at >= 0) {
            realm = user.substring(at + 1);
            user = user.substring(0, at);
        }
        return Digests.md5(utf8(user + ":" + realm + ":"), plain);
    }

    /** {@code otp_generate()}: sha1, sequence 1024, a random 16-hex-digit seed. */
    private static byte[] otpGenerate(byte[] plain, Params x) {
        String seed = HexFormat.of().formatHex(Salt.bytes(8));
        return ascii(Otp.entry("sha1", 1024, seed, Otp.hash("sha1", seed, plain, 1024)));
    }

    /** {@code otp_verify()}: rebuild the entry and compare case-insensitively. */
    private static int otpVerify(byte[] plain, Params x, byte[] raw, String[] e) {
        String password = new String(raw, StandardCharsets.ISO_8859_1);
        String generated = Otp.rebuild(plain, password);
        if (generated == null) {
            e[0] = "Invalid OTP data in passdb";
            return -1;
        }
        return password.equalsIgnoreCase(generated) ? 1 : 0;
    }

    /**
     * {@code crypt_verify()} (password-scheme.c): {@code $2?$} goes to BLF-CRYPT, empty is a
     * mismatch, 2.4 refuses DES and {@code $1$} unless weak schemes are allowed, else
     * {@code crypt(plain, stored) == stored}.
     */
    private static int cryptVerify(byte[] plain, Params x, byte[] raw, String[] e) {
        if (raw.length > 4 && raw[0] == '$' && raw[1] == '2' && raw[3] == '$') {
            return blowfishVerify(plain, x, raw, e);
        }
        if (raw.length == 0) {
            return 0; // "the default mycrypt() handler would return match"
        }
        if (raw.length > 1 && x.refuseWeak()) {
            if (raw[0] != '$') {
                e[0] = "Weak password scheme 'DES-CRYPT' used and refused";
                return -1;
            } else if (raw[1] == '1') {
                e[0] = "Weak password scheme 'MD5-CRYPT' used and refused";
                return -1;
            }
        }
        String password = new String(raw, StandardCharsets.ISO_8859_1);
        return LibCrypt.crypt(plain, password).equals(password) ? 1 : 0;
    }

    /** {@code crypt_verify_blowfish()} (password-scheme-crypt.c). */
    private static int blowfishVerify(byte[] plain, Params x, byte[] raw, String[] e) {
        if (raw.length == 0) {
            return 0;
        }
        String password = new String(raw, StandardCharsets.ISO_8859_1);
        if (raw.length < 30 || !password.startsWith("$2") || raw[2] < 'a' || raw[2] > 'z' || raw[3] != '$') {
            e[0] = "Password is not blowfish password";
            return -1;
        }
        String crypted = Bcrypt.crypt(plain, password.substring(0, 30));
        if (crypted == null) {
            e[0] = "crypt_blowfish_rn failed: Invalid argument";
            return -1;
        }
        return crypted.equals(password) ? 1 : 0;
    }

    /** {@code crypt_generate_blowfish()}: {@code $2y$}, cost 5 by default, clamped to 4..31. */
    private static byte[] blowfishGenerate(byte[] plain, Params x) {
        long rounds = x.rounds() == 0 ? 5 : Math.max(4, Math.min(31, x.rounds()));
        return ascii(Bcrypt.generate(plain, (int) rounds, Salt.bytes(16)));
    }

    /** {@code crypt_generate_sha256/512()}: rounds= only when not 5000, clamped to 1000..999999999. */
    private static byte[] sha2Crypt(String magic, byte[] plain, Params x) {
        long rounds = x.rounds() == 0 ? 5000 : Math.max(1000, Math.min(999999999, x.rounds()));
        String salt = Salt.chars(16);
        String setting = rounds == 5000 ? magic + salt : magic + "rounds=" + rounds + "$" + salt;
        return ascii(LibCrypt.crypt(plain, setting));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
