package org.dovelua.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A SASL client mechanism as doveadm 2.4's {@code auth test -A}/{@code auth login -A} drive it
 * (src/lib-sasl dsasl-client.c and mech-*.c): {@link #output()} is the next message to send,
 * {@link #input} takes the server's challenge. {@code authid} is the user (or {@code -M}'s master
 * user), {@code authzid} the user a master user logs in as (doveadm-auth.c cmd_auth_init_sasl_client).
 */
public abstract class SaslClient {
    /** dsasl_clients_init()'s registration order; names are found case-insensitively (dsasl_client_mech_find). */
    public static final List<String> MECHANISMS = List.of("ANONYMOUS", "EXTERNAL", "PLAIN", "LOGIN", "OAUTHBEARER",
            "XOAUTH2", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS");

    /** A client mechanism's failure: the text doveadm logs ({@code internal auth failure: %s}). */
    public static final class SaslException extends Exception {
        public SaslException(String message) {
            super(message, null, false, false);
        }
    }

    protected final String name;
    protected final String authid;
    protected final String authzid;
    protected final String password;

    protected SaslClient(String name, String authid, String authzid, String password) {
        this.name = name;
        this.authid = authid;
        this.authzid = authzid;
        this.password = password;
    }

    /** The mechanism's registered name ({@code dsasl_client_mech_get_name}), as the AUTH line names it. */
    public String name() {
        return name;
    }

    /**
     * The data doveadm gives the server when it asks for channel binding
     * ({@code auth_channel_bind_callback}), or null when the mechanism binds no channel.
     */
    public byte[] channelBindingData() {
        return null;
    }

    /**
     * Whether the AUTH line carries an initial response ({@code resp=}): doveadm's lib-sasl clients
     * always give one (LOGIN's is empty); a mail client's CRAM-MD5 and DIGEST-MD5 do not.
     */
    public boolean initialResponse() {
        return true;
    }

    /** The next message to the server (the initial response first). */
    public abstract byte[] output() throws SaslException;

    /** The server's challenge. */
    public abstract void input(byte[] challenge) throws SaslException;

    /** dsasl_client_settings' host and port (0: none); only the OAuth2 clients send them. */
    protected String host;
    protected int port;

    /**
     * doveadm-auth.c cmd_auth_init_sasl_client() (2.4.2+, {@code Since.DOVEADM_SASL_HOST}): the
     * host is -x local_name, else lip, else "localhost"; the port lport.
     */
    public SaslClient hostAndPort(String host, int port) {
        this.host = host;
        this.port = port;
        return this;
    }

    /**
     * {@code dsasl_client_mech_find()} + {@code dsasl_client_new()}: null when lib-sasl has no such
     * client mechanism (doveadm: "SASL mechanism '%s' not supported by client").
     */
    public static SaslClient find(String mech, String authid, String authzid, String password, RandomGenerator random) {
        String name = MECHANISMS.stream().filter(m -> m.equalsIgnoreCase(mech)).findFirst().orElse(null);
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "PLAIN" -> new Plain(authid, authzid, password);
            case "LOGIN" -> new Login(authid, password);
            case "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256-PLUS" ->
                new ScramClient(name, authid, authzid, password, random);
            case "ANONYMOUS" -> new Simple(name, authid == null ? "" : authid);
            // lib-sasl mech-external.c: the authzid, else the authid
            case "EXTERNAL" -> new Simple(name, authzid != null ? authzid : authid == null ? "" : authid);
            default -> new OAuthBearer(name, authid, password); // OAUTHBEARER, XOAUTH2
        };
    }

    /** lib-sasl's mechanisms that send the password refuse to start without an authid and a password. */
    protected final void requireCredentials() throws SaslException {
        if (authid == null) {
            throw new SaslException("authid not set");
        }
        if (password == null) {
            throw new SaslException("password not set");
        }
    }

    /** CRAM-MD5's answer to {@code challenge} (RFC 2195): {@code authid SP hex(HMAC-MD5(password, challenge))}. */
    protected final byte[] cramMd5Response(byte[] challenge) {
        byte[] digest = org.dovelua.lib.Digests.hmac("HmacMD5", utf8(password), challenge);
        return utf8(authid + " " + java.util.HexFormat.of().formatHex(digest));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** lib-sasl mech-plain.c: {@code [authzid] NUL authid NUL password}, sent at once. */
    static final class Plain extends SaslClient {
        private boolean sent;

        Plain(String authid, String authzid, String password) {
            super("PLAIN", authid, authzid, password);
        }

        @Override
        public byte[] output() throws SaslException {
            requireCredentials();
            sent = true;
            String z = authzid == null ? "" : authzid;
            return utf8(z + "\0" + authid + "\0" + password);
        }

        @Override
        public void input(byte[] challenge) throws SaslException {
            // mech_plain_input(): "Server didn't finish authentication" once the response went out
            if (sent) {
                throw new SaslException("Server didn't finish authentication");
            }
        }
    }

    /** lib-sasl mech-login.c: an empty initial response, then authid, then the password. */
    static final class Login extends SaslClient {
        private int state;

        Login(String authid, String password) {
            super("LOGIN", authid, null, password);
        }

        @Override
        public byte[] output() throws SaslException {
            requireCredentials();
            return switch (state) {
                case 0 -> new byte[0];
                case 1 -> utf8(authid);
                default -> utf8(password);
            };
        }

        @Override
        public void input(byte[] challenge) throws SaslException {
            if (state == 2) {
                throw new SaslException("Server didn't finish authentication");
            }
            state++;
        }
    }

    /** lib-sasl mech-anonymous.c / mech-external.c: one message, the trace or identity. */
    static final class Simple extends SaslClient {
        private final String message;
        private boolean sent;

        Simple(String name, String message) {
            super(name, null, null, null);
            this.message = message;
        }

        @Override
        public byte[] output() {
            sent = true;
            return utf8(message);
        }

        @Override
        public void input(byte[] challenge) throws SaslException {
            if (!sent && challenge.length > 0) {
                throw new SaslException("Server sent non-empty initial response");
            }
            throw new SaslException(name.equals("ANONYMOUS") ? "Server sent non-empty response"
                    : "Server didn't finish authentication");
        }
    }

    /**
     * lib-sasl mech-oauthbearer.c (OAUTHBEARER and XOAUTH2): the password is the bearer token, sent
     * at once; an empty answer is success, a JSON status the failure doveadm reports
     * ({@code Failed to authenticate: STATUS}).
     */
    static class OAuthBearer extends SaslClient {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();
        private boolean sent;

        OAuthBearer(String name, String authid, String password) {
            super(name, authid, null, password);
        }

        @Override
        public byte[] output() throws SaslException {
            requireCredentials();
            sent = true;
            if (name.equals("XOAUTH2")) {
                return utf8("user=" + authid + "\u0001auth=Bearer " + password + "\u0001\u0001");
            }
            // mech_oauthbearer_output(): host= and port= when set
            return utf8("n,a=" + authid + ",\u0001" + (host == null || host.isEmpty() ? "" : "host=" + host + "\u0001")
                    + (port > 0 ? "port=" + port + "\u0001" : "") + "auth=Bearer " + password + "\u0001\u0001");
        }

        @Override
        public void input(byte[] challenge) throws SaslException {
            if (!sent) {
                if (challenge.length > 0) {
                    throw new SaslException("Server sent non-empty initial response");
                }
                return;
            }
            if (challenge.length == 0) {
                return; // authentication has succeeded
            }
            throw new SaslException(failure(new String(challenge, StandardCharsets.UTF_8)));
        }

        /** The status the server's JSON object names, as mech_oauthbearer_input() reports it. */
        static String failure(String json) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(json);
                if (n == null || !n.isObject()) {
                    return "Error parsing JSON reply: the reply is not an object";
                }
                com.fasterxml.jackson.databind.JsonNode status = n.get("status");
                if (status == null) {
                    return "Error parsing JSON reply: Status value missing";
                }
                if (!status.isTextual() && !status.isNumber()) {
                    return "Status field in response is not a string or a number.";
                }
                return "Failed to authenticate: " + status.asText();
            } catch (java.io.IOException e) {
                return "Error parsing JSON reply: " + e.getMessage();
            }
        }
    }
}
