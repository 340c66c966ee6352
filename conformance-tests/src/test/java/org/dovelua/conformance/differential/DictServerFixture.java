package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.dict.DictProxyData;
import org.dovelua.dict.DictProxyServer;

/**
 * A case's {@code dict_server:} entry: dovelua's built-in dict server (the {@code proxy::NAME}
 * data format of docs/dict-proxy.md, raw {@code reply} lines allowed) on the UNIX socket
 * {@code DIR/dict.sock}, which real Dovecot's auth worker and dovelua (through the case
 * directory's {@code --mount}) both connect to. It logs every line; a run's {@code wire:} is the
 * lines it received during that run, connections numbered from 1 within the run.
 */
final class DictServerFixture implements AutoCloseable {
    static final String SOCKET = "dict.sock";

    private final DictProxyServer server;

    DictServerFixture(Path dir, JsonNode spec) throws IOException {
        if (spec.isMissingNode() || spec.isNull()) {
            server = null;
            return;
        }
        Path file = dir.resolve("dict-server.yaml");
        Files.writeString(file, CaseFiles.YAML.writeValueAsString(spec));
        server = DictProxyServer.startAt(DictProxyData.read(file), dir.resolve(SOCKET));
    }

    boolean active() {
        return server != null;
    }

    /** Where the run's lines start. */
    int mark() {
        return server == null ? 0 : server.wire().size();
    }

    /**
     * The lines received since {@code mark}, once the log has stopped growing (the client got its
     * last answer before doveadm returned; the server logs what it read before it answers).
     */
    List<String> receivedSince(int mark) throws InterruptedException {
        if (server == null) {
            return List.of();
        }
        int size = -1;
        for (int i = 0; i < 40 && server.wire().size() != size; i++) {
            size = server.wire().size();
            Thread.sleep(50);
        }
        List<String> all = server.wire();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String l : all.subList(mark, all.size())) {
            int sp = l.indexOf(' ');
            String conn = l.substring(0, sp);
            String rest = l.substring(sp + 1);
            if (!rest.startsWith("< ")) {
                continue;
            }
            int n = numbers.computeIfAbsent(conn, k -> numbers.size() + 1);
            out.add("c" + n + " " + rest.substring(2));
        }
        return out;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
