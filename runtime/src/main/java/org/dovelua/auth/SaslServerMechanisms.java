package org.dovelua.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthUsername;
import org.dovelua.auth.sasl.SaslClient;
import org.dovelua.auth.sasl.ScramServer;
import org.dovelua.auth.scheme.Scram;
import org.dovelua.lib.DovecotBase64;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.version.Since;

/**
 * The auth process's server mechanisms for a SASL exchange with doveadm's client (src/auth
 * mech-plain.c, mech-login.c, mech-scram.c): each reads the client's messages, sets the user
 * ({@code auth_request_set_username}/{@code _set_login_username}) and asks the passdbs, PLAIN and
 * LOGIN to verify a plaintext password, SCRAM for credentials in its scheme (passdb.c converts a
 * plaintext password, anything else fails with "Requested ... scheme, but we have only ...").
 */
final class SaslServerMechanisms {
    /** The server's random source (its s-nonces). */
    static RandomGenerator random = new SecureRandom();

    /**
     * One client connection's request: the client mechanism, and the CONT round trips as the auth
     * process logs them (auth-request-handler.c {@code client passdb out: CONT}, {@code client in: CONT}).
     */
    static final class Exchange {
        private final int id;
        private final SaslClient client;
        private final DovecotEvent process;
        private final boolean debugPasswords;
        /** The client connection's log prefix (2.4's {@code conn unix:auth-client ... [N]: }). */
        private final String conn;
        private final java.util.function.Consumer<AuthRequest> logFinished;
        private String failure;
        /** lib-sasl's request (set when the request starts). */
        SaslServerRequest sasl;
        /** How the mechanism failed, when it says (a SCRAM proof: password mismatch); null: from the result. */
        SaslServerRequest.Failure failureKind;
        /** The size of the data the verdict carries (SCRAM's server-final, OAuth2's JSON status), 0: none. */
        int finalData;
        /** A failure's data that goes with the FAIL as resp= ({@link Since#FAILURE_DATA_IN_FAIL}), or null. */
        byte[] failureData;

        Exchange(int id, SaslClient client, DovecotEvent process, boolean debugPasswords, String conn,
                java.util.function.Consumer<AuthRequest> logFinished) {
            this.id = id;
            this.client = client;
            this.process = process;
            this.debugPasswords = debugPasswords;
            this.conn = conn;
            this.logFinished = logFinished;
        }

        /** The initial response doveadm puts on its AUTH line ({@code info.initial_resp_base64}). */
        byte[] initial() {
            try {
                return client.output();
            } catch (SaslClient.SaslException e) {
                failure = e.getMessage();
                return new byte[0];
            }
        }

        /** {@code resp=}: hidden unless auth_debug_passwords. */
        String hidden(byte[] data) {
            return debugPasswords ? DovecotBase64.encode(data) + " (previous base64 data may contain sensitive data)"
                    : "<hidden>";
        }

        /** The server's challenge to the client, and the client's answer; null when the client gave up. */
        byte[] cont(byte[] challenge) {
            sasl.challenge(challenge);
            process.debug(conn + "client passdb out: CONT\t" + id + "\t" + DovecotBase64.encode(challenge));
            try {
                client.input(challenge);
                byte[] answer = client.output();
                process.debug(conn + "client in: CONT" + (debugPasswords ? "\t" + id + "\t" + DovecotBase64.encode(answer) : "<hidden>"));
                sasl.response(answer);
                return answer;
            } catch (SaslClient.SaslException e) {
                // doveadm-auth.c auth_callback(): "internal auth failure: %s", and the request is aborted
                failure = e.getMessage();
                return null;
            }
        }

        /**
         * A FAIL's resp= handed to doveadm's client mechanism (lib-auth-client reads it as a last
         * challenge): its error when it refuses the data, else null.
         */
        String clientRefuses(byte[] data) {
            try {
                client.input(data);
                client.output();
                return null;
            } catch (SaslClient.SaslException e) {
                failure = e.getMessage();
                return failure;
            }
        }

        /**
         * lib-sasl's {@code sasl_server_request_failure_with_reply()}: the data goes with the FAIL as
         * {@code resp=} (auth_request_fail_with_reply; {@link Since#FAILURE_DATA_IN_FAIL}).
         */
        AuthEngine.AuthReply failureWithData(AuthRequest r, byte[] data) {
            finalData = data.length;
            failureData = data;
            AuthEngine.AuthReply failed = AuthReplies.failure(r, PassdbResult.PASSWORD_MISMATCH.code(), false);
            List<String> args = new ArrayList<>(failed.args());
            args.add("resp=" + DovecotBase64.encode(data));
            return new AuthEngine.AuthReply(false, args, failed.result());
        }

