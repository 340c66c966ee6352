package org.dovelua.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server side of the tests' loopback TLS: the self-signed certificate for 127.0.0.1 that
 * conformance-tests' {@code %HTTPS%} stub also serves (its CA is lua-api's {@code tls/stub-ca.pem}
 * and the differential cases' {@code tls-ca.pem}). A package of its own: the verified-recordings
 * cache keys redis cases by the class files of {@code org.dovelua.testkit} itself.
 */
public final class LoopbackTls {
    private static final char[] PASSWORD = "dovelua".toCharArray();

    private LoopbackTls() {
    }

    /** A TLS context serving that certificate. */
    public static SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = LoopbackTls.class.getResourceAsStream("stub.p12")) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
