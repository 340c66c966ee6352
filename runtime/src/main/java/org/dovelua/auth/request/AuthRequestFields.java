package org.dovelua.auth.request;

import org.dovelua.auth.db.SystemUsers;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.version.Since;

/**
 * How passdb and userdb fields change a request: {@code auth_request_set_field()} and
 * {@code auth_request_set_userdb_field()} of src/auth/auth-request.c (spec §7.1, §7.3).
 */
public final class AuthRequestFields {
    private AuthRequestFields() {
    }

    /**
     * A field name Dovecot asserts on ({@code i_assert(*name != '\0')}): the auth process aborts.
     */
    public static final class AssertionFailure extends RuntimeException {
        public AssertionFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code auth_request_set_field(request, name, value, default_scheme)}. */
    public static void setField(AuthRequest r, String name, String value, String defaultScheme) {
        if (name.isEmpty()) {
            throw new AssertionFailure("file auth-request.c: line 1780 (auth_request_set_field): "
                    + "assertion failed: (*name != '\\0')");
        }
        String protectedSuffix = r.settings.version.has(Since.FIELD_SUFFIX_DEFAULT) ? ":default" : ":protected";
        int plen = protectedSuffix.length();
        if (name.length() > plen && name.endsWith(protectedSuffix)) {
            name = name.substring(0, name.length() - plen);
            if (r.extraFields.exists(name)) {
                return;
            }
        } else if (name.length() > 7 && name.endsWith(":remove")) {
            r.extraFields.remove(name.substring(0, name.length() - 7));
            return;
        }
        if (name.equals("password")) {
            setPassword(r, value, defaultScheme, false);
            return;
        }
        if (name.equals("password_noscheme")) {
            setPassword(r, value, defaultScheme, true);
            return;
        }
        if (tryUpdateUsername(r, name, value)) {
            // the original value is kept in the hidden field, for the cache
        } else if (name.equals("login_user")) {
            r.requestedLoginUser = value;
        } else if (name.equals("allow_nets")) {
            AllowNets.validate(r, name, value, r.remoteIp);
        } else if (name.equals("fail")) {
            r.failed = true;
        } else if (name.equals("delay_until")) {
            delayUntil(r, value);
        } else if (name.equals("allow_real_nets")) {
            AllowNets.validate(r, name, value, r.realRemoteIp);
        } else if (name.startsWith("userdb_")) {
            // prefetch userdb
            r.userdbPrefetchSet = true;
            r.userdbReply();
            if (name.equals("userdb_userdb_import")) {
                for (String f : value.split("\t", -1)) {
                    setFieldKeyValue(r, "userdb_" + f, defaultScheme);
                }
                return;
            }
            setUserdbField(r, name.substring(7), value);
        } else if (name.equals("noauthenticate")) {
            r.extraFields.add(name, value, false);
            r.extraFields.add("nopassword", null, false);
        } else if (name.equals("nopassword")) {
            String password = r.passdbPassword;
            if (!r.settings.version.has(Since.NOPASSWORD_WITHOUT_PASSWORD_CHECK) && password != null
                    && !r.extraFields.exists("noauthenticate")) {
                String rest = PasswordSchemes.getScheme(password).password();
                if (!rest.isEmpty()) {
                    r.dbEvent().error("nopassword set but password is non-empty");
                    return;
                }
            }
            r.passdbPassword = null;
            r.extraFields.add(name, value, false);
            return;
        } else if (name.equals("nodelay")) {
            // auth-request.c@2.4.1: "don't delay replying to client of the failure", kept after a rollback
            r.failureNodelay = true;
            r.extraFields.add(name, value, false);
            return;
        } else if (name.equals("passdb_import")) {
            for (String f : value.split("\t", -1)) {
                setFieldKeyValue(r, f, defaultScheme);
            }
            return;
        } else {
            // returned to the client
            r.extraFields.add(name, value, false);
            return;
        }
        // hidden: kept for the cache and worker transfer, not shown to clients
        r.extraFields.add(name, value, true);
    }

    /** {@code auth_request_set_field_keyvalue}: {@code key=value}, or a bare key with "". */
    public static void setFieldKeyValue(AuthRequest r, String field, String defaultScheme) {
        int eq = field.indexOf('=');
        if (eq < 0) {
            setField(r, field, "", defaultScheme);
        } else {
            setField(r, field.substring(0, eq), field.substring(eq + 1), defaultScheme);
        }
    }