        /** What the client hands the server when asked for channel binding ({@code CBIND}). */
        byte[] channelBindingData() {
            return client.channelBindingData();
        }

        private boolean finished;

        /** auth_request_log_finished(): once, when the request's verdict is known (before a success's final CONT). */
        void finished(AuthRequest r) {
            if (!finished) {
                finished = true;
                logFinished.accept(r);
            }
        }

        /** The client's own failure (doveadm logs it and aborts), or null. */
        String failure() {
            return failure;
        }
    }

    private final AuthEngine engine;
    private final AuthSettings settings;
    private final AuthUsername usernames;
    private final Exchange x;
    private DovecotEvent mechEvent;

    SaslServerMechanisms(AuthEngine engine, AuthSettings settings, AuthUsername usernames, Exchange x) {
        this.engine = engine;
        this.settings = settings;
        this.usernames = usernames;
        this.x = x;
    }

    /** The request's mechanism run to its end: the reply the client gets. */
    AuthEngine.AuthReply run(AuthRequest r, byte[] initial) {
        mechEvent = mechEvent(r);
        return switch (r.mechName) {
            case "PLAIN" -> plain(r, initial);
            case "LOGIN" -> login(r, initial);
            case "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS" -> scram(r, initial, Scram.SHA1);
            case "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS" -> scram(r, initial, Scram.SHA256);
            case "CRAM-MD5" -> cramMd5(r);
            case "DIGEST-MD5" -> digestMd5(r);
            case "ANONYMOUS" -> anonymous(r, initial);
            case "OAUTHBEARER" -> oauth2(r, initial, false);
            case "XOAUTH2" -> oauth2(r, initial, true);
            case "EXTERNAL" -> external(r, initial);
            default -> throw new IllegalStateException("no server mechanism " + r.mechName);
        };
    }

    /**
     * {@code request->mech_event}: {@code <mech>(<id>): } in 2.3; in 2.4 {@code (<id>,sasl:<mech>)}
     * before the level and {@code <mech>: } after it (seen on 2.4.1).
     */
    private DovecotEvent mechEvent(AuthRequest r) {
        String mech = r.mechName.toLowerCase(Locale.ROOT);
        DovecotEvent e = r.event.child();
        e.setMinLevel(settings.verbose ? LogLevel.INFO : LogLevel.WARNING);
        if (settings.version.has(Since.LIB_SASL_REQUEST_LOG)) {
            // lib-sasl's mechanisms log on the request's event (sasl-server-request.c: "sasl(<mech>): ")
            e.setProcessLogPrefixCallback(() -> r.authProcessLogPrefix(mech));
            e.setLogPrefixCallback(() -> "sasl(" + mech + "): ");
        } else if (settings.version.has(Since.LOG_PREFIX_24)) {
            e.setProcessLogPrefixCallback(() -> r.authProcessLogPrefix(mech));
            e.setLogPrefixCallback(() -> mech + ": ");
        } else {
            e.setLogPrefixCallback(() -> mech + "(" + r.logIdentifier() + "): ");
        }
        return e;
    }

    private AuthEngine.AuthReply fail(AuthRequest r, long result) {
        return AuthReplies.failure(r, result, result == PassdbResult.INTERNAL_FAILURE.code());
    }

    /** {@code plain_verify_callback()} / {@code auth_request_success()}. */
    private AuthEngine.AuthReply verified(AuthRequest r, long result) {
        return result == PassdbResult.OK.code() ? AuthReplies.success(r) : fail(r, result);
    }

    private boolean libSasl() {
        return settings.version.has(Since.LIB_SASL_REQUEST_LOG);
    }

    /**
     * A wrong CRAM-MD5/DIGEST-MD5 digest: mech-cram-md5.c/mech-digest-md5.c's e_info "Password
     * mismatch" on the mechanism's event; 2.4.2+'s sasl_server_request_password_mismatch()
     * (sasl-server-mech-cram-md5.c, sasl-server-mech-digest-md5.c verify_credentials), which
     * auth-sasl.c logs on the request (seen on 2.4.5, case 514).
     */
    private void mismatch() {
        if (libSasl()) {
            x.failureKind = SaslServerRequest.Failure.PASSWORD_MISMATCH;
        } else {
            mechEvent.info("Password mismatch");
        }
    }

