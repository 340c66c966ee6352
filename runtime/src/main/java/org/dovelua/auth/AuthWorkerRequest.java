package org.dovelua.auth;

import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.db.UserdbResult;
import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.version.Since;

/**
 * The request as an auth worker sees it, and the way its reply comes back
 * (auth-request-fields.c {@code auth_request_export}/{@code auth_request_import},
 * auth-worker-client.c replies, passdb-blocking.c and userdb-blocking.c). The auth process applies
 * the passdb fields a worker changed once more with {@code auth_request_set_fields()}, so
 * checks such as {@code allow_nets} and user rewrites run (and log) in both processes.
 */
final class AuthWorkerRequest {
    private AuthWorkerRequest() {
    }

    /** {@code auth_request_export()} followed by the worker's {@code auth_request_import()}. */
    static AuthRequest export(AuthRequest r) {
        AuthRequest w = new AuthRequest(r.settings);
        w.user = r.user;
        w.service = r.service;
        w.masterUser = r.masterUser;
        w.originalUsername = r.originalUsername;
        w.requestedLoginUser = r.requestedLoginUser;
        w.localIp = r.localIp;
        w.remoteIp = r.remoteIp;
        w.localPort = r.localPort;
        w.remotePort = r.remotePort;
        w.realLocalIp = r.realLocalIp;
        w.realRemoteIp = r.realRemoteIp;
        w.realLocalPort = r.realLocalPort;
        w.realRemotePort = r.realRemotePort;
        w.localName = r.localName;
        w.sessionId = r.sessionId;
        w.secured = r.secured;
        w.skipPasswordCheck = r.skipPasswordCheck;
        w.validClientCert = r.validClientCert;
        w.mechName = r.mechName;
        w.clientId = r.clientId;
        w.userdbLookup = r.userdbLookup;
        // passdb-blocking.c passdb_blocking_lookup_credentials(): "PASSL\t<id>\t<scheme>\t..."
        w.wantedCredentialsScheme = r.wantedCredentialsScheme;
        w.preferPlainCredentials = r.preferPlainCredentials;
        w.inWorker = true;
        // passdb_/userdb_ fields arrive as plain fields (no hidden or changed flag)
        for (AuthFields.Field f : r.extraFields.all()) {
            w.extraFields.importField(f.key(), f.value());
        }
        if (r.userdbReply != null) {
            for (AuthFields.Field f : r.userdbReply.all()) {
                w.userdbReply().importField(f.key(), f.value());
            }
        }
        return w;
    }

    /**
     * The worker's passdb reply applied by the auth process
     * ({@code passdb_blocking_auth_worker_reply_parse}). Internal failures carry no fields.
     */
    static void importPassdbReply(AuthRequest r, AuthRequest w, long result, boolean verify) {
        if (result == PassdbResult.INTERNAL_FAILURE.code()) {
            return;
        }
        if (!verify && result != PassdbResult.OK.code() && result != PassdbResult.NEXT.code()) {
            return; // a PASSL failure is just "FAIL\t<result>" (lookup_credentials_callback)
        }
        if (w.userChangedByLookup && w.user != null && !w.user.isEmpty()) {
            AuthRequestFields.setField(r, "user", w.user, null);
        }
        if (!verify && result == PassdbResult.OK.code()) {
            // auth-worker-client.c lookup_credentials_callback(): "OK\t<user>\t{<scheme>.b64}<credentials>",
            // which passdb-blocking.c hands to passdb_handle_credentials() as the looked-up password
            r.credentials = w.credentials;
            if (!w.wantedCredentialsScheme.isEmpty()) {
                r.wantedCredentialsScheme = w.wantedCredentialsScheme;
            }
        }
        if (w.passdbPassword != null) {
            r.passdbPassword = w.passdbPassword;
        }
        for (AuthFields.Field f : w.extraFields.changed()) {
            AuthRequestFields.setField(r, f.key(), f.value() == null ? "" : f.value(), null);
        }
        if (w.userdbReply != null && w.userdbReply.isEmpty()) {
            // "all userdb_* fields had NULL values": the master still learns prefetch was set
            AuthRequestFields.setField(r, "userdb_ ", "", null);
        }
    }

    /** userdb-blocking.c {@code user_callback}: fields are imported as they are, unchecked. */
    static void importUserdbReply(AuthRequest r, AuthRequest w, long result) {
        if (result == UserdbResult.OK.code() && w.userChangedByLookup && w.user != null
                && !w.user.isEmpty() && !w.user.equals(r.user)) {
            r.user = w.user;
            r.userChangedByLookup = true;
        }
        if (result != UserdbResult.OK.code()) {
            return;
        }
        if (w.userdbLookupTempfailed && w.userdbReply().changed().isEmpty()
                && !r.settings.version.has(Since.WORKER_REPLY_TEMPFAIL_ALONE)) {
            // 2.3's lookup_user_callback() sends "OK\t\t\ttempfail" when no field changed, and
            // user_callback() imports "\ttempfail": a field with an empty key (recorded: case 301)
            throw new ProcessDeath(ProcessDeath.Kind.PANIC,
                    "file auth-fields.c: line 64 (auth_fields_add): assertion failed: (*key != '\\0')");
        }
        for (AuthFields.Field f : w.userdbReply().changed()) {
            r.userdbReply().importChanged(f.key(), f.value());
        }
        if (w.userdbLookupTempfailed) {
            r.userdbReply().importChanged("tempfail", null);
            r.userdbLookupTempfailed = true;
        }
    }
}
