package org.dovelua.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.stubs.ExecStubFile;
import org.dovelua.stubs.StubFileException;
import org.dovelua.stubs.StubFiles;
import org.dovelua.stubs.StubServer;
import org.dovelua.version.DovecotVersion;

/** Turns a case file's YAML into a {@link CaseFile}, checking every key and type as it goes. */
final class CaseFileReader {
    private static final List<String> KEYS = List.of("config", "script", "dovecot_version", "mounts", "env",
            "auth_verbose", "auth_debug", "timeout", "allow_fs", "stubs", "allow_network", "exec", "sql", "dicts", "one_auth_process",
            "cases");

    private static final List<String> PLUGIN_KEYS = List.of("nauthilus", "stubs", "allow_network", "exec", "cases");

    private final Path dir;


    private CaseFileReader(Path file) {
        this.dir = file.toAbsolutePath().normalize().getParent();
    }

    /**
     * Reads {@code file}, reporting every mistake in one go: the unknown top-level keys, the setup's
     * first mistake and each case's (a YAML syntax error stops at once: nothing after it can be read).
     */
    static CaseFile read(Path file) throws CaseFileException {
        Path abs = file.toAbsolutePath().normalize();
        YamlNode root = YamlTree.read(abs);
        List<CaseFileException> errors = new ArrayList<>();
        Fields top = new Fields(root, "the case file");
        // a Nauthilus plugin case file has its own setup (nauthilus:) and cases (request:)
        boolean plugin = root instanceof YamlNode.Mapping rm && rm.entries().containsKey("nauthilus");
        top.allow(plugin ? PLUGIN_KEYS : KEYS);
        try {
            if (plugin && root instanceof YamlNode.Mapping m) {
                for (YamlNode.Entry e : m.entries().values()) {
                    if (!PLUGIN_KEYS.contains(e.key())) {
                        throw new CaseFileException(e.keyAt(), "unknown key '" + e.key() + "' in a Nauthilus plugin case"
                                + " file (expected one of: " + String.join(", ", PLUGIN_KEYS)
                                + "; the mocks' data goes under nauthilus: fixture:)");
                    }
                }
            }
            top.done();
        } catch (CaseFileException e) {
            errors.add(e);
        }
        CaseFileReader r = new CaseFileReader(abs);
        Setup setup = null;
        try {
            setup = plugin ? r.pluginSetup(top, abs) : r.setup(top);
        } catch (CaseFileException e) {
            errors.add(e);
        }
        List<Case> cases = new ArrayList<>();
        YamlNode casesNode = top.node("cases");
        if (casesNode == null) {
            errors.add(new CaseFileException(top.at(), "missing cases: (expected a list of cases)"));
        } else if (!(casesNode instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            errors.add(new CaseFileException(casesNode.at(), "cases: expected a non-empty list of cases, found "
                    + casesNode.kind()));
        } else {
            int index = 0;
            for (YamlNode item : seq.items()) {
                index++;
                try {
                    if (plugin && setup == null) {
                        continue; // a case's fixture is checked against the setup's: nothing to check without it
                    }
                    cases.add(plugin ? PluginCaseReader.read(item, index, setup.nauthilus())
                            : CaseReader.read(item, index));
                } catch (CaseFileException e) {
                    errors.add(e);
                }
            }
        }
        boolean oneAuthProcess = false;
        if (!plugin) {
            try {
                Boolean one = top.bool("one_auth_process");
                oneAuthProcess = one != null && one;
            } catch (CaseFileException e) {
                errors.add(e);
            }
            if (!oneAuthProcess) {
                errors.addAll(needOneAuthProcess(cases));
            }
        }
        if (errors.size() == 1) {
            throw errors.get(0);
        }
        if (!errors.isEmpty()) {
            throw new CaseFileException(errors);
        }
        return new CaseFile(abs, setup, cases, oneAuthProcess);
    }

    /**
     * Cache commands and clock steps only mean something when the file's cases share one auth process:
     * otherwise each worker has its own cache and clock.
     */
    private static List<CaseFileException> needOneAuthProcess(List<Case> cases) {
        List<CaseFileException> out = new ArrayList<>();
        for (Case c : cases) {
            String what = c.advanceClock() > 0 ? "advance_clock:"
                    : c.command() == Case.Command.CACHE_FLUSH || c.command() == Case.Command.CACHE_STATS
                            ? c.command().key() + ":" : null;
            if (what != null) {
                out.add(new CaseFileException(c.at(), what + " needs one_auth_process: true at the top of the file (its"
                        + " cases then run in order on one auth process, as requests to one running Dovecot)"));
            }
        }
        return out;
    }

    /**
     * A plugin case file's setup: {@code nauthilus:}, and at the top level, as in a doveadm case
     * file, the {@code stubs:}, {@code allow_network:} and {@code exec:} its network modules reach.
     */
    private Setup pluginSetup(Fields top, Path abs) throws CaseFileException {
        PluginSetup nauthilus = PluginCaseReader.setup(top.node("nauthilus"), abs);
        List<Setup.Stub> stubs = stubs(top.node("stubs"));
        Boolean allowNetwork = top.bool("allow_network");
        return Setup.of(nauthilus, stubs, allowNetwork != null && allowNetwork, exec(top.node("exec")));
    }

    private Setup setup(Fields top) throws CaseFileException {
        Path config = existing(top, "config");
        Path script = existing(top, "script");
        if ((config == null) == (script == null)) {
            Location at = config != null ? top.keyAt("script") : top.at();
            throw new CaseFileException(at, "give exactly one of config: (a dovecot.conf) or script: (a .lua file)");
        }
        String version = top.string("dovecot_version");
        if (version != null) {
            try {
                DovecotVersion.parse(version);
            } catch (IllegalArgumentException e) {
                throw new CaseFileException(top.node("dovecot_version").at(), "dovecot_version: " + e.getMessage());
            }
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        Map<String, String> m = top.stringMap("mounts");
        if (m != null) {
            YamlNode.Mapping node = (YamlNode.Mapping) top.node("mounts");
            for (Map.Entry<String, String> e : m.entrySet()) {
                Location at = node.entries().get(e.getKey()).keyAt();
                if (!e.getKey().startsWith("/")) {
                    throw new CaseFileException(at, "mounts: '" + e.getKey()
                            + "' is not an absolute path (expected /path/the/script/sees: local/path)");
                }
                Path local = dir.resolve(e.getValue()).normalize();
                if (!Files.exists(local)) {
                    throw new CaseFileException(node.entries().get(e.getKey()).value().at(), "mounts: " + local
                            + " does not exist (local paths are relative to the case file)");
                }
                mounts.put(e.getKey(), local);
            }
        }
        Map<String, String> env = top.stringMap("env");
        List<Setup.Stub> stubs = stubs(top.node("stubs"));
        Boolean allowNetwork = top.bool("allow_network");
        Double timeout = top.number("timeout");
        if (timeout != null && timeout <= 0) {
            throw new CaseFileException(top.node("timeout").at(), "timeout: expected a positive number of seconds");
        }
        Boolean allowFs = top.bool("allow_fs");
        return new Setup(config, script, version, mounts, env == null ? Map.of() : env, top.bool("auth_debug"),
                top.bool("auth_verbose"), Duration.ofMillis((long) ((timeout == null ? 10 : timeout) * 1000)),
                allowFs != null && allowFs, stubs, allowNetwork != null && allowNetwork, exec(top.node("exec")), sql(top),
                dicts(top.node("dicts")));
    }

    /**
     * {@code exec:} maps command patterns (globs: {@code *} any text, {@code ?} one character) to
     * what the command answers: a stub file, or the stub inline. Tried in the order written.
     */
    private List<Setup.Exec> exec(YamlNode node) throws CaseFileException {
        List<Setup.Exec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        String usage = "(expected a mapping of command pattern to stub, e.g. \"/usr/bin/checkpw alice *\": "
                + "{stdout: \"OK\\n\", exit: 0}, or to a stub file)";
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(node.at(), "exec: " + usage + ", found " + node.kind());
        }
        for (YamlNode.Entry e : m.entries().values()) {
            YamlNode spec = e.value();
            if (spec instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
                Path file = dir.resolve(s.text()).normalize();
                try {
                    out.add(new Setup.Exec(ExecStubFile.load(e.key(), file), file));
                } catch (StubFileException ex) {
                    throw new CaseFileException(s.at(), "exec: " + ex.getMessage());
                }
            } else if (spec instanceof YamlNode.Mapping) {
                Location[] where = {spec.at()};
                try {
                    out.add(new Setup.Exec(ExecStubFile.load(e.key(), YamlJson.of(spec),
                            p -> (where[0] = YamlJson.locate(spec, p)).toString()), null));
                } catch (StubFileException ex) {
                    String msg = ex.getMessage();
                    String prefix = where[0] + ": ";
                    throw new CaseFileException(where[0], "exec: " + (msg.startsWith(prefix)
                            ? msg.substring(prefix.length()) : msg));
                }
            } else {
                throw new CaseFileException(spec.at(), "exec: " + e.key() + ": found " + spec.kind() + " " + usage);
            }
        }
        return out;
    }

    /**
     * {@code sql:} maps luasql server URLs to .sql fixtures, as {@code --sql URL=FILE} does; the files
     * are relative to the case file.
     */
    private Map<String, Path> sql(Fields top) throws CaseFileException {
        Map<String, String> m = top.stringMap("sql");
        Map<String, Path> out = new LinkedHashMap<>();
        if (m == null) {
            return out;
        }
        YamlNode.Mapping node = (YamlNode.Mapping) top.node("sql");
        for (Map.Entry<String, String> e : m.entrySet()) {
            Path fixture = dir.resolve(e.getValue()).normalize();
            try {
                org.dovelua.lua.shim.luasql.SqlServers.offline().route(e.getKey(), fixture);
            } catch (IllegalArgumentException ex) {
                boolean badUrl = ex.getMessage().startsWith("'");
                YamlNode.Entry entry = node.entries().get(e.getKey());
                throw new CaseFileException(badUrl ? entry.keyAt() : entry.value().at(), "sql: " + ex.getMessage()
                        + (badUrl ? "" : " (local paths are relative to the case file)"));
            }
            out.put(e.getKey(), fixture);
        }
        return out;
    }

    /**
     * {@code dicts:} maps dict URIs to their data, as {@code --dict URI=FILE} does: a file relative
     * to the case file, or the data inline (kept in a temporary JSON file for the run).
     */
    private List<Setup.Dict> dicts(YamlNode node) throws CaseFileException {
        List<Setup.Dict> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        String usage = "(expected a mapping of dict URI to a data file or inline data, e.g. "
                + "\"redis:host=127.0.0.1:port=6379\": redis-seed.yaml)";
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(node.at(), "dicts: " + usage + ", found " + node.kind());
        }
        for (YamlNode.Entry e : m.entries().values()) {
            YamlNode spec = e.value();
            Path data;
            if (spec instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
                data = dir.resolve(s.text()).normalize();
            } else if (spec instanceof YamlNode.Mapping || spec instanceof YamlNode.Sequence) {
                data = inlineData(spec);
            } else {
                throw new CaseFileException(spec.at(), "dicts: " + e.key() + ": found " + spec.kind() + " " + usage);
            }
            try {
                org.dovelua.dict.DictFixtures.none().add(e.key(), data);
            } catch (IllegalArgumentException ex) {
                boolean badUri = ex.getMessage().startsWith("'");
                boolean inline = !(spec instanceof YamlNode.Scalar);
                // inline data was written to a temporary file: its name and line mean nothing to the reader
                String msg = inline ? ex.getMessage().replace(data.toString(), "inline data")
                        .replaceFirst("^inline data:[0-9]+(:[0-9]+)?: ", "") : ex.getMessage();
                throw new CaseFileException(badUri ? e.keyAt() : spec.at(), "dicts: " + (inline && !badUri
                        ? e.key() + ": " : "") + msg + (badUri || inline ? "" : " (local paths are relative to the case file)"));
            }
            out.add(new Setup.Dict(e.key(), data, !(spec instanceof YamlNode.Scalar)));
        }
        return out;
    }

