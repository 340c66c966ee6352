package org.dovelua.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dovelua.lib.Digests;

/**
 * DIGEST-MD5 (RFC 2831) as src/auth/mech-digest-md5.c reads and answers it: the directive list's
 * syntax ({@code parse_next}), and the response and rspauth values computed from the stored
 * {@code H(user:realm:password)} credentials ({@code verify_credentials}).
 */
public final class DigestMd5 {
    private DigestMd5() {
    }

    /** One {@code key=value} directive, the key as sent (the server lower-cases it). */
    public record Directive(String key, String value) {
    }

    private static boolean lws(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * The directives of a message, as {@code parse_next()} walks them: a key runs to '=' (a part
     * without one is skipped), a value is a token up to ',' (trailing LWS cut) or a quoted string
     * whose backslash escapes the next character.
     */
    public static List<Directive> parse(String data) {
        List<Directive> out = new ArrayList<>();
        int n = data.indexOf('\0') >= 0 ? data.indexOf('\0') : data.length(); // t_strndup() stops at NUL
        int pos = 0;
        while (pos < n) {
            int p = pos;
            while (p < n && lws(data.charAt(p))) {
                p++;
            }
            int keyStart = p;
            while (p < n && data.charAt(p) != '=' && data.charAt(p) != ',') {
                p++;
            }
            if (p >= n || data.charAt(p) != '=') {
                pos = p;
            } else {
                int keyEnd = p;
                while (keyEnd > keyStart && lws(data.charAt(keyEnd - 1))) {
                    keyEnd--;
                }
                String key = data.substring(keyStart, keyEnd);
                p++;
                while (p < n && lws(data.charAt(p))) {
                    p++;
                }
                String value;
                if (p >= n || data.charAt(p) != '"') {
                    int start = p;
                    while (p < n && data.charAt(p) != ',') {
                        p++;
                    }
                    int end = p;
                    pos = p < n ? p + 1 : p;
                    while (end > start && lws(data.charAt(end - 1))) {
                        end--;
                    }
                    value = data.substring(start, end);
                } else {
                    StringBuilder v = new StringBuilder();
                    p++;
                    while (p < n && data.charAt(p) != '"') {
                        if (data.charAt(p) == '\\' && p + 1 < n) {
                            p++;
                        }
                        v.append(data.charAt(p++));
                    }
                    pos = p < n && data.charAt(p) == '"' ? p + 1 : p;
                    value = v.toString();
                }
                out.add(new Directive(key, value));
            }
            if (pos < n && data.charAt(pos) == ',') {
                pos++;
            }
        }
        return out;
    }

    /** A server challenge's directives by lower-cased name, the first of a repeated one kept (a client's view). */
    static java.util.Map<String, String> challenge(byte[] data) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (Directive d : parse(new String(data, StandardCharsets.UTF_8))) {
            out.putIfAbsent(d.key().toLowerCase(java.util.Locale.ROOT), d.value());
        }
        return out;
    }

    /** A client's cnonce: 16 random bytes in base64. */
    static String cnonce(java.util.random.RandomGenerator random) {
        byte[] c = new byte[16];
        random.nextBytes(c);
        return org.dovelua.lib.DovecotBase64.encode(c);
    }

    /** A quoted-string value as a client writes it: '"' and '\' escaped. */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * {@code verify_credentials()}'s two values: the client's {@code response} ({@code rspauth}
     * false) or the server's {@code rspauth} (A2 without "AUTHENTICATE"), from
     * {@code credentials} = H(user:realm:password).
     */
    public static String response(byte[] credentials, String nonce, String nc, String cnonce, String qop,
            String digestUri, String authzid, boolean rspauth) {
        String a1 = hex(Digests.md5(concat(credentials, utf8(":" + nonce + ":" + cnonce
                + (authzid == null ? "" : ":" + authzid)))));
        String a2 = (rspauth ? ":" : "AUTHENTICATE:") + (digestUri == null ? "" : digestUri)
                + (qop.equals("auth-int") || qop.equals("auth-conf") ? ":00000000000000000000000000000000" : "");
        String a2hex = hex(Digests.md5(utf8(a2)));
        return hex(Digests.md5(utf8(a1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + a2hex)));
    }

    /** The DIGEST-MD5 credentials of a password: H(user:realm:password) (password-scheme.c digest_md5_generate). */
    public static byte[] credentials(String user, String realm, String password) {
        return Digests.md5(utf8(user + ":" + realm + ":" + password));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
