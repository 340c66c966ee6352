package org.dovelua.auth.scheme;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.commons.codec.digest.UnixCrypt;

/**
 * {@code mycrypt()} (src/auth/mycrypt.c), that is the host libc {@code crypt()}: here Debian 12's
 * libxcrypt for the formats it shares with other libcs. A setting libxcrypt rejects gives its
 * failure token ({@code *0}/{@code *1}), which never equals the stored value, so Dovecot reports a
 * mismatch. yescrypt ({@code $y$}), gost-yescrypt ({@code $gy$}) and scrypt ({@code $7$}) are
 * {@link YescryptSetting}; sunmd5, sha1crypt, NT and BSDi DES are not emulated: they also end as the
 * failure token.
 */
public final class LibCrypt {
    private static final String DES_SALT_CHARS = Salt.CHARS;
    /** CRYPT_MAX_PASSPHRASE_SIZE of libxcrypt: longer phrases fail (crypt.c do_crypt()). */
    static final int MAX_PASSPHRASE_SIZE = 512;

    private LibCrypt() {
    }

    /** {@code crypt(key, setting)}; never null: a failure is libxcrypt's failure token. */
    public static String crypt(byte[] key, String setting) {
        String failure = setting.startsWith("*0") ? "*1" : "*0";
        // crypt() reads the key as a C string; a copy, because commons-codec zeroes the array it gets
        key = cString(key).clone();
        // do_crypt() of libxcrypt's crypt.c, before any hash-specific code
        if (key.length >= MAX_PASSPHRASE_SIZE || badSaltChars(setting)) {
            return failure;
        }
        try {
            if (setting.startsWith("$gy$")) {
                String r = YescryptSetting.cryptGost(key, setting);
                return r == null ? failure : r;
            }
            if (setting.startsWith("$y$") || setting.startsWith("$7$")) {
                String r = YescryptSetting.crypt(key, setting);
                return r == null ? failure : r;
            }
            if (setting.startsWith("$1$")) {
                return new String(Md5Crypt.crypt(key, setting.getBytes(StandardCharsets.ISO_8859_1)),
                        StandardCharsets.ISO_8859_1);
            }
            if (setting.startsWith("$5$")) {
                return Sha2Crypt.sha256Crypt(key, setting);
            }
            if (setting.startsWith("$6$")) {
                return Sha2Crypt.sha512Crypt(key, setting);
            }
            if (setting.startsWith("$2")) {
                String r = Bcrypt.crypt(key, setting);
                return r == null ? failure : r;
            }
            if (setting.length() >= 2 && DES_SALT_CHARS.indexOf(setting.charAt(0)) >= 0
                    && DES_SALT_CHARS.indexOf(setting.charAt(1)) >= 0) {
                return UnixCrypt.crypt(key, setting.substring(0, 2));
            }
        } catch (IllegalArgumentException e) {
            return failure;
        }
        return failure;
    }

    /** check_badsalt_chars() of crypt.c: controls, space, DEL, 8-bit and {@code !*:;\\} are refused. */
    static boolean badSaltChars(String setting) {
        for (int i = 0; i < setting.length(); i++) {
            char c = setting.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "!*:;\\".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The bytes up to the first NUL: what C code sees of a string. */
    public static byte[] cString(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return java.util.Arrays.copyOf(b, i);
            }
        }
        return b;
    }
}
