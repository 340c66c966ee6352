package org.dovelua.auth.request;

import java.util.Map;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.version.Since;

/**
 * How the auth process turns the name a client sent into the request's user
 * (auth-request-fields.c {@code auth_request_set_username}/{@code auth_request_fix_username}):
 * the master-user separator, {@code auth_default_realm}, {@code auth_username_translation},
 * {@code auth_username_chars} and {@code auth_username_format}.
 */
public final class AuthUsername {
    private final AuthSettings settings;
    private final boolean haveMasterdbs;
    private final Map<String, String> env;

    public AuthUsername(AuthSettings settings, boolean haveMasterdbs, Map<String, String> env) {
        this.settings = settings;
        this.haveMasterdbs = haveMasterdbs;
        this.env = env;
    }

    /** {@code auth_request_set_username()}: master user split, translation, chars, format. */
    public String set(AuthRequest r, String username) {
        String login = null;
        if (!settings.masterUserSeparator.isEmpty() && !r.userdbLookup) {
            int p = username.indexOf(settings.masterUserSeparator.charAt(0));
            if (p >= 0) {
                login = username.substring(0, p);
                username = username.substring(p + 1);
            }
        }
        if (r.originalUsername == null) {
            r.originalUsername = username;
        }
        String[] error = new String[1];
        String fixed = fix(r, username, error);
        if (fixed == null) {
            r.user = null;
            return error[0];
        }
        r.user = fixed;
        if (r.translatedUsername == null) {
            r.translatedUsername = fixed;
        }
        if (login != null) {
            if (login.isEmpty()) {
                return "Master user login attempted to use empty login username";
            }
            if (!login.equals(r.user)) {
                if (!haveMasterdbs) {
                    return "Master user login attempted without master passdbs";
                }
                String fixedLogin = fix(r, login, error);
                if (fixedLogin == null) {
                    return error[0];
                }
                r.requestedLoginUser = fixedLogin;
            }
        }
        return null;
    }

    /**
     * {@code auth_request_set_login_username()} (auth-request-fields.c): the user a SASL
     * authorization identity asks to log in as; null, or the error the mechanism logs.
     */
    public String setLogin(AuthRequest r, String login) {
        if (login.isEmpty()) {
            return "Master user login attempted to use empty login username";
        }
        if (login.equals(r.user)) {
            return null; // the same user: no master login
        }
        if (!haveMasterdbs) {
            return "Master user login attempted without master passdbs";
        }
        String[] error = new String[1];
        String fixed = fix(r, login, error);
        if (fixed == null) {
            r.requestedLoginUser = null;
            return error[0];
        }
        r.requestedLoginUser = fixed;
        if (settings.version.has(Since.LOG_PREFIX_24) && r.mechName != null) {
            // e_debug(request->event, ...): 2.4's request prefix, "(admin,sasl:scram-sha-256,master)" (seen, case 445)
            String mech = r.mechName.toLowerCase(java.util.Locale.ROOT);
            r.event.child().setProcessLogPrefixCallback(() -> r.authProcessLogPrefix(mech))
                    .debug("Master user lookup for login: " + fixed);
        } else {
            r.event.debug("Master user lookup for login: " + fixed);
        }
        return null;
    }

    /** {@code auth_request_fix_username()}. */
    String fix(AuthRequest r, String username, String[] error) {
        String user = username;
        if (!settings.defaultRealm.isEmpty() && user.indexOf('@') < 0) {
            user = user + "@" + settings.defaultRealm;
        }
        StringBuilder sb = new StringBuilder();
        String tr = settings.usernameTranslation;
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            for (int t = 0; t + 1 < tr.length(); t += 2) {
                if (tr.charAt(t) == c) {
                    c = tr.charAt(t + 1);
                    break;
                }
            }
            if (!settings.usernameChars.isEmpty() && settings.usernameChars.indexOf(c) < 0) {
                error[0] = String.format("Username character disallowed by auth_username_chars: 0x%02x (username: %s)",
                        (int) c & 0xff, AuthRequest.sanitize(username, 128));
                return null;
            }
            sb.append(c);
        }
        user = sb.toString();
        if (!settings.usernameFormat.isEmpty()) {
            try {
                user = VarExpand.expand(settings.usernameFormat, AuthRequestVars.of(r, user), env);
            } catch (VarExpand.VarExpandException e) {
                error[0] = "Failed to expand username_format=" + settings.usernameFormat + ": " + e.getMessage();
                return null;
            }
        }
        if (user.isEmpty()) {
            error[0] = "Empty username";
            return null;
        }
        return user;
    }
}