    private static void setPassword(AuthRequest r, String value, String defaultScheme, boolean noscheme) {
        if (r.passdbPassword != null) {
            r.dbEvent().error("Multiple password values not supported");
            return;
        }
        if (value.startsWith("{") && !noscheme && value.indexOf('}') >= 0) {
            r.passdbPassword = value;
        } else {
            r.passdbPassword = "{" + defaultScheme + "}" + value;
        }
    }

    /** {@code get_updated_username()} + {@code auth_request_try_update_username()}. */
    static boolean tryUpdateUsername(AuthRequest r, String name, String value) {
        String old = r.user == null ? "" : r.user;
        String updated;
        int at = old.indexOf('@');
        switch (name) {
            case "user":
                updated = value;
                break;
            case "username":
                updated = value.indexOf('@') >= 0 ? value : value + (at < 0 ? "" : old.substring(at));
                break;
            case "domain":
                updated = at < 0 ? old + "@" + value : old.substring(0, at + 1) + value;
                break;
            default:
                return false;
        }
        if (updated.isEmpty()) {
            r.dbEvent().error("username attempted to be changed to empty");
            r.failed = true;
            return true;
        }
        if (!old.equals(updated)) {
            r.dbEvent().debug("username changed " + old + " -> " + updated);
            r.user = updated;
            r.userChangedByLookup = true;
        }
        return true;
    }

    private static void delayUntil(AuthRequest r, String value) {
        String ts = value;
        int plus = value.indexOf('+');
        if (plus >= 0) {
            ts = value.substring(0, plus);
            String extra = value.substring(plus + 1);
            if (!extra.matches("\\d+")) {
                r.dbEvent().error("Invalid delay_until randomness number '" + extra + "'");
                r.failed = true;
            }
        }
        if (!ts.matches("-?\\d+")) {
            r.dbEvent().error("Invalid delay_until timestamp '" + ts + "'");
            r.failed = true;
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        long t = Long.parseLong(ts);
        if (t > now && t - now > 5 * 60) {
            r.dbEvent().error("delay_until timestamp " + ts + " is too much in the future, failing");
            r.failed = true;
        }
        // A delay in the allowed window only postpones the reply; dovelua does not sleep.
    }

    /** {@code auth_request_set_userdb_field(request, name, value)} (§7.3). */
    public static void setUserdbField(AuthRequest r, String name, String value) {
        AuthFields reply = r.userdbReply();
        String protectedSuffix = r.settings.version.has(Since.FIELD_SUFFIX_DEFAULT) ? ":default" : ":protected";
        int plen = protectedSuffix.length();
        if (name.length() > plen && name.endsWith(protectedSuffix)) {
            name = name.substring(0, name.length() - plen);
            if (reply.exists(name)) {
                return;
            }
        } else if (name.length() > 7 && name.endsWith(":remove")) {
            reply.remove(name.substring(0, name.length() - 7));
            return;
        }
        switch (name) {
            case "uid": {
                Long uid = SystemUsers.parseUid(r, value);
                if (uid == null) {
                    r.userdbLookupTempfailed = true;
                    return;
                }
                value = Long.toString(uid);
                break;
            }
            case "gid": {
                Long gid = SystemUsers.parseGid(r, value);
                if (gid == null) {
                    r.userdbLookupTempfailed = true;
                    return;
                }
                value = Long.toString(gid);
                break;
            }
            case "tempfail":
                r.userdbLookupTempfailed = true;
                return;
            case "uidgid_file":
                SystemUsers.setUidGidFromFile(r, value);
                return;
            case "userdb_import":
                for (String f : value.split("\t", -1)) {
                    int eq = f.indexOf('=');
                    setUserdbField(r, eq < 0 ? f : f.substring(0, eq), eq < 0 ? "" : f.substring(eq + 1));
                }
                return;
            case "system_user":
                r.dbEvent().warning("Replace system_user with system_groups_user");
                name = "system_groups_user";
                break;
            case " ":
                return; // AUTH_REQUEST_USER_KEY_IGNORE
            default:
                if (tryUpdateUsername(r, name, value)) {
                    return;
                }
                break;
        }
        reply.add(name, value, false);
    }
}
