package org.dovelua.lua.http;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What lib-http's TLS connections trust (lib-ssl-iostream, iostream-openssl-context.c): the system's
 * CAs and the certificates of {@code ssl_client_ca_file} (2.3: the global setting; 2.4: also a
 * client's own, dlua-dovecot-http.c {@code parse_client_settings}). A server certificate it does not
 * trust fails the handshake with OpenSSL's verify error and the certificate's subject
 * (iostream-openssl.c {@code openssl_iostream_verify_client_cert}: {@code Received invalid SSL
 * certificate: %s: %s (check ssl_client_ca_* settings?)}), which {@link #failure} gives. Each
 * server's last handshake (its protocol, cipher suite and certificate) is kept for lib-http's
 * lines ({@link #handshakeWith}): an extended trust manager, so the JDK hands it the socket.
 */
final class TlsTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager system;
    private final List<X509Certificate> extra;
    /** The last certificate refused, per thread (the handshake runs on the caller's). */
    private final ThreadLocal<String> refused = new ThreadLocal<>();
    /** The last handshake with each server, by {@code address:port}. */
    private final java.util.Map<String, TlsHandshake> handshakes = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param caPem the ssl_client_ca_file's PEM certificates (null: none) */
    TlsTrust(byte[] caPem) throws java.security.GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        this.system = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        List<X509Certificate> certs = new ArrayList<>();
        if (caPem != null) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (java.security.cert.Certificate c : cf.generateCertificates(new ByteArrayInputStream(caPem))) {
                certs.add((X509Certificate) c);
            }
        }
        this.extra = Collections.unmodifiableList(certs);
    }

    SSLSocketFactory socketFactory() throws java.security.GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {this}, null);
        return ctx.getSocketFactory();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null, null, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
            throws CertificateException {
        SSLSession s = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        String peer = socket == null || socket.getInetAddress() == null ? null
                : socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        check(chain, authType, socket, s, peer);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, null, engine == null ? null : engine.getHandshakeSession(), null);
    }

    /** The server's certificate checked; the handshake {@code session} (null: unknown) recorded for {@code peer}. */
    private void check(X509Certificate[] chain, String authType, java.net.Socket socket, SSLSession session,
            String peer) throws CertificateException {
        try {
            checkChain(chain, authType, socket);
            remember(session, peer, chain[0], null);
        } catch (CertificateException e) {
            remember(session, peer, chain[0], refused.get());
            throw e;
        }
    }

    private void remember(SSLSession session, String peer, X509Certificate leaf, String refusal) {
        if (session != null && peer != null) {
            handshakes.put(peer, new TlsHandshake(session.getProtocol(), session.getCipherSuite(), oneline(leaf),
                    refusal));
        }
    }

    /** The last handshake with {@code peer} ({@code address:port}), or null when none was seen. */
    TlsHandshake handshakeWith(String peer) {
        return handshakes.get(peer);
    }

    private void checkChain(X509Certificate[] chain, String authType, java.net.Socket socket)
            throws CertificateException {
        refused.remove();
        X509Certificate leaf = chain[0];
        for (X509Certificate ca : extra) {
            if (issuedBy(leaf, ca)) {
                return;
            }
        }
        try {
            // with the socket, the JDK's own checks of the handshake's algorithms too
            if (socket != null) {
                system.checkServerTrusted(chain, authType, socket);
            } else {
                system.checkServerTrusted(chain, authType);
            }
        } catch (CertificateException e) {
            // X509_verify_cert_error_string: a certificate that is its own issuer, else an unknown issuer
            String why = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
                    ? "self-signed certificate" : "unable to get local issuer certificate";
            refused.set("Received invalid SSL certificate: " + why + ": " + oneline(leaf)
                    + " (check ssl_client_ca_* settings?)");
            throw e;
        }
    }

    private static boolean issuedBy(X509Certificate leaf, X509Certificate ca) {
        if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            leaf.verify(ca.getPublicKey());
            leaf.checkValidity();
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** The failed handshake's error text on this thread, or null when the certificate was not the cause. */
    String failure() {
        return refused.get();
    }

    /** OpenSSL's X509_NAME_oneline: {@code /CN=...} in the certificate's order. */
    static String oneline(X509Certificate c) {
        try {
            StringBuilder b = new StringBuilder();
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                b.append('/').append(rdn.getType()).append('=').append(rdn.getValue());
            }
            return b.toString();
        } catch (javax.naming.InvalidNameException e) {
            return "/" + c.getSubjectX500Principal().getName();
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        system.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
            throws CertificateException {
        system.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        system.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
        all.addAll(extra);
        return all.toArray(new X509Certificate[0]);
    }
}
