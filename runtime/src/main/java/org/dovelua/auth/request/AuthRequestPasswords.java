package org.dovelua.auth.request;

import java.nio.charset.StandardCharsets;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.scheme.PasswordScheme;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * The password checks auth-request.c offers the passdb drivers: {@code auth_request_password_verify()},
 * {@code auth_request_password_missing()} and {@code auth_request_log_password_mismatch()}. Drivers
 * call these on the request, as the C drivers do, instead of calling up into the engine.
 */
public final class AuthRequestPasswords {
    private AuthRequestPasswords() {
    }


    /** {@code auth_request_password_missing()}. */
    public static long passwordMissing(AuthRequest r) {
        if (r.skipPasswordCheck) {
            return PassdbResult.OK.code();
        }
        r.dbEvent().info("No password returned (and no nopassword)");
        return PassdbResult.PASSWORD_MISMATCH.code();
    }

    /** {@code auth_request_log_password_mismatch()} (info; more with auth_verbose_passwords). */
    public static void logPasswordMismatch(AuthRequest r) {
        logLoginFailure(r, "Password mismatch");
    }

    /** {@code auth_request_log_unknown_user()}: "unknown user" as a login failure. */
    public static void logUnknownUser(AuthRequest r) {
        logLoginFailure(r, "unknown user");
    }

    private static void logLoginFailure(AuthRequest r, String message) {
        String vp = r.settings.verbosePasswords;
        if (vp.equals("no") || r.mechPassword == null) {
            r.dbEvent().info(message);
            return;
        }
        String type = vp;
        int max = Integer.MAX_VALUE;
        int colon = vp.indexOf(':');
        if (colon >= 0) {
            type = vp.substring(0, colon);
            max = Integer.parseInt(vp.substring(colon + 1));
        }
        String shown;
        if (type.equals("sha1")) {
            shown = "(SHA1 of given password: " + cut(sha1Hex(r.mechPassword), max) + ")";
        } else {
            shown = "(given password: " + cut(r.mechPassword, max) + ")";
        }
        DovecotEvent e = r.dbEvent();
        // "make sure this gets logged": the level gate is lifted to INFO for this line
        e.setMinLevel(LogLevel.INFO);
        e.info(message + " " + shown);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String sha1Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code auth_request_password_verify()}: the passdb result it stands for: OK (1), PASSWORD_MISMATCH
     * (0), INTERNAL_FAILURE (-1, logged), and from 2.3.21 SCHEME_NOT_AVAILABLE (-2) for an unknown scheme.
     */
    public static int passwordVerify(AuthRequest r, String plain, String crypted, String scheme) {
        return passwordVerifyLog(r, plain, crypted, scheme, true);
    }

    /**
     * {@code auth_request_password_verify_log()}: as {@link #passwordVerify}, logging a mismatch only
     * with {@code logPasswordMismatch} (the auth cache asks the passdb again instead when the cached
     * entry last succeeded).
     */
    public static int passwordVerifyLog(AuthRequest r, String plain, String crypted, String scheme,
            boolean logPasswordMismatch) {
        if (r.skipPasswordCheck) {
            return 1;
        }
        if (r.extraFields.exists("nopassword")) {
            r.dbEvent().debug("Allowing any password");
            return 1;
        }
        DovecotVersion v = r.settings.version;
        PasswordSchemes.Decoded d = PasswordSchemes.decode(crypted, scheme, v);
        if (d.ret() <= 0) {
            if (d.ret() < 0) {
                r.dbEvent().error("Password data is not valid for scheme " + scheme + ": " + d.error());
            } else {
                r.dbEvent().error("Unknown scheme " + scheme);
                // auth-request.c@2.3.21 returns PASSDB_RESULT_SCHEME_NOT_AVAILABLE here
                return v.has(Since.UNKNOWN_SCHEME_NOT_AVAILABLE) ? (int) PassdbResult.SCHEME_NOT_AVAILABLE.code() : -1;
            }
            return -1;
        }
        String[] error = new String[1];
        // gen_params.user = original_username (auth-request.c auth_request_password_verify_log)
        byte[] plainBytes = plain == null ? new byte[0] : plain.getBytes(StandardCharsets.UTF_8);
        PasswordScheme.Params params = new PasswordScheme.Params(r.originalUsername, 0);
        int ret = PasswordSchemes.verify(plainBytes, scheme, d.raw(), params, v, r.settings.allowWeakSchemes, error);
        if (ret < 0) {
            String shown = r.settings.debugPasswords ? " '" + crypted + "'" : "";
            r.dbEvent().error("Invalid password" + shown + " in passdb: " + error[0]);
        } else if (ret == 0 && logPasswordMismatch) {
            logPasswordMismatch(r);
        }
        if (ret <= 0 && r.settings.debugPasswords) {
            // log_password_failure(): the static scheme_ok is never set, so detection always runs
            String working = PasswordSchemes.detect(plainBytes, crypted, params, v, r.settings.allowWeakSchemes);
            r.dbEvent().debug(scheme + "(" + plain + ") != '" + crypted + "'"
                    + (working == null ? "" : ", try " + working + " scheme instead"));
        }
        return ret;
    }
}
