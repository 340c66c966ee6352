package org.dovelua.auth.oauth2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dovelua.auth.db.PassdbResult;

/**
 * src/auth/db-oauth2.c {@code db_oauth2_lookup()}: for the OAuth2 mechanisms local JWT
 * validation, or tokeninfo then (when fields are missing) introspection, or introspection alone;
 * for {@code passdb oauth2} the password grant first ({@link #passwordGrant}); the fields merged,
 * then {@code db_oauth2_process_fields()}: active, username and scope checks, then the
 * {@code oauth2_fields} ({@link ExtraFields}).
 */
public final class DbOauth2 {
    /** What the lookup callback gets: the result and, for a failure, its prefixed error. */
    public record Outcome(PassdbResult result, String error, Map<String, String> fields, String token) {
    }

    /**
     * {@code db_oauth2_add_extra_fields()}: sets the {@code oauth2_fields} on the request from the
     * reply's fields, the token and the validated username; the settings error, or null.
     */
    public interface ExtraFields {
        ExtraFields NONE = (fields, token, username) -> null;

        String apply(Map<String, String> fields, String token, String username);
    }

    private final OAuth2Settings set;
    private final OAuth2Request requests;
    private final LocalJwtValidation local;

    /** db_oauth2_setup()'s error_r, which its caller makes fatal; null for a database that started. */
    private String setupFailure;

    public DbOauth2(OAuth2Settings set, OAuth2Request requests, LocalJwtValidation local) {
        this.set = set;
        this.requests = requests;
        this.local = local;
    }

    /** A database db_oauth2_setup() refused with {@code error}: it never answers a lookup. */
    public static DbOauth2 refused(OAuth2Settings set, String error) {
        DbOauth2 db = new DbOauth2(set, null, null);
        db.setupFailure = error;
        return db;
    }

    /** Why db_oauth2_setup() refused this database, or null. */
    public String setupFailure() {
        return setupFailure;
    }

    public OAuth2Settings settings() {
        return set;
    }

    /** One lookup's state ({@code struct db_oauth2_request}). */
    private final class Lookup {
        final String user;
        final Consumer<String> debug;
        final Map<String, String> fields = new LinkedHashMap<>();
        /** The token: the password grant's access_token once it has one. */
        String token;
        /** {@code req->username}: the username_attribute through username_validation_format. */
        String username;
        final OAuth2Request.Input input;
        final ExtraFields extra;

        Lookup(String user, String token, OAuth2Request.Input input, Consumer<String> debug, ExtraFields extra) {
            this.user = user;
            this.token = token;
            this.input = input;
            this.debug = debug;
            this.extra = extra;
        }

        void merge(Map<String, String> more) {
            for (Map.Entry<String, String> f : more.entrySet()) {
                debug.accept("Processing field " + f.getKey());
                fields.put(f.getKey(), f.getValue());
            }
        }

        Outcome done(PassdbResult result, String prefix, String error) {
            return new Outcome(result, result == PassdbResult.OK ? null : prefix + error, fields, token);
        }
    }

    /**
     * {@code db_oauth2_lookup()} for request user {@code user}.
     *
     * @param debug the auth db event's debug lines
     */
    public Outcome lookup(String user, String token, OAuth2Request.Input input, Consumer<String> debug) {
        return lookup(user, token, input, debug, ExtraFields.NONE);
    }

    /** {@link #lookup(String, String, OAuth2Request.Input, Consumer)} setting the oauth2_fields through {@code extra}. */
    public Outcome lookup(String user, String token, OAuth2Request.Input input, Consumer<String> debug,
            ExtraFields extra) {
        Lookup req = new Lookup(user, token, input, debug, extra);
        if (set.local()) {
            debug.accept("Attempting to locally validate token");
            return localValidation(req);
        }
        if (set.tokeninfoUrl.isEmpty()) {
            debug.accept("Making introspection request to " + set.introspectionUrl);
            return introspectContinue(req, requests.introspection(token, input));
        }
        debug.accept("Making token validation lookup to " + set.tokeninfoUrl);
        OAuth2Request.Result result = requests.tokenValidation(token, input);
        if (result.error() != null) {
            return req.done(PassdbResult.INTERNAL_FAILURE, "Token validation failed: ", result.error());
        }
        if (!result.valid()) {
            return req.done(PassdbResult.PASSWORD_MISMATCH, "Token validation failed: ", "Invalid token");
        }
        debug.accept("Token validation succeeded");
        return continueValid(req, OAuth2Request.asMap(result.fields()), "Token validation failed: ");
    }