    /**
     * The mechanism sets the user: {@code auth_request_set_username()} (2.4.2+: through
     * {@code sasl_server_request_set_authid()}, auth-sasl.c logging the error on the request's
     * event); before 2.4.2 the mechanism logs the error itself on its own event.
     */
    private String setAuthid(AuthRequest r, String authid) {
        String error = usernames.set(r, authid);
        if (error != null) {
            (libSasl() ? r.event : mechEvent).info(error);
        }
        x.sasl.authid(authid, error);
        return error;
    }

    /** {@code auth_request_set_login_username()} (2.4.2+: {@code sasl_server_request_set_authzid()}). */
    private String setAuthzid(AuthRequest r, String authzid) {
        String error = usernames.setLogin(r, authzid);
        if (error != null) {
            (libSasl() ? r.event : mechEvent).info("login user: " + error);
        }
        x.sasl.authzid(authzid, error);
        return error;
    }

    /** {@code sasl_server_request_verify_plain()} over auth_request_verify_plain(). */
    private long verifyPlain(AuthRequest r, String password) {
        x.sasl.verifyPlain();
        long result = engine.verifyPlain(r, password);
        x.sasl.verifiedPlain(result);
        return result;
    }

    /** {@code sasl_server_request_lookup_credentials()} over auth_request_lookup_credentials(). */
    private long lookupCredentials(AuthRequest r, String scheme) {
        x.sasl.lookupCredentials(scheme);
        long result = engine.lookupCredentials(r, scheme);
        x.sasl.lookedUpCredentials(result);
        return result;
    }

    /**
     * {@code auth_request_success()} with final data (auth-request-handler.c): on OK as {@code resp=}
     * for a client that sent {@code final-resp-ok} (2.4's), else a CONT the client answers, then OK.
     */
    private AuthEngine.AuthReply successWithData(AuthRequest r, byte[] data) {
        if (!settings.version.has(Since.AUTH_CLIENT_FINAL_RESP_OK)) {
            x.finished(r); // auth_request_success() logs it, then the handler sends the data
            if (x.cont(data) == null) {
                return fail(r, PassdbResult.INTERNAL_FAILURE.code());
            }
            return AuthReplies.success(r);
        }
        x.finalData = data.length;
        AuthEngine.AuthReply ok = AuthReplies.success(r);
        List<String> args = new ArrayList<>(ok.args());
        args.add("resp=" + DovecotBase64.encode(data));
        return new AuthEngine.AuthReply(true, args, ok.result());
    }



