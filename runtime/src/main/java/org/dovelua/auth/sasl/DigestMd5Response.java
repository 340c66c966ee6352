package org.dovelua.auth.sasl;

import java.util.List;
import java.util.Locale;

/**
 * A DIGEST-MD5 client response as mech-digest-md5.c's {@code parse_digest_response()} and
 * {@code auth_handle_response()} read it: the first failing directive's error (or a failure
 * without one, as for an empty message), the values kept, nc and qop defaulted.
 */
public record DigestMd5Response(boolean failed, String error, String realm, String username, String cnonce,
        String nonceCount, String qop, String digestUri, String response, String authzid) {
    private static final List<String> QOP_NAMES = List.of("auth", "auth-int", "auth-conf");

    /** Parses {@code data} against the server's {@code nonce}. */
    public static DigestMd5Response parse(String data, String nonce) {
        Builder b = new Builder();
        if (data.isEmpty()) {
            b.error = "Client sent no input";
            return b.done(true);
        }
        for (DigestMd5.Directive d : DigestMd5.parse(data)) {
            if (!b.handle(d.key().toLowerCase(Locale.ROOT), d.value(), nonce)) {
                return b.done(true);
            }
        }
        if (!b.nonceFound) {
            b.error = "Missing nonce parameter";
        } else if (b.cnonce == null) {
            b.error = "Missing cnonce parameter";
        } else if (b.username == null) {
            b.error = "Missing username parameter";
        }
        return b.done(b.error != null);
    }

    private static final class Builder {
        String error;
        String realm;
        String username;
        String cnonce;
        String nc;
        String qopValue;
        int qop = 1; // QOP_AUTH: the only one the challenge offers
        String uri;
        long maxbuf;
        String response;
        String authzid;
        boolean nonceFound;

        DigestMd5Response done(boolean failed) {
            return new DigestMd5Response(failed, error, realm, username, cnonce, nc == null ? "00000001" : nc,
                    qopValue == null ? "auth" : qopValue, uri, response, authzid);
        }

        /** {@code auth_handle_response()}: false (with the error, or none) to stop. */
        boolean handle(String key, String value, String nonce) {
            switch (key) {
                case "realm":
                    if (realm == null && !value.isEmpty()) {
                        realm = value;
                    }
                    return true;
                case "username":
                    if (username != null) {
                        error = "username must not exist more than once";
                        return false;
                    }
                    if (value.isEmpty()) {
                        error = "empty username";
                        return false;
                    }
                    username = value;
                    return true;
                case "nonce":
                    if (!value.equals(nonce)) {
                        error = "Invalid nonce";
                        return false;
                    }
                    nonceFound = true;
                    return true;
                case "cnonce":
                    if (cnonce != null) {
                        error = "cnonce must not exist more than once";
                        return false;
                    }
                    if (value.isEmpty()) {
                        error = "cnonce can't contain empty value";
                        return false;
                    }
                    cnonce = value;
                    return true;
                case "nc":
                    if (nc != null) {
                        error = "nonce-count must not exist more than once";
                        return false;
                    }
                    long count = ScramClient.uint(value);
                    if (count < 0) {
                        error = "nonce-count value invalid";
                        return false;
                    }
                    if (count != 1) {
                        error = "re-auth not supported currently";
                        return false;
                    }
                    nc = value;
                    return true;
                case "qop":
                    int i = 0;
                    while (i < QOP_NAMES.size() && !QOP_NAMES.get(i).equalsIgnoreCase(value)) {
                        i++;
                    }
                    if (i == QOP_NAMES.size()) {
                        error = "Unknown QoP value: " + (value.length() > 32 ? value.substring(0, 29) + "..." : value);
                        return false;
                    }
                    qop &= 1 << i;
                    if (qop == 0) {
                        error = "Nonallowed QoP requested";
                        return false;
                    }
                    qopValue = value;
                    return true;
                case "digest-uri":
                    // t_strsplit(value, "/"): at least two parts
                    if (value.indexOf('/') < 0) {
                        error = "Invalid digest-uri";
                        return false;
                    }
                    uri = value;
                    return true;
                case "maxbuf":
                    if (maxbuf != 0) {
                        error = "maxbuf must not exist more than once";
                        return false;
                    }
                    long m = value.matches("[0-9]{1,19}") ? Long.parseLong(value) : 0;
                    if (m == 0) {
                        error = "Invalid maxbuf value";
                        return false;
                    }
                    maxbuf = m;
                    return true;
                case "charset":
                    if (!value.equalsIgnoreCase("utf-8")) {
                        error = "Only utf-8 charset is allowed";
                        return false;
                    }
                    return true;
                case "response":
                    if (value.length() != 32) {
                        error = "Invalid response value";
                        return false;
                    }
                    response = value;
                    return true;
                case "authzid":
                    if (authzid != null) {
                        error = "authzid must not exist more than once";
                        return false;
                    }
                    if (value.isEmpty()) {
                        error = "empty authzid";
                        return false;
                    }
                    authzid = value;
                    return true;
                default:
                    return true; // cipher and unknown directives are ignored
            }
        }
    }
}
