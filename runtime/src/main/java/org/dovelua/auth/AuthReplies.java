package org.dovelua.auth;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * The replies the auth process sends a client (auth-request-handler.c
 * {@code auth_request_handler_reply_success_finish}/{@code _failure_finish} and
 * {@code auth_str_append_extra_fields}), as the argument lists doveadm prints.
 */
final class AuthReplies {
    private AuthReplies() {
    }

    /** {@code auth_request_handler_reply_success_finish()}: {@code OK user=... <extra fields>}. */
    static AuthEngine.AuthReply success(AuthRequest r) {
        if (!r.authOnly) {
            // auth_request_handler_reply(): before the success is sent; a failure there is the reply
            AuthProxy.Outcome proxy = AuthProxy.finish(r);
            if (proxy != AuthProxy.Outcome.PROCEED) {
                return failure(r, PassdbResult.OK.code(), proxy == AuthProxy.Outcome.INTERNAL_FAILURE);
            }
        }
        // auth_request_success_continue(): auth_request_set_auth_successful(), so the login's userdb
        // lookup on this request needs no passdb to say the user exists (userdb-static.c static_lookup)
        r.successful = true;
        if (!r.settings.version.has(Since.NOLOGIN_PROXY_VALUES_KEPT)) {
            // 2.3's reply_success_finish drops their values; 2.4.1 sends them as returned (seen, case 200)
            r.extraFields.booleanize("nologin");
            r.extraFields.booleanize("proxy");
        }
        List<String> args = new ArrayList<>();
        args.add("user=" + r.user);
        appendExtraFields(r, args);
        return new AuthEngine.AuthReply(true, args, PassdbResult.OK.label());
    }

    /** {@code auth_request_handler_reply_failure_finish()}. */
    static AuthEngine.AuthReply failure(AuthRequest r, long result, boolean internal) {
        r.extraFields.remove("nologin");
        List<String> args = new ArrayList<>();
        if (r.user != null) {
            args.add("user=" + r.user);
        } else if (r.originalUsername != null) {
            args.add("user=" + r.originalUsername);
        }
        String code = null;
        if (internal) {
            code = "temp_fail";
        } else if (r.masterUser != null) {
            code = "authz_fail";
        } else if (result == PassdbResult.USER_DISABLED.code()) {
            code = "user_disabled";
        } else if (result == PassdbResult.PASS_EXPIRED.code()) {
            code = "pass_expired";
        }
        if (r.extraFields.exists("nodelay")) {
            args.add("nodelay");
        }
        if (code != null) {
            args.add("code=" + code);
        }
        appendExtraFields(r, args);
        PassdbResult named = internal ? PassdbResult.INTERNAL_FAILURE : PassdbResult.of(result);
        return new AuthEngine.AuthReply(false, args, named == null ? PassdbResult.INTERNAL_FAILURE.label() : named.label());
    }

    /** {@code auth_str_append_extra_fields()}. */
    private static void appendExtraFields(AuthRequest r, List<String> args) {
        appendVisible(r.extraFields, args, r.settings.version);
        if (r.originalUsername != null && !r.originalUsername.equals(r.user) && !r.extraFields.exists("original_user")) {
            args.add("original_user=" + r.originalUsername);
        }
        if (r.masterUser != null && !r.extraFields.exists("auth_user")) {
            args.add("auth_user=" + r.masterUser);
        }
        // !request->auth_only: an auth test's request is auth-only (no pass= added for proxies, seen on 2.3.19),
        // a login's gets the password for its proxy (seen on 2.3.19, 2.4.1, 2.4.5: cases 495-497)
        if (!r.authOnly && r.extraFields.exists("proxy")) {
            if (!r.extraFields.exists("pass") && r.mechPassword != null) {
                args.add("pass=" + r.mechPassword);
            }
            if (r.masterUser != null && !r.extraFields.exists("master") && !r.masterUser.isEmpty()) {
                args.add("master=" + r.masterUser);
            }
        }
    }

    /**
     * {@code '\t'} + {@code auth_fields_append(..., HIDDEN, 0)}: in 2.3 a non-empty field list whose
     * fields are all hidden still adds the separator, so the client sees one empty field (seen on
     * 2.3.19 after a passdb rewrote the user, and with only userdb_* fields: case 326); 2.4's
     * {@code auth_fields_append(..., TRUE)} puts a tab before each visible field only (case 327).
     */
    static void appendVisible(AuthFields fields, List<String> args, DovecotVersion version) {
        if (fields.isEmpty()) {
            return;
        }
        List<AuthFields.Field> visible = fields.visible();
        if (visible.isEmpty() && !version.has(Since.EXTRA_FIELDS_TAB_PER_FIELD)) {
            args.add("");
        }
        for (AuthFields.Field f : visible) {
            args.add(f.render());
        }
    }
}
