package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.stubs.StubFileException;
import org.dovelua.stubs.StubFiles;
import org.dovelua.stubs.StubServer;

/**
 * A case's {@code http:} entry: a static stub (same format as {@code --stub ...=static:FILE}) on a
 * loopback port that both real Dovecot and dovelua talk to; {@code %HTTP%} in the script is its
 * base URL, {@code %HTTP_HOST%} its host and port (for scripts that build the URL themselves),
 * {@code %CLOSED%} a loopback URL where nothing listens.
 */
final class HttpFixture implements AutoCloseable {
    private final StubServer server;
    private final String base;
    private final String closed;

    HttpFixture(Path dir, JsonNode spec) throws IOException {
        if (spec.isMissingNode() || spec.isNull()) {
            server = null;
            base = "";
            closed = "";
            return;
        }
        Path file = dir.resolve("http.yaml");
        Files.writeString(file, CaseFiles.YAML.writeValueAsString(spec));
        try {
            server = StubFiles.load("static", file);
        } catch (StubFileException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        base = server.start().toString().replaceAll("/$", "");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    /** Whether the case has a server, so dovelua must be allowed onto the network (loopback only). */
    boolean active() {
        return server != null;
    }

    String apply(String script) {
        String host = base.replaceFirst("^http://", "");
        return script.replace("%HTTP_HOST%", host).replace("%HTTP%", base).replace("%CLOSED%", closed);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
