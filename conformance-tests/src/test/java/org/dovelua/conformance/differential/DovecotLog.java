package org.dovelua.conformance.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Dovecot's {@code log_path} file. Dovecot's log process writes it asynchronously, so what a
 * command logged is read as what the file gained, once it has stopped growing.
 */
final class DovecotLog {
    private final Path file;

    DovecotLog(Path file) {
        this.file = file;
    }

    long size() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** What the file gained after {@code before} bytes. */
    String since(long before) throws IOException {
        byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        int from = (int) Math.min(before, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /**
     * What the file gained after {@code before} bytes, once it stopped growing; on a loaded machine
     * the log process can lag behind that, so the lines the recording expects get up to 15 s more
     * before they count as missing (5 s was once too little with four real Dovecots at once on a
     * loaded 2-core machine: 315's first line came after it and was counted in run 2). Waiting longer
     * costs nothing while the lines come, only when the answer differs anyway.
     */
    String settledSince(long before, int expectedLines) throws Exception {
        settle();
        String fresh = since(before);
        for (int waited = 0; waited < 15000 && fresh.lines().count() < expectedLines; waited += 100) {
            Thread.sleep(100);
            fresh = since(before);
        }
        return fresh;
    }

    /** Waits until the file has stopped growing. */
    private void settle() throws Exception {
        long last = -1;
        int stable = 0;
        Thread.sleep(150);
        for (int i = 0; i < 60 && stable < 3; i++) {
            long now = size();
            stable = now == last ? stable + 1 : 0;
            last = now;
            Thread.sleep(50);
        }
    }
}