    /** mech-plain.c {@code mech_plain_auth_continue()}: {@code authzid NUL authid NUL password}. */
    private AuthEngine.AuthReply plain(AuthRequest r, byte[] data) {
        String[] parts = new String(data, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3) {
            mechEvent.info("invalid input");
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        String authzid = parts[0];
        String authenid = parts[1];
        String pass = parts[2];
        if (authzid.equals(authenid)) {
            authzid = ""; // the login username isn't different
        }
        if (setAuthid(r, authenid) != null) {
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        if (!authzid.isEmpty() && setAuthzid(r, authzid) != null) {
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        return verified(r, verifyPlain(r, pass));
    }

    /** mech-login.c: "Username:", the user, "Password:", the password, then auth_request_verify_plain(). */
    private AuthEngine.AuthReply login(AuthRequest r, byte[] initial) {
        byte[] user = initial.length == 0 ? x.cont("Username:".getBytes(StandardCharsets.US_ASCII)) : initial;
        if (user == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        if (setAuthid(r, new String(user, StandardCharsets.UTF_8)) != null) {
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        byte[] pass = x.cont("Password:".getBytes(StandardCharsets.US_ASCII));
        if (pass == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        return verified(r, verifyPlain(r, new String(pass, StandardCharsets.UTF_8)));
    }

    /**
     * mech-scram.c over auth-scram-server.c: client-first sets the users, the credentials lookup in
     * the mechanism's scheme gives the key data, server-first goes out, client-final's proof is checked,
     * and the success carries server-final.
     */
    private AuthEngine.AuthReply scram(AuthRequest r, byte[] initial, Scram scram) {
        // mech_scram_auth_new(): the -PLUS variant has the same password scheme and channel binding support
        ScramServer server = new ScramServer(scram, channelBinding(scram.name()));
        ScramServer.ClientFirst first;
        try {
            first = server.clientFirst(new String(initial, StandardCharsets.UTF_8));
        } catch (ScramServer.ScramError e) {
            mechEvent.info(e.getMessage());
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        String error = setAuthid(r, first.username());
        if (error == null && first.loginUsername() != null) {
            error = setAuthzid(r, first.loginUsername());
        }
        if (error != null) {
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        long result = lookupCredentials(r, scram.name());
        if (result != PassdbResult.OK.code()) {
            // credentials_callback(): an internal failure, or any other failure
            return fail(r, result);
        }
        String[] parseError = new String[1];
        Scram.Key key = scram.parse(r.credentials == null ? new byte[0] : r.credentials, parseError);
        if (key == null) {
            mechEvent.info(parseError[0]);
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        byte[] clientFinal = x.cont(server.serverFirst(key, random).getBytes(StandardCharsets.UTF_8));
        if (clientFinal == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        try {
            server.clientFinal(new String(clientFinal, StandardCharsets.UTF_8), x.channelBindingData());
        } catch (ScramServer.ScramError e) {
            if (e instanceof ScramServer.PasswordMismatch && libSasl()) {
                // sasl_server_request_password_mismatch(): auth-sasl.c logs AUTH_LOG_MSG_PASSWORD_MISMATCH
                x.failureKind = SaslServerRequest.Failure.PASSWORD_MISMATCH;
            } else {
                mechEvent.info(e.getMessage()); // AUTH_LOG_MSG_PASSWORD_MISMATCH for a wrong proof
            }
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        return successWithData(r, server.serverFinal().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * mech-cram-md5.c: the challenge {@code <digits.time@host>}, the client's {@code user SP hex},
     * CRAM-MD5 credentials (the HMAC-MD5 context) from the passdbs, the digest compared.
     */
    private AuthEngine.AuthReply cramMd5(AuthRequest r) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            digits.append((char) ('0' + Math.floorMod(random.nextInt(256), 10)));
        }
        String challenge = "<" + digits + "." + settings.clock.getAsLong() + "@" + HOSTNAME + ">";
        byte[] answer = x.cont(challenge.getBytes(StandardCharsets.US_ASCII));
        if (answer == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        // parse_cram_response(): the rightmost space separates the user (which may hold spaces) from the digest
        String error = null;
        int space = 0;
        for (int i = 0; i < answer.length; i++) {
            if (answer[i] == 0) {
                error = "NULs in response";
                break;
            }
            if (answer[i] == ' ') {
                space = i;
            }
        }
        if (error == null && space == 0) {
            error = "missing digest";
        }
        String response = null;
        if (error == null) {
            String user = new String(answer, 0, space, StandardCharsets.UTF_8);
            response = new String(answer, space + 1, answer.length - space - 1, StandardCharsets.UTF_8);
            error = setAuthid(r, user);
        } else {
            mechEvent.info(error);
        }
        if (error != null) {
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        long result = lookupCredentials(r, "CRAM-MD5");
        if (result != PassdbResult.OK.code()) {
            return fail(r, result);
        }
        if (r.credentials == null || r.credentials.length != 32) {
            mechEvent.error("invalid credentials length");
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        String expected = java.util.HexFormat.of().formatHex(
                org.dovelua.auth.scheme.CramMd5.hmac(r.credentials, challenge.getBytes(StandardCharsets.US_ASCII)));
        // mem_equals_timing_safe() over the 32 hex digits (a shorter response compares its NUL)
        if (response.length() < 32 || !expected.equals(response.substring(0, 32))) {
            mismatch();
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        return AuthReplies.success(r);
    }

    /** {@code my_hostname}: the auth process's host name, in CRAM-MD5's challenge. */
    private static final String HOSTNAME = hostname();

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * mech-digest-md5.c: the challenge (realm "", a base64 nonce, qop "auth", md5-sess), the
     * response's directives checked one by one ({@code auth_handle_response}), the user (with
     * {@code @realm} when the client named a realm), DIGEST-MD5 credentials, the response compared,
     * rspauth as the success's data.
     */
    private AuthEngine.AuthReply digestMd5(AuthRequest r) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = DovecotBase64.encode(n);
        // 2.4.2+ (sasl-server-mech-digest-md5.c get_digest_challenge over auth-sasl.c's
        // settings_boollist_get(auth_realms)): an empty realm list is no NULL, so no realm="" (seen on
        // 2.4.5, case 514: a challenge of 80 bytes)
        String challenge = (settings.version.has(Since.DIGEST_MD5_NO_EMPTY_REALM) ? "" : "realm=\"\",")
                + "nonce=\"" + nonce + "\",qop=\"auth\",charset=\"utf-8\",algorithm=\"md5-sess\"";
        byte[] answer = x.cont(challenge.getBytes(StandardCharsets.US_ASCII));
        if (answer == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        org.dovelua.auth.sasl.DigestMd5Response resp = org.dovelua.auth.sasl.DigestMd5Response.parse(
                new String(answer, StandardCharsets.UTF_8), nonce);
        String error = resp.error();
        if (error == null && !resp.failed()) {
            String username = resp.username();
            if (resp.realm() != null && username.indexOf('@') < 0) {
                r.realm = resp.realm();
                username = username + "@" + resp.realm();
                r.domainIsRealm = true;
            }
            error = setAuthid(r, username);
            if (error == null && resp.authzid() != null) {
                error = setAuthzid(r, resp.authzid());
            }
            if (error != null) {
                return fail(r, PassdbResult.PASSWORD_MISMATCH.code()); // logged by setAuthid/setAuthzid
            }
            if (error == null) {
                long result = lookupCredentials(r, "DIGEST-MD5");
                if (result != PassdbResult.OK.code()) {
                    return fail(r, result);
                }
                if (r.credentials == null || r.credentials.length != 16) {
                    mechEvent.error("invalid credentials length");
                    return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
                }
                String expected = org.dovelua.auth.sasl.DigestMd5.response(r.credentials, nonce, resp.nonceCount(),
                        resp.cnonce(), resp.qop(), resp.digestUri(), resp.authzid(), false);
                if (!expected.equals(resp.response())) {
                    mismatch();
                    return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
                }
                String rspauth = "rspauth=" + org.dovelua.auth.sasl.DigestMd5.response(r.credentials, nonce,
                        resp.nonceCount(), resp.cnonce(), resp.qop(), resp.digestUri(), resp.authzid(), true);
                return successWithData(r, rspauth.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (error != null) {
            mechEvent.info(error);
        }
        return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
    }

    /**
     * mech-anonymous.c: the trace is the user only for the "login" line, then the request is
     * anonymous_username's, a success without a passdb; the reply names it {@code anonymous}
     * (auth-request-handler.c, seen on 2.4.1).
     */
    private AuthEngine.AuthReply anonymous(AuthRequest r, byte[] data) {
        String trace = new String(data, StandardCharsets.UTF_8);
        r.user = trace; // auth_request_set_username_forced()
        if (libSasl()) {
            // 2.4.2+: auth-sasl.c's SASL_SERVER_AUTHID_TYPE_ANONYMOUS logs on the request, then lib-sasl's
            // sasl_server_request_set_authid() its debug line (seen on 2.4.5, case 514)
            r.event.info("anonymous login");
            r.user = settings.anonymousUsername;
            x.sasl.authid(trace, null);
        } else {
            mechEvent.info("login");
        }
        r.user = settings.anonymousUsername;
        AuthEngine.AuthReply ok = AuthReplies.success(r);
        List<String> args = new ArrayList<>(ok.args());
        if (!args.contains("anonymous")) {
            args.add("anonymous");
        }
        return new AuthEngine.AuthReply(true, args, ok.result());
    }

    /**
     * mech-external.c: the user comes from the client's TLS certificate, which doveadm's connection
     * never has ("username not known").
     */
    private AuthEngine.AuthReply external(AuthRequest r, byte[] data) {
        if (libSasl()) {
            // 2.4.2+: auth-sasl.c's SASL_SERVER_AUTHID_TYPE_EXTERNAL on the request, then
            // sasl_server_request_set_authid()'s failure: sasl_server_request_failure() (seen on 2.4.5, case 514)
            r.event.info("Username not known");
            x.sasl.authid("", "Username not known");
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        mechEvent.info("username not known");
        return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
    }

    /**
     * 2.3's mech-oauth2.c (2.4's: {@link OAuth2Mechanism}): the token is the password {@code auth_request_verify_plain()} checks
     * through the passdbs. OAUTHBEARER's gs2-header (RFC 5801/7628: {@code n,a=USER,}) or XOAUTH2's
     * {@code user=}, then {@code auth=Bearer TOKEN}; a rejected token is answered with a JSON status
     * challenge, and whatever the client answers to it fails the request.
     */
    private AuthEngine.AuthReply oauth2(AuthRequest r, byte[] initial, boolean xoauth2) {
        // mech_generic_auth_initial(): no initial response asks for one with an empty challenge
        byte[] data = initial.length == 0 ? x.cont(new byte[0]) : initial;
        if (data == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        if (settings.version.has(Since.OAUTH2_MECH_OWN_DB)) {
            return new OAuth2Mechanism(engine, engine.oauth2(), usernames, x, mechEvent,
                    settings.version.has(Since.OAUTH2_MECH_LIB_SASL)).run(r, data, xoauth2);
        }
        String[] fields = new String(data, StandardCharsets.UTF_8).split("\u0001", -1);
        String username = null;
        boolean userGiven = false;
        if (!xoauth2) {
            if (fields.length == 0 || fields[0].isEmpty()) {
                return refused(r, "Invalid continued data");
            }
            // the first field is RFC 5801's gs2-header (t_strsplit_spaces on ',')
            for (String part : fields[0].split(",")) {
                if (part.isEmpty()) {
                    continue;
                }
                switch (part.charAt(0)) {
                    case 'f':
                        return refused(r, "Client requested non-standard mechanism");
                    case 'p':
                        return refused(r, "Client requested and used channel-binding");
                    case 'n', 'y':
                        continue;
                    case 'a':
                        username = part.length() > 1 && part.charAt(1) == '=' ? unescapeSaslName(part.substring(2))
                                : null;
                        if (username == null) {
                            return refused(r, "Invalid username escaping");
                        }
                        userGiven = true;
                        break;
                    default:
                        return refused(r, "Invalid gs2-header in request");
                }
            }
        }
        String token = null;
        for (String f : fields) {
            if (xoauth2 && f.startsWith("user=")) {
                username = f.substring(5); // nothing to unescape in XOAUTH2's format
                userGiven = true;
            } else if (f.startsWith("auth=")) {
                String value = f.substring(5);
                if (value.regionMatches(true, 0, "bearer ", 0, 7) && validToken(value.substring(7))) {
                    token = value.substring(7);
                } else {
                    return refused(r, "Invalid continued data");
                }
            }
            // unexpected fields do not fail the request
        }
        if (userGiven) {
            String error = usernames.set(r, username);
            if (error != null) {
                return refused(r, error);
            }
        }
        if (!userGiven || token == null) {
            return refused(r, xoauth2 ? "Username or token missing" : "Missing username or token");
        }
        long result = engine.verifyPlain(r, token);
        if (result == PassdbResult.OK.code() || result == PassdbResult.INTERNAL_FAILURE.code()) {
            return verified(r, result);
        }
        // oauth2_verify_callback(): the error fields as a JSON object, then the client's answer fails it
        r.mechPassword = null; // "we could get new token after this"
        String status = xoauth2 ? "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}"
                : "{\"status\":\"invalid_token\"}";
        if (x.cont(status.getBytes(StandardCharsets.UTF_8)) == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        return fail(r, result);
    }

    /** An OAuth message the mechanism refuses: {@code e_info(request->mech_event, ...)} and auth_request_fail(). */
    private AuthEngine.AuthReply refused(AuthRequest r, String why) {
        mechEvent.info(why);
        return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
    }

    /**
     * mech-oauth2.c oauth2_unescape_username(): RFC 5801's {@code =2C} and {@code =3D} (as SCRAM's
     * saslname), and a bare ',' is refused; null when invalid.
     */
    static String unescapeSaslName(String in) {
        return in.indexOf(',') >= 0 ? null : org.dovelua.auth.sasl.ScramMessages.unescape(in);
    }

    /** lib-oauth2 oauth2_valid_token() (2.3.19): not empty, no CR or LF. */
    static boolean validToken(String token) {
        return !token.isEmpty() && token.indexOf('\r') < 0 && token.indexOf('\n') < 0;
    }

    /** mech_scram_auth_new(): whether the -PLUS variant is registered beside the mechanism. */
    private ScramServer.ChannelBinding channelBinding(String name) {
        boolean plus = AuthMechanisms.offered(settings, name + "-PLUS");
        if (!plus) {
            return ScramServer.ChannelBinding.NONE;
        }
        return AuthMechanisms.offered(settings, name) ? ScramServer.ChannelBinding.AVAILABLE
                : ScramServer.ChannelBinding.REQUIRED;
    }

    /** The server mechanisms dovelua runs; another offered one is refused before the request is sent. */
    static boolean emulated(String mech, org.dovelua.version.DovecotVersion version) {
        return List.of("OAUTHBEARER", "XOAUTH2", "PLAIN", "LOGIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS",
                "ANONYMOUS", "EXTERNAL", "CRAM-MD5", "DIGEST-MD5").contains(mech);
    }
}
