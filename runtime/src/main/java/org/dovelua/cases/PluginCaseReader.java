package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.NauthilusMode;
import org.dovelua.nauthilus.luatest.CallbackKind;
import org.dovelua.nauthilus.luatest.FixtureException;
import org.dovelua.nauthilus.luatest.MockData;
import org.dovelua.nauthilus.luatest.NauthilusVersion;

/**
 * Reads a Nauthilus plugin case file's {@code nauthilus:} setup and its cases, each mistake with
 * its place and what to write instead.
 */
final class PluginCaseReader {
    static final List<String> SETUP_KEYS = List.of("plugin", "kind", "version", "mode", "fixture");
    private static final List<String> CASE_KEYS = List.of("name", "skip", "request", "fixture", "expect");
    /** The fixture's context block as the test request table reads it (runner.go createRequestTable). */
    static final List<String> REQUEST_KEYS = List.of("username", "password", "client_ip", "client_port",
            "client_host", "client_id", "local_ip", "local_port", "service", "protocol", "user_agent", "session",
            "debug", "no_auth", "authenticated", "user_found", "account", "unique_user_id", "display_name",
            "status_message", "brute_force_count", "attributes");
    private static final List<String> COMMON_EXPECT = List.of("success", "errors", "status", "logs", "context", "redis",
            "calls", "http");
    /** The fixture blocks (types.go MockData) but expected_output, which YAML cases check with expect:. */
    static final List<String> BLOCKS = MockData.BLOCKS.stream().filter(b -> !b.equals("expected_output")).toList();
    private static final List<String> REDIS_TYPES = List.of("hash", "list", "set", "zset");

    private PluginCaseReader() {
    }

    static PluginSetup setup(YamlNode node, Path caseFile) throws CaseFileException {
        Fields f = new Fields(node, "nauthilus").allow(SETUP_KEYS);
        f.done();
        Path dir = caseFile.getParent();
        String plugin = f.string("plugin");
        if (plugin == null) {
            throw new CaseFileException(f.at(), "nauthilus: missing plugin: (the plugin's .lua file, relative to"
                    + " the case file)");
        }
        if (!Files.isRegularFile(dir.resolve(plugin))) {
            throw new CaseFileException(f.node("plugin").at(), "plugin: " + dir.resolve(plugin).normalize()
                    + " does not exist (local paths are relative to the case file)");
        }
        String version = f.string("version");
        if (version == null) {
            version = PluginModes.DEFAULT_VERSION;
        } else if (PluginModes.version(version) == null) {
            throw new CaseFileException(f.node("version").at(), "version: '" + version
                    + "' is not a Nauthilus version dovelua knows (expected one of: " + NauthilusVersion.ACCEPTED + ")");
        }
        String mode = f.string("mode");
        if (mode == null) {
            mode = PluginModes.DEFAULT_MODE;
        } else if (!PluginModes.MODES.contains(mode)) {
            throw new CaseFileException(f.node("mode").at(), "mode: '" + mode + "' is not a mode (expected one of: "
                    + String.join(", ", PluginModes.MODES) + ")");
        }
        NauthilusMode runMode = PluginModes.mode(mode);
        String kindText = f.string("kind");
        CallbackKind kind = kindText == null ? null : CallbackKind.of(kindText, runMode);
        if (kind == null) {
            throw new CaseFileException(kindText == null ? f.at() : f.node("kind").at(), (kindText == null
                    ? "nauthilus: missing kind:" : "kind: '" + kindText + "' is not a plugin kind in " + mode + " mode")
                    + " (expected one of: " + CallbackKind.flags(runMode) + ")");
        }
        ObjectNode fixture = PluginReturns.MAPPER.createObjectNode();
        Path fixtureFile = null;
        YamlNode fx = f.node("fixture");
        if (fx instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
            fixtureFile = dir.resolve(s.text()).normalize();
            fixture = fixtureFile(s, fixtureFile);
        } else if (fx != null) {
            fixture = blocks(fx, "fixture");
        }
        return new PluginSetup(caseFile, plugin, kind, version, mode, fixture, fixtureFile);
    }

    /** A fixture file: Nauthilus's --test-mock JSON, decoded as the test mode decodes it. */
    private static ObjectNode fixtureFile(YamlNode.Scalar at, Path file) throws CaseFileException {
        if (!Files.isRegularFile(file)) {
            throw new CaseFileException(at.at(), "fixture: " + file + " does not exist (a --test-mock JSON file,"
                    + " relative to the case file)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CaseFileException(at.at(), "fixture: " + file + " cannot be read (a --test-mock JSON file,"
                    + " relative to the case file): " + e.getMessage());
        }
        try {
            MockData.parse(bytes);
            JsonNode tree = PluginReturns.MAPPER.readTree(bytes);
            if (tree instanceof ObjectNode o) {
                return o;
            }
            throw new CaseFileException(at.at(), "fixture: " + file + ": expected a JSON object of fixture blocks");
        } catch (FixtureException | IOException e) {
            throw new CaseFileException(at.at(), "fixture: " + file + ": " + e.getMessage());
        }
    }

    /** Inline fixture blocks: a mapping of block names (db, redis, http_client, ...) to their data. */
    private static ObjectNode blocks(YamlNode node, String what) throws CaseFileException {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(node.at(), what + ": expected a mapping of fixture blocks (db:, redis:, "
                    + "http_client:, ...) or a --test-mock JSON file name, found " + node.kind());
        }
        for (YamlNode.Entry e : m.entries().values()) {
            if (!BLOCKS.contains(e.key())) {
                throw new CaseFileException(e.keyAt(), "unknown fixture block '" + e.key() + "' in " + what
                        + " (expected one of: " + String.join(", ", BLOCKS) + ")");
            }
        }
        return (ObjectNode) YamlJson.of(node);
    }

