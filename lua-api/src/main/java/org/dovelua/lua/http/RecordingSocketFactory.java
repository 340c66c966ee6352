package org.dovelua.lua.http;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets that copy what they receive into the calling thread's {@link #begin() buffer},
 * so a bad response can be quoted byte for byte as lib-http does. OkHttp reads a synchronous
 * call's response on the caller's thread, which is what makes a per-thread buffer right.
 */
final class RecordingSocketFactory extends SocketFactory {
    /** The most a buffer keeps: status lines and headers are all that is ever looked at. */
    private static final int LIMIT = 64 * 1024;
    private static final ThreadLocal<ByteArrayOutputStream> RECEIVED = new ThreadLocal<>();
    /** The read timeout of this thread's exchange, which OkHttp (given none) would set to 0. */
    private static final ThreadLocal<Integer> READ_TIMEOUT = new ThreadLocal<>();

    /**
     * Starts recording what this thread's sockets receive, and gives their reads
     * {@code readTimeoutMs} as {@code SO_TIMEOUT} until {@link #end()}: lib-http's idle request
     * timeout, without OkHttp's watchdog thread ({@code HttpClientLib.Client}).
     */
    static void begin(int readTimeoutMs) {
        RECEIVED.set(new ByteArrayOutputStream());
        READ_TIMEOUT.set(readTimeoutMs);
    }

    /** Stops recording and returns what was received since {@link #begin}. */
    static byte[] end() {
        ByteArrayOutputStream b = RECEIVED.get();
        RECEIVED.remove();
        READ_TIMEOUT.remove();
        return b == null ? new byte[0] : b.toByteArray();
    }

    private static void record(byte[] buf, int off, int n) {
        ByteArrayOutputStream b = RECEIVED.get();
        if (b != null && n > 0 && b.size() < LIMIT) {
            b.write(buf, off, Math.min(n, LIMIT - b.size()));
        }
    }

    @Override
    public Socket createSocket() {
        RecordingSocket s = new RecordingSocket();
        try {
            // lib-http sets TCP_NODELAY on its connections (http-client-connection.c)
            s.setTcpNoDelay(true);
        } catch (java.net.SocketException e) {
            // left as it is; only latency differs
        }
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    private static final class RecordingSocket extends Socket {
        private InputStream in;

        /**
         * OkHttp sets the socket's timeout to its read timeout (0) when it connects and before each
         * exchange; the exchange's own timeout replaces that 0. A TLS socket layered on this one
         * passes its timeout down here. Other values (OkHttp's 1 ms health check) are kept.
         */
        @Override
        public synchronized void setSoTimeout(int timeout) throws java.net.SocketException {
            Integer exchange = READ_TIMEOUT.get();
            super.setSoTimeout(timeout == 0 && exchange != null ? exchange : timeout);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int c = super.read();
                        if (c >= 0) {
                            record(new byte[] {(byte) c}, 0, 1);
                        }
                        return c;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        record(b, off, n);
                        return n;
                    }
                };
            }
            return in;
        }
    }
}
