package org.dovelua.auth;

import java.util.Locale;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.version.Since;

/**
 * lib-sasl's server request (src/lib-sasl/sasl-server-request.c, 2.4.2+,
 * {@link Since#LIB_SASL_REQUEST_LOG}): the debug lines of one SASL request's life cycle, on an
 * event that appends {@code sasl(<mech>): } to the auth request's. Before 2.4.2 every method logs
 * nothing.
 */
final class SaslServerRequest {
    /** How a request failed: {@code sasl_server_request_failure_common()}'s status. */
    enum Failure {
        /** {@code sasl_server_request_failure()}: "Interaction failed". */
        FAILURE,
        /** {@code sasl_server_request_password_mismatch()}: auth-sasl.c logs AUTH_LOG_MSG_PASSWORD_MISMATCH at Info. */
        PASSWORD_MISMATCH,
        /** {@code sasl_server_request_internal_failure()}. */
        INTERNAL
    }

    private final AuthRequest request;
    private final String mech;
    private final boolean logged;
    private DovecotEvent event;
    private boolean destroyed;

    SaslServerRequest(AuthRequest request) {
        this.request = request;
        this.mech = request.mechName.toLowerCase(Locale.ROOT);
        this.logged = request.settings.version.has(Since.LIB_SASL_REQUEST_LOG);
    }

    private DovecotEvent event() {
        if (event == null) {
            // sasl_server_request_create(): event_create(auth request's event) + "sasl(<mech>): "
            event = request.event.child();
            event.setLogPrefixCallback(() -> "sasl(" + mech + "): ");
        }
        return event;
    }

    private void debug(String line) {
        if (logged) {
            event().debug(line);
        }
    }

    /** {@code sasl_server_request_create()}. */
    void create() {
        debug("Request create");
    }

    /** {@code sasl_server_request_initial()}: {@code data} null when the client sent no initial response. */
    void initial(byte[] data) {
        debug(data == null ? "Started interaction without initial response"
                : "Started interaction with initial response (size=" + data.length + ")");
    }

    /** {@code sasl_server_request_output()}: a challenge goes out as CONT. */
    void challenge(byte[] data) {
        debug("Server continued interaction with challenge (size=" + data.length + ")");
    }

    /** {@code sasl_server_request_input()}: the client's CONT. */
    void response(byte[] data) {
        debug("Client continued interaction with response (size=" + data.length + ")");
    }

    /**
     * {@code sasl_server_request_set_authid()} over auth-sasl.c's {@code auth_request_set_username()}:
     * its error is the auth request's Info (2.4.2+; the caller logs it before), then the debug line.
     */
    void authid(String authid, String error) {
        String shown = AuthRequest.sanitize(authid, 256);
        debug(error == null ? "Set authid '" + shown + "'" : "Failed to set authid '" + shown + "'");
    }

    /** {@code sasl_server_request_set_authzid()}. */
    void authzid(String authzid, String error) {
        String shown = AuthRequest.sanitize(authzid, 256);
        debug(error == null ? "Set authzid '" + shown + "'" : "Failed to set authzid '" + shown + "'");
    }

    /** {@code sasl_server_request_verify_plain()}. */
    void verifyPlain() {
        debug("Performing plain passdb verification");
    }

    /** {@code verify_plain_callback()}. */
    void verifiedPlain(long result) {
        debug("Finished plain passdb verification (status=" + status(result) + ")");
    }

    /** {@code sasl_server_request_lookup_credentials()}. */
    void lookupCredentials(String scheme) {
        debug("Performing passdb credentials lookup (scheme=" + scheme + ")");
    }

    /** {@code lookup_credentials_callback()}. */
    void lookedUpCredentials(long result) {
        debug("Finished passdb credentials lookup (status=" + status(result) + ")");
    }

    /** {@code sasl_server_request_success()}: {@code finalData} 0 when none. */
    void succeeded(int finalData) {
        debug(finalData > 0 ? "Interaction succeeded with final data (size=" + finalData + ")"
                : "Interaction succeeded");
    }

    /** {@code sasl_server_request_failure_common()}: {@code finalData} 0 when none. */
    void failed(Failure how, int finalData) {
        if (finalData > 0) {
            debug("Interaction failed with final data (size=" + finalData + ")");
        } else if (how == Failure.PASSWORD_MISMATCH) {
            debug("Interaction failed: Password mismatch");
        } else if (how == Failure.INTERNAL) {
            debug("Interaction failed (internal failure)");
        } else {
            debug("Interaction failed");
        }
        if (how == Failure.PASSWORD_MISMATCH && logged) {
            request.event.info("Password mismatch"); // auth-sasl.c auth_sasl_request_output()
        }
    }

    /**
     * {@code sasl_server_mech_request_unref()}'s last reference: once the reply is sent. The auth
     * request no longer names the mechanism in its prefix by then ({@code auth(alice): }, seen on 2.4.5).
     */
    void destroy() {
        if (logged && !destroyed) {
            destroyed = true;
            DovecotEvent e = request.event.child();
            e.setProcessLogPrefixCallback(() -> request.authProcessLogPrefix(null));
            e.setLogPrefixCallback(() -> "sasl(" + mech + "): ");
            e.debug("Request destroy");
        }
    }

    /** sasl-server-request.c {@code sasl_passdb_result_to_string()} over auth-sasl.c's translation. */
    static String status(long result) {
        PassdbResult r = PassdbResult.of(result);
        if (r == null) {
            return "internal-failure";
        }
        return switch (r) {
            case INTERNAL_FAILURE -> "internal-failure";
            case SCHEME_NOT_AVAILABLE -> "scheme-not-available";
            case USER_UNKNOWN -> "user-unknown";
            // the upstream table names USER_DISABLED so
            case USER_DISABLED -> "scheme-disabled";
            case PASS_EXPIRED -> "pass-expired";
            case PASSWORD_MISMATCH -> "password-mismatch";
            default -> "ok"; // OK and NEXT (translate_result_status)
        };
    }
}