    static Case read(YamlNode node, int index, PluginSetup setup) throws CaseFileException {
        Fields f = new Fields(node, "a case").allow(CASE_KEYS);
        f.done();
        String name = f.string("name");
        String skip = f.string("skip");
        ObjectNode request = PluginReturns.MAPPER.createObjectNode();
        YamlNode req = f.node("request");
        if (req != null) {
            Fields r = new Fields(req, "request").allow(REQUEST_KEYS);
            r.done();
            request = (ObjectNode) YamlJson.of(req);
        }
        YamlNode fx = f.node("fixture");
        ObjectNode fixture = fx == null ? PluginReturns.MAPPER.createObjectNode() : blocks(fx, "fixture");
        try {
            // what the mocks will read: Go's decoder must take it (types.go MockData)
            MockData.parse(PluginRun.fixture(setup, request, fixture).toString());
        } catch (FixtureException e) {
            throw new CaseFileException(fx != null ? fx.at() : req != null ? req.at() : f.at(), "the fixture this"
                    + " case makes does not decode as Nauthilus's --test-mock JSON: " + e.getMessage());
        }
        YamlNode expectNode = f.node("expect");
        if (expectNode == null && skip == null) {
            throw new CaseFileException(f.at(), "case " + index + (name != null ? " (" + name + ")" : "")
                    + " has no expect: add what the run must give (e.g. expect: {" + example(setup.kind())
                    + "}), or expect: {} to check only that the run succeeds");
        }
        PluginExpect expect = expectNode == null ? new PluginExpect(Map.of(), null, null, null, null, null, null,
                null, null, null) : expect(expectNode, setup.kind());
        if (name == null) {
            name = "request " + (request.has("username") ? request.get("username").asText() : String.valueOf(index));
        }
        return new Case(name, f.at(), Case.Command.PLUGIN, null, null, Map.of(), null, skip,
                new PluginCase(request, fixture, expect));
    }

    private static String example(CallbackKind kind) {
        return switch (kind) {
            case SUBJECT -> "reject: false";
            case ENVIRONMENT -> "triggered: false";
            case BACKEND -> "authenticated: true";
            case HOOK -> "answer: {status: ok}";
            case CACHE_FLUSH -> "keys: []";
            default -> "result: true";
        };
    }

    private static PluginExpect expect(YamlNode node, CallbackKind kind) throws CaseFileException {
        Map<String, PluginReturns.Type> returnTypes = PluginReturns.of(kind);
        List<String> keys = new ArrayList<>(returnTypes.keySet());
        keys.addAll(COMMON_EXPECT);
        Fields e = new Fields(node, "expect (" + kind.flag + " plugin)").allow(keys);
        e.done();
        Map<String, JsonNode> returns = new LinkedHashMap<>();
        for (Map.Entry<String, PluginReturns.Type> t : returnTypes.entrySet()) {
            YamlNode v = e.node(t.getKey());
            if (v != null) {
                returns.put(t.getKey(), typed(v, t.getKey(), t.getValue(), kind));
            }
        }
        Boolean success = e.bool("success");
        List<String> errors = e.stringList("errors");
        List<String> status = e.stringList("status");
        CaseReader.Logs logs = CaseReader.logs(e);
        return new PluginExpect(returns, success, errors, status, logs.contain(), logs.match(), jsonMap(e, "context"),
                redis(e), calls(e), e.has("http") ? CaseReader.http(e.node("http")) : null);
    }

    /** A return value checked against its kind's type, as JSON. */
    private static JsonNode typed(YamlNode v, String key, PluginReturns.Type type, CallbackKind kind)
            throws CaseFileException {
        JsonNode j = YamlJson.of(v);
        boolean ok = switch (type) {
            case BOOLEAN -> j.isBoolean();
            case NUMBER -> j.isIntegralNumber();
            case TEXT -> v instanceof YamlNode.Scalar s && s.type() != YamlNode.Scalar.Type.NULL;
            case TEXTS -> j.isArray() && v instanceof YamlNode.Sequence seq
                    && seq.items().stream().allMatch(i -> i instanceof YamlNode.Scalar);
            case JSON -> true;
        };
        if (!ok) {
            throw new CaseFileException(v.at(), key + ": a " + kind.flag + " plugin's " + key + " is "
                    + type.expected + ", found " + v.kind());
        }
        if (type == PluginReturns.Type.TEXT) {
            return PluginReturns.MAPPER.getNodeFactory().textNode(((YamlNode.Scalar) v).text());
        }
        if (type == PluginReturns.Type.TEXTS) {
            var a = PluginReturns.MAPPER.createArrayNode();
            for (YamlNode i : ((YamlNode.Sequence) v).items()) {
                a.add(((YamlNode.Scalar) i).text());
            }
            return a;
        }
        return j;
    }

