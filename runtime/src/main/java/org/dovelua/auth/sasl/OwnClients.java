package org.dovelua.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The client mechanisms dovelua speaks itself where doveadm has none (case files and the Java
 * API's {@code mech}): CRAM-MD5 (RFC 2195) and DIGEST-MD5 (RFC 2831), as a mail client sends them.
 */
public final class OwnClients {
    private OwnClients() {
    }

    /** lib-sasl's client mechanism, else dovelua's own CRAM-MD5 or DIGEST-MD5; null for another name. */
    public static SaslClient find(String mech, String authid, String authzid, String password, String service,
            RandomGenerator random) {
        if (mech.equalsIgnoreCase("OAUTHBEARER") || mech.equalsIgnoreCase("XOAUTH2")) {
            return new MailOAuthClient(mech.toUpperCase(java.util.Locale.ROOT), authid, password);
        }
        SaslClient c = SaslClient.find(mech, authid, authzid, password, random);
        if (c != null) {
            return c;
        }
        if (mech.equalsIgnoreCase("CRAM-MD5")) {
            return new CramMd5Client(authid, password);
        }
        if (mech.equalsIgnoreCase("DIGEST-MD5")) {
            return new DigestMd5Client(authid, authzid, password, service, random);
        }
        return null;
    }

    /**
     * OAUTHBEARER and XOAUTH2 as a mail client speaks them: a rejected token's JSON status is
     * acknowledged (RFC 7628 section 3.2.3: a single %x01; XOAUTH2: an empty response) so the server
     * can fail the request, where doveadm's lib-sasl client gives up at once.
     */
    static final class MailOAuthClient extends SaslClient.OAuthBearer {
        private boolean rejected;

        MailOAuthClient(String name, String authid, String password) {
            super(name, authid, password);
        }

        @Override
        public byte[] output() throws SaslException {
            if (rejected) {
                return name.equals("XOAUTH2") ? new byte[0] : new byte[] {1};
            }
            return super.output();
        }

        @Override
        public void input(byte[] challenge) throws SaslException {
            if (challenge.length > 0 && !rejected && challenge[0] == '{') {
                rejected = true;
                return;
            }
            super.input(challenge);
        }
    }

    /** RFC 2195: no initial response, then {@code user SP hex(HMAC-MD5(password, challenge))}. */
    static final class CramMd5Client extends SaslClient {
        @Override
        public boolean initialResponse() {
            return false;
        }

        private byte[] challenge;

        CramMd5Client(String authid, String password) {
            super("CRAM-MD5", authid, null, password);
        }

        @Override
        public byte[] output() {
            if (challenge == null) {
                return new byte[0];
            }
            return cramMd5Response(challenge);
        }

        @Override
        public void input(byte[] data) throws SaslException {
            if (challenge != null) {
                throw new SaslException("Server didn't finish authentication");
            }
            challenge = data;
        }
    }

    /**
     * RFC 2831 section 2.1.2: the challenge's realm (the first) and nonce, qop=auth, a random cnonce,
     * nc=00000001, digest-uri {@code <service>/localhost}; then the server's rspauth is read.
     */
    static final class DigestMd5Client extends SaslClient {
        @Override
        public boolean initialResponse() {
            return false;
        }

        private final String service;
        private final RandomGenerator random;
        private Map<String, String> challenge;
        private int state;

        DigestMd5Client(String authid, String authzid, String password, String service, RandomGenerator random) {
            super("DIGEST-MD5", authid, authzid, password);
            this.service = service;
            this.random = random;
        }

        @Override
        public byte[] output() {
            if (challenge == null) {
                return new byte[0];
            }
            if (state > 1) {
                return new byte[0];
            }
            state = 2;
            String realm = challenge.getOrDefault("realm", "");
            String nonce = challenge.getOrDefault("nonce", "");
            String cnonce = DigestMd5.cnonce(random);
            String uri = service + "/localhost";
            byte[] h = DigestMd5.credentials(authid, realm, password);
            String z = authzid == null || authzid.isEmpty() ? null : authzid;
            String response = DigestMd5.response(h, nonce, "00000001", cnonce, "auth", uri, z, false);
            StringBuilder sb = new StringBuilder();
            sb.append("username=").append(DigestMd5.quote(authid));
            if (!realm.isEmpty()) {
                sb.append(",realm=").append(DigestMd5.quote(realm));
            }
            sb.append(",nonce=").append(DigestMd5.quote(nonce)).append(",cnonce=").append(DigestMd5.quote(cnonce))
                    .append(",nc=00000001,qop=auth,digest-uri=").append(DigestMd5.quote(uri))
                    .append(",response=").append(response).append(",charset=utf-8");
            if (z != null) {
                sb.append(",authzid=").append(DigestMd5.quote(z));
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void input(byte[] data) throws SaslException {
            if (challenge == null) {
                challenge = DigestMd5.challenge(data);
                state = 1;
                return;
            }
            if (state == 3) {
                throw new SaslException("Server didn't finish authentication");
            }
            state = 3; // rspauth
        }
    }
}
