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
        private String failure;

        Exchange(int id, SaslClient client, DovecotEvent process, boolean debugPasswords) {
            this.id = id;
            this.client = client;
            this.process = process;
            this.debugPasswords = debugPasswords;
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
            process.debug("client passdb out: CONT\t" + id + "\t" + DovecotBase64.encode(challenge));
            try {
                client.input(challenge);
                byte[] answer = client.output();
                process.debug("client in: CONT" + (debugPasswords ? "\t" + id + "\t" + DovecotBase64.encode(answer) : "<hidden>"));
                return answer;
            } catch (SaslClient.SaslException e) {
                // doveadm-auth.c auth_callback(): "internal auth failure: %s", and the request is aborted
                failure = e.getMessage();
                return null;
            }
        }

        /** What the client hands the server when asked for channel binding ({@code CBIND}). */
        byte[] channelBindingData() {
            return client.channelBindingData();
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
            case "ANONYMOUS" -> anonymous(r, initial);
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
        if (settings.version.has(Since.LOG_PREFIX_24)) {
            e.setProcessLogPrefixCallback(() -> "(" + r.logIdentifier(mech) + ")");
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
        String error = usernames.set(r, authenid);
        if (error != null) {
            mechEvent.info(error);
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        if (!authzid.isEmpty() && (error = usernames.setLogin(r, authzid)) != null) {
            mechEvent.info("login user: " + error);
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        return verified(r, engine.verifyPlain(r, pass));
    }

    /** mech-login.c: "Username:", the user, "Password:", the password, then auth_request_verify_plain(). */
    private AuthEngine.AuthReply login(AuthRequest r, byte[] initial) {
        byte[] user = initial.length == 0 ? x.cont("Username:".getBytes(StandardCharsets.US_ASCII)) : initial;
        if (user == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        String error = usernames.set(r, new String(user, StandardCharsets.UTF_8));
        if (error != null) {
            mechEvent.info(error);
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        byte[] pass = x.cont("Password:".getBytes(StandardCharsets.US_ASCII));
        if (pass == null) {
            return fail(r, PassdbResult.INTERNAL_FAILURE.code());
        }
        return verified(r, engine.verifyPlain(r, new String(pass, StandardCharsets.UTF_8)));
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
        String error = usernames.set(r, first.username());
        if (error == null && first.loginUsername() != null) {
            error = usernames.setLogin(r, first.loginUsername());
        }
        if (error != null) {
            mechEvent.info(error);
            return fail(r, PassdbResult.USER_UNKNOWN.code());
        }
        long result = engine.lookupCredentials(r, scram.name());
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
            mechEvent.info(e.getMessage()); // AUTH_LOG_MSG_PASSWORD_MISMATCH for a wrong proof
            return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
        }
        AuthEngine.AuthReply ok = AuthReplies.success(r);
        List<String> args = new ArrayList<>(ok.args());
        args.add("resp=" + DovecotBase64.encode(server.serverFinal().getBytes(StandardCharsets.UTF_8)));
        return new AuthEngine.AuthReply(true, args, ok.result());
    }

    /**
     * mech-anonymous.c: the trace is the user only for the "login" line, then the request is
     * anonymous_username's, a success without a passdb; the reply names it {@code anonymous}
     * (auth-request-handler.c, seen on 2.4.1).
     */
    private AuthEngine.AuthReply anonymous(AuthRequest r, byte[] data) {
        r.user = new String(data, StandardCharsets.UTF_8); // auth_request_set_username_forced()
        mechEvent.info("login");
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
        mechEvent.info("username not known");
        return fail(r, PassdbResult.PASSWORD_MISMATCH.code());
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
    static boolean emulated(String mech) {
        return List.of("PLAIN", "LOGIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS",
                "ANONYMOUS", "EXTERNAL").contains(mech);
    }
}
