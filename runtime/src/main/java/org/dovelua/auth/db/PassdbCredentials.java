package org.dovelua.auth.db;

import java.nio.charset.StandardCharsets;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.scheme.LibCrypt;
import org.dovelua.auth.scheme.PasswordScheme;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.version.DovecotVersion;

/**
 * Credentials lookups (spec Part C.9): {@code passdb_get_credentials()} and
 * {@code passdb_handle_credentials()} of src/auth/passdb.c (the same in 2.3.19 and 2.4.1). The
 * stored value is decoded in its scheme; a wanted scheme must be that scheme or an alias of it
 * ({@link PasswordSchemes#isAlias}), except that a PLAIN-family value is converted to anything.
 */
public final class PassdbCredentials {
    private PassdbCredentials() {
    }

    /**
     * {@code passdb_handle_credentials()}: the passdb's result after the credentials step, with
     * {@link AuthRequest#credentials} set on success. {@code password} is without its
     * {@code {SCHEME}} prefix, {@code scheme} its scheme.
     */
    public static long handle(AuthRequest r, long result, String password, String scheme) {
        r.credentials = null;
        if (result != PassdbResult.OK.code()) {
            return result;
        }
        if (r.extraFields.exists("noauthenticate")) {
            return PassdbResult.NEXT.code();
        }
        if (password != null) {
            if (!get(r, password, scheme)) {
                return PassdbResult.SCHEME_NOT_AVAILABLE.code();
            }
        } else if (!r.wantedCredentialsScheme.isEmpty()) {
            // delayed_credentials from an earlier passdb are not kept by dovelua's chain
            r.dbEvent().info("Requested " + r.wantedCredentialsScheme + " scheme, but we have a NULL password");
            return PassdbResult.SCHEME_NOT_AVAILABLE.code();
        }
        // a NULL password with wanted "" is a passdb lookup that is not authenticating: passes
        return result;
    }

    /** {@code passdb_get_credentials()}: false where the lookup becomes SCHEME_NOT_AVAILABLE. */
    static boolean get(AuthRequest r, String input, String inputScheme) {
        DovecotVersion v = r.settings.version;
        String wanted = r.wantedCredentialsScheme;
        if (r.preferPlainCredentials && PasswordSchemes.isAlias(inputScheme, "PLAIN", v)) {
            // a plaintext scheme is preferred to converting it to the fallback scheme
            wanted = "";
        }
        PasswordSchemes.Decoded d = PasswordSchemes.decode(input, inputScheme, v);
        if (d.ret() <= 0) {
            if (d.ret() < 0) {
                r.dbEvent().error("Password data is not valid for scheme " + inputScheme + ": " + d.error());
            } else {
                r.dbEvent().error("Unknown scheme " + inputScheme);
            }
            return false;
        }
        r.credentials = d.raw();
        if (wanted.isEmpty()) {
            // anything goes: the wanted scheme becomes what we got, so blocking passdbs work
            int dot = inputScheme.indexOf('.');
            r.wantedCredentialsScheme = dot < 0 ? inputScheme : inputScheme.substring(0, dot);
            return true;
        }
        if (PasswordSchemes.isAlias(inputScheme, wanted, v)) {
            return true;
        }
        if (!PasswordSchemes.isAlias(inputScheme, "PLAIN", v)) {
            String error = "Requested " + wanted + " scheme, but we have only " + inputScheme;
            if (r.settings.debugPasswords) {
                error += " (input: " + input + ")";
            }
            r.dbEvent().info(error);
            r.credentials = null;
            return false;
        }
        // we can generate anything out of plaintext passwords
        String plaintext = new String(LibCrypt.cString(d.raw()), StandardCharsets.UTF_8);
        String user = r.originalUsername;
        if (!r.domainIsRealm && user != null && user.indexOf('@') >= 0) {
            // domain must not be used as realm: add the @realm (t_strconcat() stops at a NULL realm)
            user = user + "@" + (r.realm == null ? "" : r.realm);
        }
        if (r.settings.debugPasswords) {
            r.dbEvent().debug("Generating " + wanted + " from user '" + user + "', password '" + plaintext + "'");
        }
        byte[] generated = PasswordSchemes.generateRaw(LibCrypt.cString(d.raw()), wanted, new PasswordScheme.Params(user, 0), v);
        if (generated == null) {
            r.dbEvent().error("Requested unknown scheme " + wanted);
            r.credentials = null;
            return false;
        }
        r.credentials = generated;
        return true;
    }
}
