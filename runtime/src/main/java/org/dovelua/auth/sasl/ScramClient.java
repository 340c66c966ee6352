package org.dovelua.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dovelua.auth.scheme.Scram;
import org.dovelua.lib.Digests;
import org.dovelua.lib.DovecotBase64;

/**
 * lib-sasl mech-scram.c over lib-auth auth-scram-client.c: client-first, then client-final with
 * the proof. Without channel binding the GS2 flag is "n" (doveadm's non-PLUS mechanisms; the
 * -PLUS ones would need a TLS channel doveadm's auth connection does not have).
 */
final class ScramClient extends SaslClient {
    /** SCRAM_MAX_ITERATE_COUNT: the most iterations the client accepts. */
    static final int MAX_ITERATE_COUNT = 128 * 4096;

    private final Scram scram;
    private final RandomGenerator random;
    private int state;
    private String nonce;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private byte[] salt;
    private int iter;
    /** The -PLUS variants' channel binding data (null without). */
    private byte[] cbindData;
    /** SSL_CHANNEL_BIND_TYPE_TLS_EXPORTER: doveadm enables channel binding as TLS 1.3's. */
    static final String CBIND_TYPE = "tls-exporter";

    /** The channel binding data the client would hand the server (its CBIND request), or null. */
    @Override
    public byte[] channelBindingData() {
        return cbindData;
    }

    ScramClient(String name, String authid, String authzid, String password, RandomGenerator random) {
        super(name, authid, authzid, password);
        this.scram = name.startsWith("SCRAM-SHA-256") ? Scram.SHA256 : Scram.SHA1;
        this.random = random;
    }

    @Override
    public byte[] output() throws SaslException {
        requireCredentials();
        if (state == 0) {
            state = 1;
            return clientFirst().getBytes(StandardCharsets.UTF_8);
        }
        state = 3;
        return clientFinal().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code auth_scram_get_client_first()}. */
    String clientFirst() {
        nonce = ScramMessages.nonce(random);
        String z = authzid == null || authzid.isEmpty() ? "" : "a=" + ScramMessages.escape(authzid);
        if (name.endsWith("-PLUS")) {
            // mech_scram_init_channel_binding(): TLS 1.3's type; doveadm-auth.c auth_channel_bind_callback()
            // makes up 64 random bytes, and gives the server the same when it asks
            cbindData = new byte[64];
            random.nextBytes(cbindData);
            gs2Header = "p=" + CBIND_TYPE + "," + z + ",";
        } else {
            gs2Header = "n," + z + ",";
        }
        clientFirstBare = "n=" + ScramMessages.escape(authid) + ",r=" + nonce;
        return gs2Header + clientFirstBare;
    }

    @Override
    public void input(byte[] challenge) throws SaslException {
        if (state == 1) {
            parseServerFirst(new String(challenge, StandardCharsets.UTF_8));
            state = 2;
        } else if (state == 3) {
            state = 4; // server-final: doveadm reads OK's data without checking it
        } else {
            throw new SaslException("Server didn't finish authentication");
        }
    }

    /** {@code auth_scram_parse_server_first()}. */
    void parseServerFirst(String msg) throws SaslException {
        List<String> fields = ScramMessages.split(msg);
        if (fields.size() < 3) {
            throw new SaslException("Invalid first server message");
        }
        String n = fields.get(0);
        String s = fields.get(1);
        String i = fields.get(2);
        if (n.startsWith("m")) {
            throw new SaslException("Mandatory extension(s) not supported");
        }
        if (!n.startsWith("r=")) {
            throw new SaslException("Invalid nonce field in first server message");
        }
        if (!n.substring(2).startsWith(nonce)) {
            throw new SaslException("Incorrect nonce in first server message");
        }
        if (!s.startsWith("s=")) {
            throw new SaslException("Invalid salt field in first server message");
        }
        byte[] decoded = DovecotBase64.decode(s.substring(2).getBytes(StandardCharsets.ISO_8859_1));
        if (decoded == null) {
            throw new SaslException("Invalid base64 encoding for salt field in first server message");
        }
        long count = i.startsWith("i=") ? uint(i.substring(2)) : -1;
        if (count < 0) {
            throw new SaslException("Invalid iteration count field in first server message");
        }
        if (count > MAX_ITERATE_COUNT) {
            throw new SaslException("Iteration count out of range in first server message");
        }
        serverFirst = msg;
        nonce = n.substring(2);
        salt = decoded;
        iter = (int) count;
    }

    /** {@code auth_scram_get_client_final()}: c=, r=, then p= (RFC 5802 section 3). */
    String clientFinal() {
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] cbindInput = header;
        if (cbindData != null) {
            cbindInput = java.util.Arrays.copyOf(header, header.length + cbindData.length);
            System.arraycopy(cbindData, 0, cbindInput, header.length, cbindData.length);
        }
        String withoutProof = "c=" + DovecotBase64.encode(cbindInput) + ",r=" + nonce;
        byte[] salted = Digests.pbkdf2(scram.hmac(), password.getBytes(StandardCharsets.UTF_8), salt, iter, scram.size());
        byte[] clientKey = Digests.hmac(scram.hmac(), salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = Digests.digest(scram.digest(), clientKey);
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = Digests.hmac(scram.hmac(), storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int k = 0; k < proof.length; k++) {
            proof[k] = (byte) (clientKey[k] ^ signature[k]);
        }
        return withoutProof + ",p=" + DovecotBase64.encode(proof);
    }

    /** {@code str_to_uint()}: -1 unless digits only and within 32 bits. */
    static long uint(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long v = Long.parseLong(s);
        return v > 0xffffffffL ? -1 : v;
    }
}
