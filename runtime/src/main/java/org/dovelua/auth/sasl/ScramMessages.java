package org.dovelua.auth.sasl;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The SCRAM message syntax of RFC 5802 section 7 as Dovecot's lib-auth writes and reads it
 * (auth-scram-client.c, auth-scram-server.c): saslname escaping, nonces, and the splitting of a
 * message into its attributes ({@code t_strsplit(msg, ",")}, which keeps empty fields).
 */
public final class ScramMessages {
    /** SCRAM_CLIENT_NONCE_LEN / SCRAM_SERVER_NONCE_LEN. */
    static final int NONCE_LEN = 64;

    private ScramMessages() {
    }

    /** {@code auth_scram_escape_username()}: ',' as "=2C", '=' as "=3D" (RFC 5802 5.1). */
    public static String escape(String in) {
        StringBuilder out = new StringBuilder(in.length() + 8);
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == ',') {
                out.append("=2C");
            } else if (c == '=') {
                out.append("=3D");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code auth_scram_unescape_username()}: null for an '=' not followed by "2C" or "3D". */
    public static String unescape(String in) {
        StringBuilder out = new StringBuilder(in.length());
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '=') {
                if (in.startsWith("2C", i + 1)) {
                    out.append(',');
                } else if (in.startsWith("3D", i + 1)) {
                    out.append('=');
                } else {
                    return null;
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code auth_scram_generate_cnonce()} / the server's s-nonce: 64 printable characters
     * ({@code byte % ('~' - '!') + '!'}), a ',' made '~'.
     */
    public static String nonce(RandomGenerator random) {
        byte[] raw = new byte[NONCE_LEN];
        random.nextBytes(raw);
        StringBuilder sb = new StringBuilder(NONCE_LEN);
        for (byte b : raw) {
            char c = (char) ((b & 0xff) % ('~' - '!') + '!');
            sb.append(c == ',' ? '~' : c);
        }
        return sb.toString();
    }

    /** {@code t_strsplit(s, ",")}: every field, empty ones included (a trailing "," gives a last ""). */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ',') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
