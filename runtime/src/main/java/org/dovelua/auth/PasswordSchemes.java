package org.dovelua.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The password scheme registry (src/auth/password-scheme.c). This core covers the PLAIN family;
 * the other schemes Dovecot knows are recognised by name and refused with a clear dovelua error
 * rather than being reported as unknown or verified wrongly.
 */
public final class PasswordSchemes {
    /** Schemes the real 2.3 registry has (used to tell "unknown" from "not emulated yet"). */
    private static final Set<String> DOVECOT_SCHEMES = Set.of("MD5", "MD5-CRYPT", "SHA", "SHA1", "SHA256",
            "SHA512", "SMD5", "SSHA", "SSHA256", "SSHA512", "PLAIN", "CLEAR", "CLEARTEXT", "PLAIN-TRUNC",
            "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "HMAC-MD5", "DIGEST-MD5", "PLAIN-MD4", "PLAIN-MD5",
            "LDAP-MD5", "OTP", "PBKDF2", "DES-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT", "BLF-CRYPT", "CRYPT",
            "ARGON2I", "ARGON2ID", "ARGON2");
    private static final Set<String> PLAIN_FAMILY = Set.of("PLAIN", "CLEAR", "CLEARTEXT", "PLAIN-TRUNC");

    /** A scheme that real Dovecot verifies but this build does not emulate yet. */
    public static final class NotEmulatedException extends RuntimeException {
        public NotEmulatedException(String scheme) {
            super("dovelua does not emulate the password scheme " + scheme + " yet; "
                    + "use a {PLAIN} password in the meantime", null, false, false);
        }
    }

    /** {@code password_get_scheme()} result: the scheme (null if none) and the rest of the value. */
    public record Split(String scheme, String password) {
    }

    private PasswordSchemes() {
    }

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

    /** {@code password_decode()} outcome: 1 decoded, 0 unknown scheme, -1 invalid data. */
    public record Decoded(int ret, byte[] raw, String error) {
    }

    /** {@code password_decode()}: scheme name with an optional {@code .b64/.base64/.hex} suffix. */
    public static Decoded decode(String password, String scheme) {
        String name = scheme.toUpperCase(Locale.ROOT);
        String encoding = null;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            encoding = name.substring(dot + 1);
            name = name.substring(0, dot);
            if (!encoding.equals("B64") && !encoding.equals("BASE64") && !encoding.equals("HEX")) {
                return new Decoded(0, null, null);
            }
        }
        if (!DOVECOT_SCHEMES.contains(name)) {
            return new Decoded(0, null, null);
        }
        if (!PLAIN_FAMILY.contains(name)) {
            throw new NotEmulatedException(name);
        }
        byte[] raw = password.getBytes(StandardCharsets.UTF_8);
        if (encoding != null) {
            try {
                raw = encoding.equals("HEX") ? HexFormat.of().parseHex(password)
                        : Base64.getMimeDecoder().decode(password);
            } catch (IllegalArgumentException e) {
                return new Decoded(-1, null, encoding.equals("HEX") ? "Input isn't valid HEX encoded data"
                        : "Input isn't valid base64 encoded data");
            }
        }
        return new Decoded(1, raw, null);
    }

    /** {@code password_verify()}: 1 match, 0 mismatch ({@code Password mismatch}), -1 error. */
    public static int verify(String plain, String scheme, byte[] raw, String[] error) {
        String name = scheme.toUpperCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot >= 0) {
            name = name.substring(0, dot);
        }
        byte[] given = plain == null ? new byte[0] : plain.getBytes(StandardCharsets.UTF_8);
        int ret;
        if (name.equals("PLAIN-TRUNC")) {
            ret = verifyTruncated(given, raw, error);
            if (ret < 0) {
                return ret;
            }
        } else if (PLAIN_FAMILY.contains(name)) {
            ret = MessageDigest.isEqual(given, raw) ? 1 : 0;
        } else {
            throw new NotEmulatedException(name);
        }
        if (ret == 0) {
            error[0] = "Password mismatch";
        }
        return ret;
    }

    /** PLAIN-TRUNC stores {@code <length>-<password truncated to length>}. */
    private static int verifyTruncated(byte[] given, byte[] raw, String[] error) {
        String s = new String(raw, StandardCharsets.UTF_8);
        int dash = s.indexOf('-');
        int len;
        try {
            len = dash < 0 ? -1 : Integer.parseInt(s.substring(0, dash));
        } catch (NumberFormatException e) {
            len = -1;
        }
        if (len < 0) {
            error[0] = "PLAIN-TRUNC missing length: prefix";
            return -1;
        }
        byte[] stored = s.substring(dash + 1).getBytes(StandardCharsets.UTF_8);
        if (given.length <= len) {
            return MessageDigest.isEqual(given, stored) ? 1 : 0;
        }
        byte[] cut = java.util.Arrays.copyOf(given, len);
        return MessageDigest.isEqual(cut, stored) ? 1 : 0;
    }
}