    /** Inline dict data as a JSON file the dict modules read like a data file given by name. */
    private static Path inlineData(YamlNode spec) throws CaseFileException {
        try {
            Path f = java.nio.file.Files.createTempFile("dovelua-dict-", ".json");
            f.toFile().deleteOnExit();
            java.nio.file.Files.writeString(f, YamlJson.of(spec).toPrettyString());
            return f;
        } catch (java.io.IOException ex) {
            throw new CaseFileException(spec.at(), "dicts: cannot keep inline data: " + ex.getMessage());
        }
    }

    /**
     * {@code stubs:} maps URL prefixes to stubs, as {@code --stub} does: {@code KIND:FILE}, or a
     * one-key mapping {@code KIND: FILE} or {@code KIND: {inline spec}}. Each stub is read now so
     * a bad one is reported with its place.
     */
    private List<Setup.Stub> stubs(YamlNode node) throws CaseFileException {
        List<Setup.Stub> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(node.at(), "stubs: expected a mapping of URL prefix to stub "
                    + "(https://login.example.com: nauthilus:users.yaml), found " + node.kind());
        }
        for (YamlNode.Entry e : m.entries().values()) {
            if (okhttp3.HttpUrl.parse(e.key()) == null) {
                throw new CaseFileException(e.keyAt(), "stubs: '" + e.key()
                        + "' is not an http(s) URL prefix (expected scheme://host[:port][/path])");
            }
            out.add(stub(e));
        }
        return out;
    }

    private Setup.Stub stub(YamlNode.Entry e) throws CaseFileException {
        String usage = " (expected KIND:FILE or KIND: FILE or KIND: {spec}, KIND one of "
                + String.join(", ", StubFiles.KINDS) + ")";
        String kind;
        YamlNode spec;
        if (e.value() instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
            int colon = s.text().indexOf(':');
            if (colon <= 0) {
                throw new CaseFileException(s.at(), "stubs: '" + s.text() + "'" + usage);
            }
            kind = s.text().substring(0, colon);
            spec = new YamlNode.Scalar(s.at(), s.text().substring(colon + 1), YamlNode.Scalar.Type.STRING);
        } else if (e.value() instanceof YamlNode.Mapping m && m.entries().size() == 1) {
            YamlNode.Entry only = m.entries().values().iterator().next();
            kind = only.key();
            spec = only.value();
        } else {
            throw new CaseFileException(e.value().at(), "stubs: " + e.key() + ": found " + e.value().kind() + usage);
        }
        if (!StubFiles.KINDS.contains(kind)) {
            throw new CaseFileException(e.value().at(), "stubs: unknown stub kind '" + kind + "'" + usage);
        }
        if (spec instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
            Path file = dir.resolve(s.text()).normalize();
            return new Setup.Stub(e.key(), kind, checked(s.at(), () -> StubFiles.load(kind, file)), file);
        }
        if (!(spec instanceof YamlNode.Mapping)) {
            throw new CaseFileException(spec.at(), "stubs: " + kind + ": expected a stub file name or an inline spec "
                    + "(a mapping), found " + spec.kind());
        }
        com.fasterxml.jackson.databind.JsonNode json = YamlJson.of(spec);
        YamlNode specNode = spec;
        Location[] where = {spec.at()};
        try {
            StubFiles.load(kind, json, p -> (where[0] = YamlJson.locate(specNode, p)).toString()).close();
        } catch (StubFileException ex) {
            // the message starts with the place the locator gave; say it once
            String msg = ex.getMessage();
            String prefix = where[0] + ": ";
            throw new CaseFileException(where[0], "stubs: " + kind + ": "
                    + (msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg));
        }
        return new Setup.Stub(e.key(), kind, fresh(() -> StubFiles.load(kind, json,
                p -> YamlJson.locate(specNode, p).toString())), null);
    }

    private interface StubMaker {
        StubServer make() throws StubFileException;
    }

    /** Makes the stub once to check it, and returns a maker of fresh ones (one per auth process). */
    private static java.util.function.Supplier<StubServer> checked(Location at, StubMaker maker)
            throws CaseFileException {
        try {
            maker.make().close();
        } catch (StubFileException ex) {
            throw new CaseFileException(at, "stubs: " + ex.getMessage());
        }
        return fresh(maker);
    }

    /** A maker of fresh stubs (one per auth process) from one already checked. */
    private static java.util.function.Supplier<StubServer> fresh(StubMaker maker) {
        return () -> {
            try {
                return maker.make();
            } catch (StubFileException ex) {
                throw new IllegalArgumentException(ex.getMessage(), ex); // the file changed since it was read
            }
        };
    }

    private Path existing(Fields top, String key) throws CaseFileException {
        String v = top.string(key);
        if (v == null) {
            return null;
        }
        Path p = dir.resolve(v).normalize();
        if (!Files.isRegularFile(p)) {
            throw new CaseFileException(top.node(key).at(), key + ": " + p
                    + " is not a file (paths are relative to the case file)");
        }
        return p;
    }
}
