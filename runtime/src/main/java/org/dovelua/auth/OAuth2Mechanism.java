package org.dovelua.auth;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.oauth2.DbOauth2;
import org.dovelua.auth.oauth2.OAuth2Request;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthUsername;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.version.Since;

/**
 * 2.4's OAUTHBEARER and XOAUTH2 server side: the client's message parsed, the token checked by
 * {@link DbOauth2} (the {@code oauth2 { }} settings), then the passdbs looked up for credentials
 * in no scheme; a failure answers with the JSON status object. 2.4.1 is src/auth/mech-oauth2.c;
 * 2.4.2 moved the mechanisms to lib-sasl (sasl-server-mech-oauth2.c over auth-sasl-mech-oauth2.c)
 * with other statuses, texts and log events ({@link Since#OAUTH2_MECH_LIB_SASL}).
 */
final class OAuth2Mechanism {
    private final AuthEngine engine;
    private final DbOauth2 db;
    private final AuthUsername usernames;
    private final SaslServerMechanisms.Exchange x;
    private final DovecotEvent mechEvent;
    private final boolean libSasl;

    OAuth2Mechanism(AuthEngine engine, DbOauth2 db, AuthUsername usernames, SaslServerMechanisms.Exchange x,
            DovecotEvent mechEvent, boolean libSasl) {
        this.engine = engine;
        this.db = db;
        this.usernames = usernames;
        this.x = x;
        this.mechEvent = mechEvent;
        this.libSasl = libSasl;
    }

    /** The failure statuses, with 2.4.1's XOAUTH2 codes. */
    private enum Status {
        INVALID_TOKEN("invalid_token", 401), INVALID_REQUEST("invalid_request", 400),
        REQUEST_NOT_SUPPORTED("request_not_supported", 400), INSUFFICIENT_SCOPE("insufficient_scope", 403),
        INTERNAL_FAILURE("internal_failure", 500);

        final String name;
        final int code;

        Status(String name, int code) {
            this.name = name;
            this.code = code;
        }
    }

    /** lib-sasl logs on the request's event: the auth request's prefix without the mechanism's own. */
    private DovecotEvent requestEvent;

    /** lib-sasl's request event: {@code sasl(<mech>): } (sasl-server-request.c). */
    private DovecotEvent saslEvent;

    AuthEngine.AuthReply run(AuthRequest r, byte[] data, boolean xoauth2) {
        requestEvent = mechEvent.child();
        requestEvent.setLogPrefixCallback(() -> "");
        saslEvent = mechEvent.child();
        String mech = r.mechName.toLowerCase(java.util.Locale.ROOT);
        saslEvent.setLogPrefixCallback(() -> "sasl(" + mech + "): ");
        if (data.length == 0) {
            return fail(r, xoauth2, libSasl ? Status.INVALID_REQUEST : Status.INVALID_TOKEN);
        }
        String[] fields = new String(data, StandardCharsets.UTF_8).split("\u0001", -1);
        String username = null;
        boolean userGiven = false;
        if (!xoauth2) {
            if (fields[0].isEmpty()) {
                return refused(r, xoauth2, libSasl ? "Invalid gs2-header in request: Missing gs2 header"
                        : "Invalid continued data", libSasl ? Status.INVALID_REQUEST : Status.INVALID_TOKEN);
            }
            // RFC 5801's gs2-header (mech-oauth2.c: t_strsplit_spaces on ',')
            for (String part : fields[0].split(",")) {
                if (part.isEmpty()) {
                    continue;
                }
                switch (part.charAt(0)) {
                    case 'f' -> {
                        return refused(r, false, "Client requested non-standard mechanism",
                                libSasl ? Status.INVALID_REQUEST : Status.REQUEST_NOT_SUPPORTED);
                    }
                    case 'p' -> {
                        return refused(r, false, "Client requested and used channel-binding",
                                libSasl ? Status.INVALID_REQUEST : Status.REQUEST_NOT_SUPPORTED);
                    }
                    case 'n', 'y' -> { }
                    case 'a' -> {
                        username = part.length() > 1 && part.charAt(1) == '='
                                ? SaslServerMechanisms.unescapeSaslName(part.substring(2)) : null;
                        if (username == null) {
                            return refused(r, false, libSasl ? "Invalid gs2-header in request: Invalid authzid"
                                    : "Invalid username escaping", Status.INVALID_REQUEST);
                        }
                        userGiven = true;
                    }
                    default -> {
                        return refused(r, false, "Invalid gs2-header in request", Status.INVALID_REQUEST);
                    }
                }
            }
            if (libSasl && !userGiven) {
                return refused(r, false, "Missing username", Status.INVALID_REQUEST);
            }
        }
        String token = null;
        for (String f : fields) {
            if (xoauth2 && f.startsWith("user=")) {
                username = f.substring(5);
                userGiven = true;
            } else if (f.startsWith("auth=")) {
                String value = f.substring(5);
                if (value.regionMatches(true, 0, "bearer ", 0, 7) && SaslServerMechanisms.validToken(value.substring(7))) {
                    token = value.substring(7);
                } else {
                    String why = !libSasl ? "Invalid continued data"
                            : xoauth2 ? "Invalid response data" : "Invalid response payload: Invalid 'auth' value";
                    return refused(r, xoauth2, why, Status.INVALID_TOKEN);
                }
            }
        }
        if (userGiven) {
            String error = usernames.set(r, username);
            if (libSasl && error != null) {
                // sasl_server_request_set_authid(): auth_request_set_username()'s error is the request's Info
                requestEvent.info(error);
            }
            x.sasl.authid(username, error);
            if (error != null) {
                if (libSasl) {
                    return fail(r, xoauth2, Status.INVALID_REQUEST);
                }
                return refused(r, xoauth2, error, Status.INVALID_REQUEST);
            }
        }
        if (token == null) {
            return refused(r, xoauth2, "Missing token", libSasl && xoauth2 ? Status.INVALID_REQUEST : Status.INVALID_TOKEN);
        }
        if (!userGiven) {
            return refused(r, xoauth2, "Missing username",
                    libSasl || !xoauth2 ? Status.INVALID_REQUEST : Status.INVALID_TOKEN);
        }
        return verify(r, token, xoauth2);
    }

