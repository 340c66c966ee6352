package org.dovelua.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.version.Since;

/**
 * {@code auth_mechanisms} as the auth process reads it at start (src/auth/mech.c
 * {@code mech_register_init}): doveconf takes any words, the auth process dies on a name no
 * module registers ({@code mech_init}; GSSAPI is a plugin the Debian core package does not ship).
 */
final class AuthMechanisms {
    private static final List<String> BUILT_IN = List.of("PLAIN", "LOGIN", "APOP", "CRAM-MD5", "DIGEST-MD5",
            "EXTERNAL", "OTP", "SCRAM-SHA-1", "SCRAM-SHA-256", "ANONYMOUS", "OAUTHBEARER", "XOAUTH2");

    private AuthMechanisms() {
    }

    /**
     * Whether {@code mech} is among {@code auth_mechanisms} (the list the auth server sends a client,
     * auth_client_find_mech(): names compared case-insensitively).
     */
    static boolean offered(AuthSettings settings, String mech) {
        for (String word : settings.mechanisms.trim().split("[ ]+")) {
            if (word.equalsIgnoreCase(mech)) {
                return true;
            }
        }
        return false;
    }

    /** Checks {@code settings.mechanisms}; the failure is the auth process's i_fatal() text. */
    static void register(AuthSettings settings) throws AuthInitException {
        List<String> known = new ArrayList<>(BUILT_IN);
        if (settings.useWinbind) {
            known.addAll(List.of("NTLM", "GSS-SPNEGO"));
        }
        if (settings.version.has(Since.AUTH_MECH_SCRAM_PLUS)) {
            known.addAll(List.of("SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS"));
        }
        int registered = 0;
        for (String word : settings.mechanisms.trim().split("[ ]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String name = word.toUpperCase(Locale.ROOT);
            if (name.equals("ANONYMOUS") && settings.anonymousUsername.isEmpty()) {
                throw new AuthInitException("ANONYMOUS listed in mechanisms, but anonymous_username not set");
            }
            if (!known.contains(name)) {
                throw new AuthInitException("Unknown authentication mechanism '" + name + "'");
            }
            registered++;
        }
        if (registered == 0) {
            throw new AuthInitException("No authentication mechanisms configured");
        }
    }
}