    /**
     * {@code db_oauth2_lookup()} of a db made with {@code use_grant_password} (passdb-oauth2.c): the
     * password grant, then {@code db_oauth2_lookup_passwd_grant()}: the reply's access_token is the
     * token the fields are checked for (and introspected or validated locally when fields are missing).
     *
     * @param password the request's {@code mech_password}
     */
    public Outcome passwordGrant(String user, String password, OAuth2Request.Input input, Consumer<String> debug,
            ExtraFields extra) {
        Lookup req = new Lookup(user, null, input, debug, extra);
        debug.accept("Making grant url request to " + set.grantUrl);
        OAuth2Request.Result result = requests.passwordGrant(user, password, input);
        if (result.valid()) {
            debug.accept("Password grant succeeded");
            String token = find(result.fields(), "access_token");
            if (token == null) {
                return req.done(PassdbResult.INTERNAL_FAILURE, "Password grant failed: ", "OAuth2 token missing from reply");
            }
            req.token = token;
            return continueValid(req, OAuth2Request.asMap(result.fields()), "Password grant failed: ");
        }
        PassdbResult passdbResult = PassdbResult.INTERNAL_FAILURE;
        String error = result.error();
        if (error == null) {
            error = find(result.fields(), "error");
            if (error == null) {
                error = "OAuth2 server returned failure without error field";
            } else if (error.equals("invalid_grant")) {
                passdbResult = PassdbResult.PASSWORD_MISMATCH;
            }
        }
        return req.done(passdbResult, "Password grant failed: ", error);
    }

    /** {@code db_oauth2_field_find()}: the first field of that name. */
    private static String find(List<Map.Entry<String, String>> fields, String name) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** {@code db_oauth2_lookup_continue_valid()}. */
    private Outcome continueValid(Lookup req, Map<String, String> fields, String prefix) {
        req.merge(fields);
        String[] error = new String[1];
        PassdbResult[] result = new PassdbResult[1];
        if (haveAllFields(req) && !set.forceIntrospection) {
            // pass
        } else if (set.local()) {
            req.debug.accept("Attempting to locally validate token");
            return localValidation(req);
        } else if (!userIsEnabled(req, result, error)) {
            return req.done(result[0], "Token is not valid: ", error[0]);
        } else if (!set.introspectionUrl.isEmpty()) {
            req.debug.accept("Making introspection request to " + set.introspectionUrl);
            return introspectContinue(req, requests.introspection(req.token, req.input));
        }
        return processFields(req, prefix);
    }

    private boolean haveAllFields(Lookup req) {
        if (!req.fields.containsKey(set.usernameAttribute)) {
            return false;
        }
        return set.activeAttribute.isEmpty() || req.fields.containsKey(set.activeAttribute);
    }

    /** {@code db_oauth2_introspect_continue()}. */
    private Outcome introspectContinue(Lookup req, OAuth2Request.Result result) {
        if (result.error() != null) {
            return req.done(PassdbResult.INTERNAL_FAILURE, "Introspection failed: ", result.error());
        }
        req.debug.accept("Introspection succeeded");
        req.merge(OAuth2Request.asMap(result.fields()));
        return processFields(req, "Introspection failed: ");
    }

    /** {@code db_oauth2_local_validation()}. */
    private Outcome localValidation(Lookup req) {
        Map<String, String> fields;
        try {
            fields = local.validate(req.token);
        } catch (LocalJwtValidation.Refused e) {
            return req.done(PassdbResult.PASSWORD_MISMATCH, "Local validation failed: ", e.getMessage());
        }
        req.merge(fields);
        Outcome o = processFields(req, "Local validation failed: ");
        if (o.result() == PassdbResult.OK) {
            req.debug.accept("Local validation succeeded");
        }
        return o;
    }

