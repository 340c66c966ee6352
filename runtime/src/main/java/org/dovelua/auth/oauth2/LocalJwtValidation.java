package org.dovelua.auth.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dovelua.lib.DovecotBase64;
import org.dovelua.lib.TabEscape;

/**
 * lib-oauth2 oauth2-jwt.c {@code oauth2_try_parse_jwt()}: a JWT's header and body decoded, its
 * times, issuer, audience and scope checked, its signature verified with a key from the
 * {@code oauth2_local_validation} dict ({@code shared/<azp>/<alg>/<kid>}), then its claims copied
 * as fields (nested objects as {@code parent_child}, arrays as tab-joined values).
 */
public final class LocalJwtValidation {
    /** The dict the keys come from: the value for a key, null when there is none. */
    public interface KeyDict {
        String lookup(String key) throws KeyDictException;
    }

    /** A dict lookup that failed ({@code dict_lookup() < 0}): its error text. */
    public static final class KeyDictException extends Exception {
        public KeyDictException(String message) {
            super(message, null, false, false);
        }
    }

    /** Why the token is refused (the error oauth2_try_parse_jwt() returns). */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code i_assert(set->key_dict != NULL)}: local validation without an oauth2_local_validation dict. */
    public static final class NoKeyDict extends RuntimeException {
        public static final String PANIC =
                "file oauth2-jwt.c: line 590 (oauth2_try_parse_jwt): assertion failed: (set->key_dict != NULL)";

        NoKeyDict() {
            super(PANIC, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuth2Settings set;
    private final KeyDict keys;
    private final LongSupplier clock;
    private final boolean graceAndSkew;
    /** oauth2-key-cache.c: keys by {@code azp.alg.kid}, kept for the process's life. */
    private final Map<String, byte[]> hmacKeys = new HashMap<>();
    private final Map<String, PublicKey> publicKeys = new HashMap<>();

    /** @param graceAndSkew 2.4.2's grace after exp and 1s skew, with the values in the errors */
    public LocalJwtValidation(OAuth2Settings set, KeyDict keys, LongSupplier clock, boolean graceAndSkew) {
        this.set = set;
        this.keys = keys;
        this.clock = clock;
        this.graceAndSkew = graceAndSkew;
    }

    /** The token's fields, in the order oauth2_jwt_copy_fields() adds them. */
    public Map<String, String> validate(String token) throws Refused {
        if (keys == null) {
            throw new NoKeyDict();
        }
        String[] blobs = token.split("\\.", -1);
        if (blobs.length != 3) {
            throw new Refused("Not a JWT token");
        }
        byte[] header = decode(blobs[0]);
        if (header.length == 0) {
            throw new Refused("Not a JWT token");
        }
        JsonNode headerTree = tree(header);
        String alg = scalar(headerTree, "alg");
        String kid = scalar(headerTree, "kid");
        if (alg == null) {
            throw new Refused("Cannot find 'alg' field");
        }
        alg = alg.toUpperCase(Locale.ROOT); // t_str_ucase()
        if (kid == null) {
            kid = "default";
        } else if (kid.isEmpty()) {
            throw new Refused("'kid' field is empty");
        } else {
            kid = escapeIdentifier(kid);
        }
        JsonNode body = tree(decode(blobs[1]));
        return body(alg, kid, body, blobs);
    }

    /** {@code t_base64url_decode_str(BASE64_DECODE_FLAG_NO_PADDING, ...)}: what decodes before an error. */
    static byte[] decode(String blob) {
        return DovecotBase64.decodeIgnoringErrors(DovecotBase64.Scheme.BASE64URL, DovecotBase64.NO_PADDING,
                blob.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static JsonNode tree(byte[] json) throws Refused {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new Refused("Invalid JSON: Premature end of input");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // json_tree_read_buffer()'s parser error; lib-json's exact text is not emulated
            throw new Refused("Invalid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new Refused("Invalid JSON: " + e.getMessage());
        }
    }

    /** {@code get_field()}: a member that is neither object nor array, as a string. */
    static String scalar(JsonNode tree, String key) {
        JsonNode v = tree.isObject() ? tree.get(key) : null;
        if (v == null || v.isObject() || v.isArray()) {
            return null;
        }
        return asString(v);
    }

    /** {@code json_tree_node_as_str()}: literals as written, strings unquoted. */
    static String asString(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNull()) {
            return "null";
        }
        return v.toString();
    }

    /** {@code get_field_multiple()}: an array's scalar entries tab-escaped and tab-joined. */
    private static String multiple(JsonNode tree, String key) {
        JsonNode v = tree.isObject() ? tree.get(key) : null;
        if (v == null || v.isObject()) {
            return null;
        }
        if (!v.isArray()) {
            return asString(v);
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode e : v) {
            if (e.isObject() || e.isArray()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\t');
            }
            out.append(TabEscape.escape(asString(e)));
        }
        return out.toString();
    }

    /** {@code get_time_field()}: 0 absent, 1 found, -1 malformed. */
    private static int time(JsonNode tree, String key, long[] out) {
        JsonNode v = tree.isObject() ? tree.get(key) : null;
        if (v == null || v.isObject() || v.isArray()) {
            return 0;
        }
        if (v.isNumber()) {
            if (!v.canConvertToLong() || v.isFloatingPointNumber() || v.asLong() < 0) {
                return -1;
            }
            out[0] = v.asLong();
            return 1;
        }
        Long t = Iso8601.parse(asString(v));
        if (t == null || t < 0) {
            return -1;
        }
        out[0] = t;
        return 1;
    }

    /** {@code escape_identifier()}: '/' and '%' as %2f and %25. */
    static String escapeIdentifier(String id) {
        return id.replace("%", "%25").replace("/", "%2f");
    }

    private Map<String, String> body(String alg, String kid, JsonNode tree, String[] blobs) throws Refused {
        String sub = scalar(tree, "sub");
        long t0 = clock.getAsLong();
        long[] v = new long[1];
        if (sub == null) {
            throw new Refused("Missing 'sub' field");
        }
        int ret = time(tree, "exp", v);
        if (ret < 1) {
            throw new Refused((ret == 0 ? "Missing" : "Malformed") + " 'exp' field");
        }
        long exp = v[0];
        ret = time(tree, "nbf", v);
        if (ret < 0) {
            throw new Refused("Malformed 'nbf' field");
        }
        long nbf = ret == 0 || v[0] == 0 ? t0 : v[0];
        ret = time(tree, "iat", v);
        if (ret < 0) {
            throw new Refused("Malformed 'iat' field");
        }
        long iat = ret == 0 || v[0] == 0 ? t0 : v[0];
        if (graceAndSkew) {
            // 2.4.2: one second of skew, and oauth2_token_expire_grace after exp
            if (nbf > t0 + 1) {
                throw new Refused("Token is not valid yet (nbf=" + nbf + " > " + (t0 + 1) + ")");
            }
            if (iat > t0 + 1) {
                throw new Refused("Token is issued in future (iat=" + iat + " > " + (t0 + 1) + ")");
            }
            if (exp < t0 - set.tokenExpireGraceSecs) {
                throw new Refused("Token has expired (exp=" + exp + " < " + t0 + " - grace " + set.tokenExpireGraceSecs
                        + ")");
            }
        } else {
            if (nbf > t0) {
                throw new Refused("Token is not valid yet");
            }
            if (iat > t0) {
                throw new Refused("Token is issued in future");
            }
            if (exp < t0) {
                throw new Refused("Token has expired");
            }
        }
        if (exp < iat || exp < nbf) {
            throw new Refused("Token time values are conflicting");
        }
        String iss = scalar(tree, "iss");
        if (!set.issuers.isEmpty()) {
            if (iss == null) {
                throw new Refused("Token is missing 'iss' field");
            }
            if (!set.issuers.contains(iss)) {
                throw new Refused("Issuer '" + sanitize(iss, 128) + "' is not allowed");
            }
        }
        String aud = multiple(tree, "aud");
        if (!set.clientId.isEmpty()) {
            if (aud == null) {
                throw new Refused("client_id set but aud is missing");
            }
            if (!TabEscape.split(aud).contains(set.clientId)) {
                throw new Refused("client_id not found in aud field");
            }
        }
        String gotScope = scalar(tree, "scope");
        String reqScope = set.scopeJoined();
        if (!reqScope.isEmpty()) {
            if (gotScope == null) {
                throw new Refused("scope set but not found in token");
            }
            if (!checkScope(reqScope, gotScope)) {
                throw new Refused("configured scope '" + reqScope + "' missing from token scope '" + gotScope + "'");
            }
        }
        String azp = scalar(tree, "azp");
        azp = azp == null ? "default" : escapeIdentifier(azp);
        validateSignature(azp, alg, kid, blobs);
        return copyFields(tree);
    }

    /** {@code check_scope()}: every wanted scope (split on space and comma) in the token's, ignoring case. */
    private static boolean checkScope(String req, String got) {
        List<String> have = new ArrayList<>();
        for (String g : got.split("[ ,]+")) {
            if (!g.isEmpty()) {
                have.add(g.toLowerCase(Locale.ROOT));
            }
        }
        for (String r : req.split("[ ,]+")) {
            if (!r.isEmpty() && !have.contains(r.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** {@code str_sanitize_utf8(s, max)}: control characters as '?', cut to max with "...". */
    private static String sanitize(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        String out = b.toString();
        return out.length() > max ? out.substring(0, max - 3) + "..." : out;
    }

    private void validateSignature(String azp, String alg, String kid, String[] blobs) throws Refused {
        if (alg.startsWith("HS")) {
            hmac(azp, alg, kid, blobs);
        } else if (alg.startsWith("RS") || alg.startsWith("PS") || alg.startsWith("ES")) {
            publicKey(azp, alg, kid, blobs);
        } else {
            throw new Refused("Unsupported algorithm '" + alg + "'");
        }
    }

    private String lookupKey(String azp, String alg, String kid) throws Refused {
        String value;
        try {
            value = keys.lookup("shared/" + azp + "/" + alg + "/" + kid);
        } catch (KeyDictException e) {
            throw new Refused(e.getMessage());
        }
        if (value == null) {
            throw new Refused(alg + " key '" + kid + "' not found");
        }
        return value;
    }

    /** {@code oauth2_validate_hmac()}. */
    private void hmac(String azp, String alg, String kid, String[] blobs) throws Refused {
        String method = switch (alg) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> throw new Refused("unsupported algorithm '" + alg + "'");
        };
        String cacheId = azp + "." + alg + "." + kid;
        byte[] key = hmacKeys.get(cacheId);
        if (key == null) {
            key = DovecotBase64.decodeIgnoringErrors(DovecotBase64.Scheme.BASE64, 0,
                    lookupKey(azp, alg, kid).getBytes(StandardCharsets.ISO_8859_1));
            if (key.length == 0) {
                throw new Refused("Invalid base64 encoded key");
            }
            hmacKeys.put(cacheId, key);
        }
        byte[] digest;
        try {
            Mac mac = Mac.getInstance(method);
            mac.init(new SecretKeySpec(key, method));
            digest = mac.doFinal((blobs[0] + "." + blobs[1]).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] theirs = decode(blobs[2]);
        if (!MessageDigest.isEqual(digest, theirs)) {
            throw new Refused("Incorrect JWT signature");
        }
    }

    /** {@code oauth2_validate_rsa_ecdsa()} over dcrypt-openssl. */
    private void publicKey(String azp, String alg, String kid, String[] blobs) throws Refused {
        String bits = alg.substring(2);
        String hash = switch (bits) {
            case "256", "256K" -> "SHA256";
            case "384" -> "SHA384";
            case "512" -> "SHA512";
            default -> throw new Refused("Unsupported algorithm '" + alg + "'");
        };
        byte[] signature = decode(blobs[2]);
        String cacheId = azp + "." + alg + "." + kid;
        PublicKey key = publicKeys.get(cacheId);
        if (key == null) {
            key = loadPublicKey(lookupKey(azp, alg, kid));
            publicKeys.put(cacheId, key);
        }
        String jca;
        byte[] sig = signature;
        if (alg.startsWith("RS")) {
            jca = hash + "withRSA";
        } else if (alg.startsWith("PS")) {
            jca = "RSASSA-PSS";
        } else {
            jca = hash + "withECDSA";
            sig = x962ToDer(signature); // DCRYPT_SIGNATURE_FORMAT_X962: r || s
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(jca);
            if (alg.startsWith("PS")) {
                int len = hash.equals("SHA256") ? 32 : hash.equals("SHA384") ? 48 : 64;
                String h = "SHA-" + hash.substring(3);
                verifier.setParameter(new java.security.spec.PSSParameterSpec(h, "MGF1",
                        new java.security.spec.MGF1ParameterSpec(h), len, 1));
            }
            verifier.initVerify(key);
            verifier.update((blobs[0] + "." + blobs[1]).getBytes(StandardCharsets.UTF_8));
            valid = sig != null && verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new Refused("Bad signature");
        }
    }

    /** {@code dcrypt_key_load_public()} for a PEM public key; "Cannot load key: ..." otherwise. */
    private static PublicKey loadPublicKey(String pem) throws Refused {
        String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new Refused("Cannot load key: invalid key");
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        // dcrypt-openssl's error text (OpenSSL's) is not emulated
        throw new Refused("Cannot load key: unsupported key");
    }

    /** r || s as the DER SEQUENCE Java verifies; null when the length is odd. */
    static byte[] x962ToDer(byte[] rs) {
        if (rs.length == 0 || rs.length % 2 != 0) {
            return null;
        }
        int n = rs.length / 2;
        byte[] r = integer(java.util.Arrays.copyOfRange(rs, 0, n));
        byte[] s = integer(java.util.Arrays.copyOfRange(rs, n, rs.length));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x30);
        length(out, r.length + s.length);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static byte[] integer(byte[] v) {
        int i = 0;
        while (i < v.length - 1 && v[i] == 0) {
            i++;
        }
        boolean pad = (v[i] & 0x80) != 0;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x02);
        length(out, v.length - i + (pad ? 1 : 0));
        if (pad) {
            out.write(0);
        }
        out.write(v, i, v.length - i);
        return out.toByteArray();
    }

    private static void length(java.io.ByteArrayOutputStream out, int len) {
        if (len < 128) {
            out.write(len);
        } else if (len < 256) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        }
    }

    /**
     * {@code oauth2_jwt_copy_fields()}: breadth-first; an object's members as {@code prefix_name}, an
     * array's scalar entries appended (tab-separated) to the field named by the array.
     */
    static Map<String, String> copyFields(JsonNode root) {
        List<String[]> fields = new ArrayList<>(); // name, value
        record Node(String prefix, JsonNode node, boolean array) {}
        java.util.ArrayDeque<Node> nodes = new java.util.ArrayDeque<>();
        nodes.add(new Node("", root, false));
        while (!nodes.isEmpty()) {
            Node sub = nodes.poll();
            List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
            if (sub.node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = sub.node.fields();
                it.forEachRemaining(children::add);
            } else if (sub.node.isArray()) {
                for (JsonNode e : sub.node) {
                    children.add(new java.util.AbstractMap.SimpleEntry<>(null, e));
                }
            }
            for (Map.Entry<String, JsonNode> c : children) {
                JsonNode j = c.getValue();
                String name = c.getKey();
                if (j.isObject() || j.isArray()) {
                    String prefix = name == null ? sub.prefix : sub.prefix + name + "_";
                    nodes.add(new Node(prefix, j, j.isArray()));
                    continue;
                }
                String[] field = null;
                if (sub.array) {
                    int us = sub.prefix.lastIndexOf('_');
                    String n = us >= 0 ? sub.prefix.substring(0, us) : sub.prefix;
                    for (String[] f : fields) {
                        if (f[0].equals(n)) {
                            field = f;
                            break;
                        }
                    }
                    if (field == null) {
                        field = new String[] {n, null};
                        fields.add(field);
                    }
                } else {
                    field = new String[] {sub.prefix + name, null};
                    fields.add(field);
                }
                String value = TabEscape.escape(asString(j));
                field[1] = field[1] == null ? value : field[1] + "\t" + value;
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] f : fields) {
            out.put(f[0], f[1]); // auth_fields_add(): a later field of the same name replaces
        }
        return out;
    }
}
