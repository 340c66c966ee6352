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
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What lib-http's TLS connections trust (lib-ssl-iostream, iostream-openssl-context.c): the system's
 * CAs and the certificates of {@code ssl_client_ca_file} (2.3: the global setting; 2.4: also a
 * client's own, dlua-dovecot-http.c {@code parse_client_settings}). A server certificate it does not
 * trust fails the handshake with OpenSSL's verify error and the certificate's subject
 * (iostream-openssl.c {@code openssl_iostream_verify_client_cert}: {@code Received invalid SSL
 * certificate: %s: %s (check ssl_client_ca_* settings?)}), which {@link #failure} gives.
 */
final class TlsTrust implements X509TrustManager {
    private final X509TrustManager system;
    private final List<X509Certificate> extra;
    /** The last certificate refused, per thread (the handshake runs on the caller's). */
    private final ThreadLocal<String> refused = new ThreadLocal<>();

    /** @param caPem the ssl_client_ca_file's PEM certificates (null: none) */
    TlsTrust(byte[] caPem) throws java.security.GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        this.system = (X509TrustManager) tmf.getTrustManagers()[0];
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
        refused.remove();
        X509Certificate leaf = chain[0];
        for (X509Certificate ca : extra) {
            if (issuedBy(leaf, ca)) {
                return;
            }
        }
        try {
            system.checkServerTrusted(chain, authType);
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
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
        all.addAll(extra);
        return all.toArray(new X509Certificate[0]);
    }
}
