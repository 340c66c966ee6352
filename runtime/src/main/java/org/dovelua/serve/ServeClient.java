package org.dovelua.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/** The Java side of a call (the launcher's bash does the same with /dev/tcp): {@code serve --stop}, tests. */
public final class ServeClient {
    private ServeClient() {
    }

    /** Sends one command line as if from {@code cwd}; an IOException when no server answers. */
    public static ServeProtocol.Answer call(ServeEndpoint e, String cwd, List<String> argv) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), e.port()), 2000);
            ServeProtocol.writeRequest(s.getOutputStream(), new ServeProtocol.Request(e.token(), cwd, argv));
            return ServeProtocol.readAnswer(s.getInputStream());
        }
    }
}
