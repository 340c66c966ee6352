package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One case file: a script, an optional config fragment ({@code config}, {@code base},
 * {@code http}, {@code redis}, {@code files}, {@code env}, {@code real_env}), the Dovecot release it pins ({@code dovecot_version}) and its {@link CaseRun}s.
 * A {@code divergence:} entry on the case applies to every run that has none of its own.
 */
public final class DifferentialCase {
    private static final Pattern AUTH_DEBUG = Pattern.compile("(?m)^\\s*auth_debug\\s*=\\s*yes\\s*$");

    private final Path file;
    private final ObjectNode node;

    DifferentialCase(Path file, ObjectNode node) {
        this.file = file;
        this.node = node;
        // one marker for known divergences: an old "pending:" would otherwise be ignored silently
        if (node.has("pending") || node.path("runs").findValue("pending") != null) {
            throw new IllegalArgumentException(file + ": 'pending:' is gone, mark a known divergence with"
                    + " 'divergence:' (README \"Known divergences\")");
        }
    }

    public Path file() {
        return file;
    }

    public String name() {
        return file.getFileName().toString();
    }

    ObjectNode node() {
        return node;
    }

    /** The release a case pins: {@code dovecot_version}, 2.3.19 (the host's Dovecot) when absent. */
    public String version() {
        return node.path("dovecot_version").asText("2.3.19");
    }

    public boolean isVersion24() {
        return version().startsWith("2.4");
    }

    String script() {
        return node.path("script").asText("");
    }

    String config() {
        return node.path("config").asText("");
    }

    /** {@code lua-both} (default: a Lua passdb and userdb on the script) or {@code none}. */
    String base() {
        return node.path("base").asText("lua-both");
    }

    /** {@code allow_exec: true}: the script runs real commands, so dovelua runs them too ({@code --allow-exec}). */
    boolean allowExec() {
        return node.path("allow_exec").asBoolean(false);
    }

    JsonNode http() {
        return node.path("http");
    }

    /** {@code redis:} the data of the case's Redis server (docs/dict-redis.md), see {@link RedisFixture}. */
    JsonNode redis() {
        return node.path("redis");
    }

    /**
     * {@code dict_server:} a dict server on {@code %DIR%/dict.sock} answering from this data
     * ({@link DictServerFixture}); each run then records the lines it received ({@code wire:}).
     */
    JsonNode dictServer() {
        return node.path("dict_server");
    }

    /**
     * {@code files:} files put in the case directory for both sides (real Dovecot sees them at
     * their path, dovelua through the directory's {@code --mount}): each with {@code path}
     * (relative), {@code content}, and {@code executable: true} (a helper program) or
     * {@code sqlite: true} (content is SQL, the file the SQLite database {@code sqlite3} makes of it).
     */
    JsonNode files() {
        return node.path("files");
    }

    /**
     * {@code env:} environment variables the script reads with {@code os.getenv}: real Dovecot
     * gets them through {@code import_environment}, dovelua through {@code --env}.
     */
    Map<String, String> env() {
        return strings(node.path("env"));
    }

    /**
     * {@code real_env:} variables only the real auth process needs, e.g. {@code LUA_PATH} because
     * Debian 12's lua-json installs luajson for Lua 5.1-5.3 only (dovelua has its modules built in).
     */
    Map<String, String> realEnv() {
        return strings(node.path("real_env"));
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> m = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** Debug lines are compared only when the case's config turns auth_debug on. */
    boolean debug() {
        return AUTH_DEBUG.matcher(config()).find();
    }

    /**
     * {@code one_auth_process: true}: dovelua answers all runs with one auth process, as the one
     * real Dovecot does (what a script or the auth cache keeps across requests shows). Without it
     * each run starts its own.
     */
    public boolean oneAuthProcess() {
        return node.path("one_auth_process").asBoolean(false);
    }

    String divergence() {
        JsonNode why = node.get("divergence");
        return why == null || why.isNull() ? null : why.asText();
    }

    public List<CaseRun> runs() {
        List<CaseRun> runs = new ArrayList<>();
        JsonNode all = node.path("runs");
        for (int i = 0; i < all.size(); i++) {
            runs.add(new CaseRun(this, i + 1, all.get(i)));
        }
        return runs;
    }
}
