package org.dovelua.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * lib-sasl's CRAM-MD5 and DIGEST-MD5 client mechanisms (2.4.2+, {@code Since.DOVEADM_SASL_CRAM_DIGEST}:
 * commits 60c9025598 dsasl-client-mech-cram-md5.c, ff03ede33e dsasl-client-mech-digest-md5.c), as
 * doveadm auth test/login -A drive them. Unlike a mail client's ({@link OwnClients}) both give an
 * initial response (empty), and DIGEST-MD5's digest-uri is {@code <protocol>/<host>}.
 */
public final class LibSaslMd5Clients {
    private LibSaslMd5Clients() {
    }

    /**
     * The client for {@code mech}, or null when it is neither. {@code protocol} is doveadm's
     * {@code -x protocol=} as cmd_auth_init_sasl_client() translates it (pop3: pop, submission and
     * lmtp: smtp).
     */
    public static SaslClient find(String mech, String authid, String authzid, String password, String protocol,
            RandomGenerator random) {
        if (mech.equalsIgnoreCase("CRAM-MD5")) {
            return new CramMd5(authid, password);
        }
        if (mech.equalsIgnoreCase("DIGEST-MD5")) {
            String p = protocol.equalsIgnoreCase("POP3") ? "pop"
                    : protocol.equalsIgnoreCase("Submission") || protocol.equalsIgnoreCase("LMTP") ? "smtp" : protocol;
            return new DigestMd5Client(authid, authzid, password, p, random);
        }
        return null;
    }

    /** dsasl-client-mech-cram-md5.c: an empty first output, then {@code authid SP hex(HMAC-MD5)}. */
    static final class CramMd5 extends SaslClient {
        private byte[] challenge;

        CramMd5(String authid, String password) {
            super("CRAM-MD5", authid, null, password);
        }

        @Override
        public byte[] output() throws SaslException {
            requireCredentials();
            if (challenge == null) {
                return new byte[0];
            }
            return cramMd5Response(challenge);
        }

        @Override
        public void input(byte[] data) throws SaslException {
            // mech_cram_md5_input(): "<...>" of printable characters, at least 5 bytes
            if (data.length == 0) {
                throw new SaslException("Server sent empty challenge");
            }
            if (data[0] != '<') {
                throw new SaslException("Server sent invalid challenge begin");
            }
            for (int i = 1; i + 1 < data.length; i++) {
                if ((data[i] & 0xff) <= 32 || data[i] == 127 || data[i] == '>') {
                    throw new SaslException("Server sent invalid challenge");
                }
            }
            if (data[data.length - 1] != '>' || data.length < 2) {
                throw new SaslException("Server sent invalid challenge end");
            }
            if (data.length < 5) {
                throw new SaslException("Server sent invalid challenge");
            }
            challenge = data.clone();
        }
    }

    /**
     * dsasl-client-mech-digest-md5.c: the authid's last {@code @} splits off the realm; the response
     * is {@code realm="",username="",nonce="",cnonce="",nc=00000001,qop=auth,digest-uri="",
     * charset="utf-8",response=""} (and {@code authzid=""}); the server's rspauth ends it.
     */
    static final class DigestMd5Client extends SaslClient {
        private final String protocol;
        private final RandomGenerator random;
        private Map<String, String> challenge;
        private boolean answered;

        DigestMd5Client(String authid, String authzid, String password, String protocol, RandomGenerator random) {
            super("DIGEST-MD5", authid, authzid, password);
            this.protocol = protocol;
            this.random = random;
        }

        @Override
        public byte[] output() throws SaslException {
            requireCredentials();
            if (challenge == null || answered) {
                return new byte[0];
            }
            answered = true;
            int at = authid.lastIndexOf('@');
            String username = at < 0 ? authid : authid.substring(0, at);
            String realm = at < 0 ? "" : authid.substring(at + 1);
            String nonce = challenge.getOrDefault("nonce", "");
            String cnonce = DigestMd5.cnonce(random);
            String uri = protocol + "/" + (host == null ? "localhost" : host);
            String response = DigestMd5.response(DigestMd5.credentials(username, realm, password), nonce, "00000001",
                    cnonce, "auth", uri, authzid, false);
            StringBuilder sb = new StringBuilder("realm=").append(DigestMd5.quote(realm))
                    .append(",username=").append(DigestMd5.quote(username))
                    .append(",nonce=\"").append(nonce).append("\",cnonce=\"").append(cnonce)
                    .append("\",nc=00000001,qop=auth,digest-uri=\"").append(uri).append("\",charset=\"utf-8\"")
                    .append(",response=\"").append(response).append('"');
            if (authzid != null) {
                sb.append(",authzid=\"").append(authzid).append('"');
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void input(byte[] data) throws SaslException {
            if (challenge == null) {
                challenge = DigestMd5.challenge(data);
                return;
            }
            if (data.length == 0) {
                throw new SaslException("Empty server confirmation"); // mech_digest_md5_input_final()
            }
        }
    }
}
