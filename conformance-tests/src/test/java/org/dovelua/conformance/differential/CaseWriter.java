package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a case directory exactly as both sides see it: DIR/auth.lua, DIR/dovecot.conf, the case's
 * {@code files}, the HTTP and Redis servers. The real side's config alone also carries the case's
 * environment ({@code import_environment}); dovelua gets {@code env} as {@code --env} instead.
 */
final class CaseWriter {

    private CaseWriter() {
    }

    /** Writes the files and starts the case's HTTP and Redis servers (if any); the caller closes them. */
    static CaseFixtures write(CaseDir dir, DifferentialCase c, boolean real) throws Exception {
        String d = dir.seen();
        HttpFixture h = new HttpFixture(dir.host(), c.http());
        RedisFixture redis;
        try {
            redis = new RedisFixture(dir.host(), c.redis(), real);
        } catch (Exception e) {
            h.close();
            throw e;
        }
        CaseFixtures http = new CaseFixtures(h, redis);
        Files.writeString(dir.host().resolve("auth.lua"), http.apply(c.script().replace("%DIR%", d)));
        String conf = http.apply(DovecotConfig.of(c, d));
        if (real) {
            conf += importEnvironment(c, d, http);
        }
        Files.writeString(dir.conf(), conf);
        for (JsonNode f : c.files()) {
            writeFile(dir, f, http);
        }
        return http;
    }

    /** The case's variables for dovelua's {@code --env}, placeholders applied. */
    static List<String> envArgs(DifferentialCase c, String dir, CaseFixtures http) {
        return c.env().entrySet().stream()
                .map(e -> e.getKey() + "=" + http.apply(e.getValue().replace("%DIR%", dir))).toList();
    }

    /** Dovecot passes its auth processes only what import_environment names (or sets). */
    private static String importEnvironment(DifferentialCase c, String d, CaseFixtures http) {
        Map<String, String> all = new java.util.LinkedHashMap<>(c.env());
        all.putAll(c.realEnv());
        if (all.isEmpty()) {
            return "";
        }
        return "import_environment = $import_environment " + all.entrySet().stream()
                .map(e -> e.getKey() + "=" + http.apply(e.getValue().replace("%DIR%", d)))
                .collect(Collectors.joining(" ")) + "\n";
    }

    private static void writeFile(CaseDir dir, JsonNode f, CaseFixtures http) throws Exception {
        String name = f.path("path").asText("");
        Path target = dir.host().resolve(name).normalize();
        if (name.isEmpty() || Path.of(name).isAbsolute() || !target.startsWith(dir.host())) {
            throw new IllegalArgumentException("files: path must be relative to the case directory: '" + name + "'");
        }
        Files.createDirectories(target.getParent());
        String content = http.apply(f.path("content").asText("").replace("%DIR%", dir.seen()));
        if (f.path("sqlite").asBoolean(false)) {
            Path sql = Files.writeString(dir.host().resolve(name + ".sql"), content);
            Command.Result r = Command.run(List.of("sqlite3", target.toString(), ".read " + sql), Duration.ofSeconds(30));
            if (r.exitCode() != 0 || !r.stderr().isEmpty()) {
                throw new IOException("sqlite3 could not build " + name + ": " + r.stderr());
            }
            Files.delete(sql);
        } else {
            Files.writeString(target, content);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                f.path("executable").asBoolean(false) ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