    /**
     * mech_oauth2_verify_token(): db_oauth2_lookup() in the auth process, or with use_worker_with_mech
     * in an auth worker (TOKEN OAUTH2), whose answer is the same; only where its failure is logged
     * differs ({@link AuthEngine#oauth2WorkerTokenFailed}). The worker's debug lines are not modelled.
     */
    private AuthEngine.AuthReply verify(AuthRequest r, String token, boolean xoauth2) {
        if (libSasl) {
            saslEvent.debug("Verify token");
        }
        OAuth2Request.Input input = new OAuth2Request.Input(r.service,
                r.localIp == null ? null : r.localIp + ":" + r.localPort,
                r.remoteIp == null ? null : r.remoteIp + ":" + r.remotePort);
        DbOauth2.Outcome o;
        try {
            // e_debug(authdb_event(request), ...): the request's event before any passdb ran (not recorded yet)
            o = db.lookup(r.user, token, input, requestEvent::debug,
                    new org.dovelua.auth.oauth2.OAuth2Fields(r, db.settings(), engine.env()));
        } catch (org.dovelua.auth.oauth2.LocalJwtValidation.NoKeyDict e) {
            engine.authProcessPanics(r, e.getMessage());
            throw new IllegalStateException("unreachable: the auth process died");
        } catch (org.dovelua.lua.ProcessDeath d) {
            // 2.4.1's oauth2_fields with a field the reply lacks (OAuth2Fields.MISSING_FIELD_PANIC)
            engine.authProcessPanics(r, d.getMessage());
            throw new IllegalStateException("unreachable: the auth process died");
        }
        PassdbResult result = o.result();
        boolean passdbSuccess = false;
        if (result == PassdbResult.OK) {
            // db_oauth2_process_fields() marks the request authenticated: no passdb needs to say so
            passdbSuccess = true;
            if (r.settings.version.has(Since.OAUTH2_TOKEN_EXTRA_FIELD)) {
                r.extraFields.add("token", token, false);
            }
            long found = engine.lookupCredentials(r, "");
            result = PassdbResult.of(found);
            if (result == null) {
                result = PassdbResult.INTERNAL_FAILURE;
            }
            if (libSasl && result == PassdbResult.USER_UNKNOWN) {
                result = PassdbResult.OK; // auth-sasl-mech-oauth2.c oauth2_verify_callback()
            }
        } else if (db.settings().useWorkerWithMech) {
            // the lookup ran in an auth worker (TOKEN OAUTH2): it logs, or dies, after its FAIL reply
            engine.oauth2WorkerTokenFailed(result == PassdbResult.INTERNAL_FAILURE, o.error());
        } else {
            DovecotEvent e = libSasl ? requestEvent : mechEvent;
            if (result == PassdbResult.INTERNAL_FAILURE) {
                e.error("oauth2 failed: " + o.error());
            } else {
                e.info("oauth2 failed: " + o.error());
            }
        }
        switch (result) {
            case INTERNAL_FAILURE:
                if (libSasl) {
                    saslEvent.debug("Token verification failed with internal error");
                    return AuthReplies.failure(r, PassdbResult.INTERNAL_FAILURE.code(), true);
                }
                return fail(r, xoauth2, Status.INTERNAL_FAILURE);
            case USER_DISABLED:
            case PASS_EXPIRED:
                return verifyFailed(r, xoauth2, Status.INSUFFICIENT_SCOPE);
            case PASSWORD_MISMATCH:
                return verifyFailed(r, xoauth2, Status.INVALID_TOKEN);
            case USER_UNKNOWN:
                if (libSasl) {
                    return verifyFailed(r, xoauth2, Status.INVALID_TOKEN);
                }
                // fall through: 2.4.1's mech-oauth2.c sends success for an unknown user
            default:
                if (libSasl) {
                    saslEvent.debug("Token verification succeeded");
                }
                // auth_request_success(): without passdb_success the password was valid but another check failed
                return passdbSuccess ? AuthReplies.success(r)
                        : AuthReplies.failure(r, PassdbResult.PASSWORD_MISMATCH.code(), false);
        }
    }

