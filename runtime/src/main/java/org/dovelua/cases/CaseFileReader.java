package org.dovelua.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.DovecotVersion;

/** Turns a case file's YAML into a {@link CaseFile}, checking every key and type as it goes. */
final class CaseFileReader {
    private static final List<String> KEYS = List.of("config", "script", "dovecot_version", "mounts", "env",
            "auth_verbose", "auth_debug", "timeout", "allow_fs", "stubs", "cases");

    private final Path dir;

    private CaseFileReader(Path file) {
        this.dir = file.toAbsolutePath().normalize().getParent();
    }

    static CaseFile read(Path file) throws CaseFileException {
        Path abs = file.toAbsolutePath().normalize();
        YamlNode root = YamlTree.read(abs);
        Fields top = new Fields(root, "the case file").allow(KEYS);
        top.done();
        CaseFileReader r = new CaseFileReader(abs);
        Setup setup = r.setup(top);
        YamlNode casesNode = top.node("cases");
        if (casesNode == null) {
            throw new CaseFileException(top.at(), "missing cases: (expected a list of cases)");
        }
        if (!(casesNode instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            throw new CaseFileException(casesNode.at(), "cases: expected a non-empty list of cases, found "
                    + casesNode.kind());
        }
        List<Case> cases = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            cases.add(CaseReader.read(item, cases.size() + 1));
        }
        return new CaseFile(abs, setup, cases);
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
        if (top.has("stubs")) {
            throw new CaseFileException(top.keyAt("stubs"), "stubs: not supported yet "
                    + "(HTTP stubs are on their way; until then a script's HTTP requests fail as for an unreachable host)");
        }
        Double timeout = top.number("timeout");
        if (timeout != null && timeout <= 0) {
            throw new CaseFileException(top.node("timeout").at(), "timeout: expected a positive number of seconds");
        }
        Boolean allowFs = top.bool("allow_fs");
        return new Setup(config, script, version, mounts, env == null ? Map.of() : env, top.bool("auth_debug"),
                top.bool("auth_verbose"), Duration.ofMillis((long) ((timeout == null ? 10 : timeout) * 1000)),
                allowFs != null && allowFs);
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
