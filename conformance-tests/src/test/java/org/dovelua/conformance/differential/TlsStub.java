package org.dovelua.conformance.differential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * {@code %HTTPS%}: a loopback TLS server answering every request {@code 200 OK} with {@code ok}, with
 * the self-signed certificate for 127.0.0.1 in {@code src/test/resources/tls} (valid until 2126);
 * the case directory gets that certificate as {@code tls-ca.pem}, for {@code ssl_client_ca_file}
 * (cases 506-509). A client that does not trust it ends the handshake, which is all that happens.
 */
final class TlsStub implements AutoCloseable {
    static final String CA_FILE = "tls-ca.pem";
    private static final char[] PASSWORD = "dovelua".toCharArray();

    private final SSLServerSocket listener;
    private final Thread acceptor;

    TlsStub(Path caseDir) throws IOException {
        try (InputStream ca = TlsStub.class.getResourceAsStream("/tls/stub-ca.pem");
                InputStream p12 = TlsStub.class.getResourceAsStream("/tls/stub.p12")) {
            Files.write(caseDir.resolve(CA_FILE), ca.readAllBytes());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(p12, PASSWORD);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            listener = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 16,
                    InetAddress.getLoopbackAddress());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        acceptor = new Thread(this::accept, "tls-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "https://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread t = new Thread(() -> serve(s), "tls-stub-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** HTTP/1.1 keep-alive: each request head (no body is sent to it) gets the same answer. */
    private static void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (readHead(in)) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // a handshake the client refused, or the client went
        }
    }

    private static boolean readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] b = head.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // gone with the case
        }
    }
}