    private static Map<String, JsonNode> jsonMap(Fields e, String key) throws CaseFileException {
        YamlNode n = e.node(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(n.at(), key + ": expected a mapping of key: value, found " + n.kind());
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        m.entries().forEach((k, v) -> out.put(k, YamlJson.of(v.value())));
        return out;
    }

    /**
     * {@code redis:} key -> contents: a string; a mapping of field: value (a hash); a list (a list,
     * or a set, whichever the key is); {@code {zset: {member: score}}}, {@code {set: [...]}},
     * {@code {list: [...]}}, {@code {hash: {...}}} to name the type; empty for no such key.
     */
    private static Map<String, JsonNode> redis(Fields e) throws CaseFileException {
        Map<String, JsonNode> out = jsonMap(e, "redis");
        if (out == null) {
            return null;
        }
        YamlNode.Mapping m = (YamlNode.Mapping) e.node("redis");
        String usage = " (expected a string, a mapping of field: value for a hash, a list, {zset: {member: score}},"
                + " or nothing for a key that must not exist)";
        for (YamlNode.Entry entry : m.entries().values()) {
            YamlNode v = entry.value();
            if (v instanceof YamlNode.Mapping vm && vm.entries().size() == 1
                    && REDIS_TYPES.contains(vm.entries().keySet().iterator().next())
                    && !(vm.entries().values().iterator().next().value() instanceof YamlNode.Scalar)) {
                YamlNode.Entry typed = vm.entries().values().iterator().next();
                boolean mapping = typed.key().equals("hash") || typed.key().equals("zset");
                YamlNode inner = typed.value();
                if (mapping ? !(inner instanceof YamlNode.Mapping) : !(inner instanceof YamlNode.Sequence)) {
                    throw new CaseFileException(inner.at(), "redis: " + entry.key() + ": a " + typed.key() + " is "
                            + (mapping ? "a mapping" : "a list") + ", found " + inner.kind());
                }
                scalars(inner, entry.key(), usage, typed.key().equals("zset"));
            } else if (v instanceof YamlNode.Mapping || v instanceof YamlNode.Sequence) {
                scalars(v, entry.key(), usage, false);
            }
        }
        return out;
    }

    private static void scalars(YamlNode n, String key, String usage, boolean numbers) throws CaseFileException {
        List<YamlNode> items = n instanceof YamlNode.Mapping m
                ? m.entries().values().stream().map(YamlNode.Entry::value).toList() : ((YamlNode.Sequence) n).items();
        for (YamlNode i : items) {
            if (!(i instanceof YamlNode.Scalar s) || (numbers && s.type() != YamlNode.Scalar.Type.INT
                    && s.type() != YamlNode.Scalar.Type.FLOAT)) {
                throw new CaseFileException(i.at(), "redis: " + key + ": found " + i.kind()
                        + (numbers ? " (a zset's scores are numbers)" : usage));
            }
        }
    }

    /** {@code calls:} block -> the calls made, each {@code method} or {@code {method:, args:}}. */
    private static Map<String, List<PluginExpect.Call>> calls(Fields e) throws CaseFileException {
        YamlNode n = e.node("calls");
        if (n == null) {
            return null;
        }
        String usage = "(expected a mapping of fixture block to its calls, e.g. redis: [{method: redis_hset, "
                + "args: \"failed:\"}])";
        if (!(n instanceof YamlNode.Mapping m)) {
            throw new CaseFileException(n.at(), "calls: " + usage + ", found " + n.kind());
        }
        Map<String, List<PluginExpect.Call>> out = new LinkedHashMap<>();
        for (YamlNode.Entry b : m.entries().values()) {
            if (!BLOCKS.contains(b.key())) {
                throw new CaseFileException(b.keyAt(), "calls: unknown fixture block '" + b.key()
                        + "' (expected one of: " + String.join(", ", BLOCKS) + ")");
            }
            if (!(b.value() instanceof YamlNode.Sequence seq)) {
                throw new CaseFileException(b.value().at(), "calls: " + b.key() + ": expected a list of calls, found "
                        + b.value().kind());
            }
            List<PluginExpect.Call> calls = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Scalar) {
                    calls.add(new PluginExpect.Call(Fields.string(item, "calls." + b.key()), null));
                } else {
                    Fields c = new Fields(item, "a call").allow(List.of("method", "args"));
                    c.done();
                    String method = c.string("method");
                    if (method == null) {
                        throw new CaseFileException(c.at(), "calls: " + b.key() + ": a call needs method:");
                    }
                    calls.add(new PluginExpect.Call(method, c.string("args")));
                }
            }
            out.put(b.key(), calls);
        }
        return out;
    }
}