    /** {@code db_oauth2_process_fields()}. */
    private Outcome processFields(Lookup req, String prefix) {
        String[] error = new String[1];
        PassdbResult[] result = new PassdbResult[1];
        if (userIsEnabled(req, result, error) && validateUsername(req, result, error) && tokenInScope(req, result, error)) {
            // db_oauth2_add_extra_fields(): a settings error rolls the fields back, an internal failure
            String extraError = req.extra.apply(req.fields, req.token, req.username);
            if (extraError != null) {
                return req.done(PassdbResult.INTERNAL_FAILURE, prefix, extraError);
            }
            return req.done(PassdbResult.OK, prefix, null);
        }
        return req.done(result[0], prefix, error[0]);
    }

    /** {@code db_oauth2_user_is_enabled()}. */
    private boolean userIsEnabled(Lookup req, PassdbResult[] result, String[] error) {
        if (set.activeAttribute.isEmpty()) {
            req.debug.accept("oauth2 active_attribute is not configured; skipping the check");
            return true;
        }
        String active = req.fields.get(set.activeAttribute);
        if (active == null) {
            req.debug.accept("oauth2 active_attribute \"" + set.activeAttribute
                    + "\" is not present in the oauth2 server's response");
            error[0] = "Missing active_attribute from token";
            result[0] = PassdbResult.PASSWORD_MISMATCH;
            return false;
        }
        if (set.activeValue.isEmpty()) {
            req.debug.accept("oauth2 active_attribute \"" + set.activeAttribute
                    + "\" present; skipping the check on value");
            return true;
        }
        if (!set.activeValue.equals(active)) {
            req.debug.accept("oauth2 active_attribute check failed: expected " + set.activeAttribute + "=\""
                    + set.activeValue + "\" but got \"" + active + "\"");
            error[0] = "Provided token is not valid";
            result[0] = PassdbResult.PASSWORD_MISMATCH;
            return false;
        }
        req.debug.accept("oauth2 active_attribute check succeeded");
        return true;
    }

    /** {@code db_oauth2_validate_username()}: username_validation_format over user, username, domain. */
    private boolean validateUsername(Lookup req, PassdbResult[] result, String[] error) {
        String value = req.fields.get(set.usernameAttribute);
        if (value == null) {
            result[0] = PassdbResult.INTERNAL_FAILURE;
            error[0] = "No username returned";
            return false;
        }
        int at = value.indexOf('@');
        String expanded = set.usernameValidationFormat.replace("%{user}", value)
                .replace("%{username}", at < 0 ? value : value.substring(0, at))
                .replace("%{domain}", at < 0 ? "" : value.substring(at + 1));
        if (!req.user.equals(expanded)) {
            error[0] = "Username '" + req.user + "' did not match '" + expanded + "'";
            result[0] = PassdbResult.USER_UNKNOWN;
            return false;
        }
        req.username = expanded;
        return true;
    }

    /** {@code db_oauth2_token_in_scope()}: "scope" split on spaces, else "aud" tab-separated. */
    private boolean tokenInScope(Lookup req, PassdbResult[] result, String[] error) {
        if (set.scope.isEmpty()) {
            return true;
        }
        String value = req.fields.get("scope");
        boolean hasScope = value != null;
        if (!hasScope) {
            value = req.fields.get("aud");
        }
        req.debug.accept("Token scope(s): " + (value == null ? "(null)" : value));
        boolean found = false;
        if (value != null) {
            List<String> entries = hasScope ? List.of(value.trim().split(" +"))
                    : org.dovelua.lib.TabEscape.split(value);
            for (String wanted : set.scope) {
                if (entries.contains(wanted)) {
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            error[0] = "Token is not valid for scope '" + set.scopeJoined() + "'";
            result[0] = PassdbResult.USER_DISABLED;
        }
        return found;
    }
}
