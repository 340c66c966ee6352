package org.dovelua.conformance.differential;

import java.io.IOException;
import java.nio.file.Files;

/** Fills a case directory exactly as both sides see it: DIR/auth.lua, DIR/dovecot.conf, the HTTP server. */
final class CaseWriter {

    private CaseWriter() {
    }

    /** Writes the files and starts the case's HTTP server (if any); the caller closes it. */
    static HttpFixture write(CaseDir dir, DifferentialCase c) throws IOException {
        String d = dir.seen();
        HttpFixture http = new HttpFixture(dir.host(), c.http());
        Files.writeString(dir.host().resolve("auth.lua"), http.apply(c.script().replace("%DIR%", d)));
        Files.writeString(dir.conf(), DovecotConfig.of(c, d));
        return http;
    }
}