    private AuthEngine.AuthReply verifyFailed(AuthRequest r, boolean xoauth2, Status status) {
        if (libSasl) {
            saslEvent.debug("Token verification failed (status = " + status.name + ")");
        }
        return fail(r, xoauth2, status);
    }

    /** A message the mechanism refuses: logged at Info (2.4.1 on the mechanism's event, lib-sasl on the request's). */
    private AuthEngine.AuthReply refused(AuthRequest r, boolean xoauth2, String why, Status status) {
        (libSasl ? requestEvent : mechEvent).info(why);
        return fail(r, xoauth2, status);
    }

    /**
     * {@code oauth2_send_failure()} (2.4.1) / {@code oauth2_fail()} (lib-sasl): the JSON object as
     * the failure's data ({@code auth_request_fail_with_reply}); doveadm's client reports it.
     */
    private AuthEngine.AuthReply fail(AuthRequest r, boolean xoauth2, Status status) {
        StringBuilder json = new StringBuilder("{");
        String scope = "mail";
        if (libSasl && r.settings.version.has(Since.OAUTH2_FAILURE_SCOPE_SETTING)) {
            scope = db.settings().scopeJoined();
        }
        if (!libSasl) {
            if (xoauth2) {
                json.append("\"schemes\":\"bearer\",\"status\":\"").append(status.code).append("\",");
            } else {
                json.append("\"status\":").append(quote(status.name)).append(',');
            }
            json.append("\"scope\":").append(quote(scope)).append(",\"openid-configuration\":")
                    .append(quote(db.settings().openidConfigurationUrl));
        } else {
            if (xoauth2) {
                String code = status == Status.INVALID_TOKEN ? "401" : status == Status.INSUFFICIENT_SCOPE ? "403" : "400";
                json.append("\"status\":\"").append(code).append("\",\"schemes\":\"bearer\",");
            } else {
                json.append("\"status\":").append(quote(status.name)).append(',');
            }
            json.append("\"scope\":").append(quote(scope));
            if (!db.settings().openidConfigurationUrl.isEmpty()) {
                json.append(",\"openid-configuration\":").append(quote(db.settings().openidConfigurationUrl));
            }
        }
        json.append('}');
        r.mechPassword = null;
        if (r.settings.version.has(Since.FAILURE_DATA_IN_FAIL)) {
            return x.failureWithData(r, json.toString().getBytes(StandardCharsets.UTF_8));
        }
        // the data goes with the FAIL (auth_request_fail_with_reply); doveadm's client reads it first
        if (x.cont(json.toString().getBytes(StandardCharsets.UTF_8)) == null) {
            return AuthEngine.AuthReply.aborted(r.settings.version, x.failure());
        }
        return AuthReplies.failure(r, PassdbResult.PASSWORD_MISMATCH.code(), false);
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
