package org.dovelua.serve;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The listener: loopback only, one call at a time (as one auth process answers doveadm's requests
 * in turn), each call first proving it knows the token. A peer that sends the wrong token, or not
 * its whole request within {@link #READ_TIMEOUT_MS}, is dropped without an answer.
 */
public final class ServeServer implements AutoCloseable {
    static final int READ_TIMEOUT_MS = 5000;

    /** Runs one authenticated request. */
    @FunctionalInterface
    public interface Handler {
        ServeProtocol.Answer handle(ServeProtocol.Request request);
    }

    private final ServerSocket socket;
    private final String token;
    private final int requestMillis;
    private volatile boolean stopping;

    /** Binds 127.0.0.1 (the loopback address) on a free port. */
    public ServeServer(String token) throws IOException {
        this(token, READ_TIMEOUT_MS);
    }

    /** ... with {@code requestMillis} for a peer to send its whole request. */
    ServeServer(String token, int requestMillis) throws IOException {
        this.token = token;
        this.requestMillis = requestMillis;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Ends {@link #serve} after the call it is answering. */
    public void stop() {
        stopping = true;
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Answers calls until {@link #stop}. */
    public void serve(Handler handler) {
        while (!stopping) {
            try (Socket s = socket.accept()) {
                InputStream in = new BufferedInputStream(new DeadlineInput(s, requestMillis));
                String given = ServeProtocol.readField(in);
                if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8))) {
                    continue; // not the user's launcher: no answer at all
                }
                ServeProtocol.Request r = ServeProtocol.readRest(given, in);
                ServeProtocol.Answer a;
                try {
                    a = handler.handle(r);
                } catch (RuntimeException e) {
                    a = ServeProtocol.Answer.LOCAL; // the launcher runs it itself and reports what it finds
                }
                OutputStream out = new BufferedOutputStream(s.getOutputStream());
                ServeProtocol.writeAnswer(out, a);
            } catch (SocketTimeoutException e) {
                // a silent or slow peer: next
            } catch (IOException e) {
                if (stopping || socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
