package org.dovelua.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dovelua.auth.scheme.Scram;
import org.dovelua.lib.Digests;
import org.dovelua.lib.DovecotBase64;

/**
 * The server side of SCRAM (lib-auth auth-scram-server.c, driven by src/auth/mech-scram.c):
 * client-first's parse, server-first from the credentials' key data, client-final's parse and the
 * proof's check, server-final's verifier. Errors carry the library's texts, which mech-scram.c logs.
 */
public final class ScramServer {
    /** enum auth_scram_cbind_server_support: whether the -PLUS variant is registered beside this one. */
    public enum ChannelBinding { NONE, AVAILABLE, REQUIRED }

    /** A SCRAM protocol violation: the text mech-scram.c logs. */
    public static class ScramError extends Exception {
        public ScramError(String message) {
            super(message, null, false, false);
        }
    }

    /** client-first's names: the authentication identity, and the authorization one (null when absent). */
    public record ClientFirst(String username, String loginUsername) {
    }

    private final Scram scram;
    private final ChannelBinding cbind;
    private String gs2Header;
    private String clientFirstBare;
    private String cnonce;
    private String snonce;
    private String serverFirst;
    private String finalWithoutProof;
    private byte[] proof;
    private Scram.Key key;
    private String cbindType;

    /** The channel binding type client-first asked for ({@code p=TYPE}), or null. */
    public String channelBindingType() {
        return cbindType;
    }

    public ScramServer(Scram scram, ChannelBinding cbind) {
        this.scram = scram;
        this.cbind = cbind;
    }

    /** {@code auth_scram_parse_client_first()}. */
    public ClientFirst clientFirst(String data) throws ScramError {
        int p = data.indexOf(',');
        if (p < 0) {
            throw new ScramError("Invalid initial client message: Missing first ',' in GS2 header");
        }
        String flag = data.substring(0, p);
        int q = data.indexOf(',', p + 1);
        if (q < 0) {
            throw new ScramError("Invalid initial client message: Missing second ',' in GS2 header");
        }
        String authzid = data.substring(p + 1, q);
        String header = data.substring(0, q + 1);
        String bare = data.substring(q + 1);
        List<String> fields = ScramMessages.split(bare);
        if (fields.size() < 2) {
            throw new ScramError("Invalid initial client message: Missing nonce field");
        }
        String username = fields.get(0);
        String nonce = fields.get(1);
        switch (flag.isEmpty() ? '\0' : flag.charAt(0)) {
            case 'p':
                if (flag.length() < 3 || flag.charAt(1) != '=') {
                    throw new ScramError("Invalid GS2 header");
                }
                if (cbind == ChannelBinding.NONE) {
                    throw new ScramError("Channel binding not supported");
                }
                cbindType = flag.substring(2); // auth_request_start_channel_binding()
                break;
            case 'y':
                if (cbind != ChannelBinding.NONE) {
                    throw new ScramError("Potential downgrade attack detected");
                }
                break;
            case 'n':
                if (cbind == ChannelBinding.REQUIRED) {
                    throw new ScramError("Channel binding required");
                }
                break;
            default:
                throw new ScramError("Invalid GS2 header");
        }
        String login = null;
        if (!authzid.isEmpty()) {
            if (!authzid.startsWith("a=")) {
                throw new ScramError("Invalid authzid field");
            }
            login = ScramMessages.unescape(authzid.substring(2));
            if (login == null) {
                throw new ScramError("authzid escaping is invalid");
            }
        }
        if (username.startsWith("m")) {
            throw new ScramError("Mandatory extension(s) not supported");
        }
        if (!username.startsWith("n=")) {
            throw new ScramError("Invalid username field");
        }
        String user = ScramMessages.unescape(username.substring(2));
        if (user == null) {
            throw new ScramError("Username escaping is invalid");
        }
        if (!nonce.startsWith("r=")) {
            throw new ScramError("Invalid client nonce");
        }
        cnonce = nonce.substring(2);
        gs2Header = header;
        clientFirstBare = bare;
        return new ClientFirst(user, login);
    }

    /** {@code auth_scram_get_server_first()}: r=cnonce+snonce, the stored salt as is, the iteration count. */
    public String serverFirst(Scram.Key key, RandomGenerator random) {
        this.key = key;
        snonce = ScramMessages.nonce(random);
        serverFirst = "r=" + cnonce + snonce + ",s=" + key.salt() + ",i=" + key.iter();
        return serverFirst;
    }

    /** {@code auth_scram_parse_client_final()}, then {@code auth_scram_server_verify_credentials()}. */
    public void clientFinal(String data, byte[] cbindData) throws ScramError {
        List<String> fields = ScramMessages.split(data);
        if (fields.size() < 3) {
            throw new ScramError("Invalid final client message");
        }
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        if (gs2Header.charAt(0) == 'p') {
            // auth_request_accept_channel_binding(): the data the client's CBIND answer carried
            if (cbindData == null) {
                throw new ScramError("Channel binding failed");
            }
            byte[] joined = java.util.Arrays.copyOf(header, header.length + cbindData.length);
            System.arraycopy(cbindData, 0, joined, header.length, cbindData.length);
            header = joined;
        }
        String cbindInput = "c=" + DovecotBase64.encode(header);
        if (!fields.get(0).equals(cbindInput)) {
            throw new ScramError("Invalid channel binding data");
        }
        if (!fields.get(1).equals("r=" + cnonce + snonce)) {
            throw new ScramError("Wrong nonce");
        }
        String last = fields.get(fields.size() - 1);
        if (!last.startsWith("p")) {
            throw new ScramError("Invalid ClientProof");
        }
        byte[] decoded = DovecotBase64.decode(last.substring(Math.min(2, last.length())).getBytes(StandardCharsets.ISO_8859_1));
        if (decoded == null) {
            throw new ScramError("Invalid base64 encoding");
        }
        if (decoded.length != scram.size()) {
            throw new ScramError("Invalid ClientProof length");
        }
        proof = decoded;
        finalWithoutProof = String.join(",", fields.subList(0, fields.size() - 1));
        if (!verify()) {
            throw new PasswordMismatch();
        }
    }

    /** AUTH_SCRAM_SERVER_ERROR_VERIFICATION_FAILED: logged as AUTH_LOG_MSG_PASSWORD_MISMATCH. */
    public static final class PasswordMismatch extends ScramError {
        PasswordMismatch() {
            super("Password mismatch");
        }
    }

    private String authMessage() {
        return clientFirstBare + "," + serverFirst + "," + finalWithoutProof;
    }

    private boolean verify() {
        byte[] signature = Digests.hmac(scram.hmac(), key.storedKey(), authMessage().getBytes(StandardCharsets.UTF_8));
        byte[] clientKey = new byte[signature.length];
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        return MessageDigest.isEqual(Digests.digest(scram.digest(), clientKey), key.storedKey());
    }

    /** {@code auth_scram_get_server_final()}: {@code v=} ServerSignature. */
    public String serverFinal() {
        return "v=" + DovecotBase64.encode(Digests.hmac(scram.hmac(), key.serverKey(), authMessage().getBytes(StandardCharsets.UTF_8)));
    }
}
