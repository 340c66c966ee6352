package org.dovelua.lua.http;

/**
 * What one TLS handshake with a server was, as far as lib-ssl-iostream's lines depend on it: the
 * negotiated protocol and cipher suite (JSSE's names), the server certificate's subject
 * ({@code X509_NAME_oneline}) and, when the certificate was not trusted, lib-ssl-iostream's error
 * for it (null: trusted). {@link TlsTrust} records one per server as the handshake checks it.
 */
record TlsHandshake(String protocol, String cipherSuite, String subject, String refusal) {
    /** TLS 1.3's handshake and its session tickets after it (RFC 8446); 1.2 and before share the other one. */
    boolean tls13() {
        return "TLSv1.3".equals(protocol);
    }

    /**
     * TLS 1.2 with an ephemeral (EC)DHE key exchange: the server sends a ServerKeyExchange
     * (RFC 5246 7.4.3), which RSA key transport has none of.
     */
    boolean serverKeyExchange() {
        return cipherSuite != null && (cipherSuite.startsWith("TLS_ECDHE_") || cipherSuite.startsWith("TLS_DHE_"));
    }

    /** The same handshake with its certificate refused for {@code error}. */
    TlsHandshake withRefusal(String error) {
        return new TlsHandshake(protocol, cipherSuite, subject, error);
    }
}
