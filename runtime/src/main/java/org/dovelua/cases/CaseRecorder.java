package org.dovelua.cases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.api.Result;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.lua.sandbox.ExecCall;

/**
 * {@code dovelua record}: writes requests and today's answers as a case file, so a working setup
 * becomes a regression suite in one step. The setup's paths are written relative to the case
 * file's folder, as case files read them; each case expects the result, exit code, fields,
 * doveadm's stdout and the HTTP requests and commands the scripts made.
 */
public final class CaseRecorder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private final Path dir;
    private final ObjectNode root = F.objectNode();
    private final ArrayNode cases;

    /** A case file that will live in {@code dir} (paths are written relative to it). */
    public CaseRecorder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        cases = F.arrayNode();
    }

    public CaseRecorder config(Path config) {
        root.put("config", relative(config));
        return this;
    }

    public CaseRecorder script(Path script) {
        root.put("script", relative(script));
        return this;
    }

    /** A top-level setting as it is (version, timeout, auth_debug, allow_fs, allow_network). */
    public CaseRecorder set(String key, Object value) {
        root.set(key, value instanceof Boolean b ? F.booleanNode(b) : value instanceof Number n
                ? F.numberNode(n.doubleValue()) : F.textNode(String.valueOf(value)));
        return this;
    }

    /** {@code mounts:}, {@code sql:}, {@code dicts:}, {@code exec:}: a key and a local file. */
    public CaseRecorder file(String section, String key, Path local) {
        section(section).put(key, relative(local));
        return this;
    }

    /** {@code stubs:}: a URL prefix and {@code KIND:FILE}. */
    public CaseRecorder stub(String prefix, String kind, Path file) {
        section("stubs").put(prefix, kind + ":" + relative(file));
        return this;
    }

    public CaseRecorder env(String name, String value) {
        section("env").put(name, value);
        return this;
    }

    /** The SASL mechanisms a recorded {@code auth_test} may name ({@code mech:}). */
    public static final List<String> SASL_MECHS = CaseReader.SASL_MECHS;

    /** One request ({@code auth_test}, {@code auth_lookup}, {@code user}, {@code iterate}) and its answer. */
    public CaseRecorder add(Case.Command command, String user, String password, Map<String, String> info, Result r) {
        return add(command, user, password, info, null, r);
    }

    /**
     * One request and its answer; {@code mech} (an {@code auth_test} run with that SASL mechanism, dovelua
     * being the client, or null for doveadm's PLAIN) is written as the request's {@code mech:}, so the case
     * runs the same exchange again.
     */
    public CaseRecorder add(Case.Command command, String user, String password, Map<String, String> info, String mech,
            Result r) {
        ObjectNode c = cases.addObject();
        c.put("name", r.command() + ": " + r.result());
        if (command == Case.Command.ITERATE) {
            c.put("iterate", true);
        } else {
            ObjectNode req = F.objectNode();
            req.put("user", user);
            if (command == Case.Command.AUTH_TEST) {
                req.put("password", password);
            }
            Map<String, String> extra = new LinkedHashMap<>();
            info.forEach((k, v) -> {
                if (CaseReader.INFO_KEYS.contains(k)) {
                    req.put(k, v);
                } else {
                    extra.put(k, v);
                }
            });
            if (!extra.isEmpty()) {
                ObjectNode x = req.putObject("info");
                extra.forEach(x::put);
            }
            if (mech != null) {
                req.put("mech", mech);
            }
            c.set(command.key(), req.size() == 1 && command != Case.Command.AUTH_TEST ? F.textNode(user) : req);
        }
        ObjectNode e = c.putObject("expect");
        e.put("result", r.result());
        e.put("exit", r.exitCode());
        if (command == Case.Command.ITERATE) {
            ArrayNode users = e.putArray("users");
            r.users().forEach(users::add);
        } else {
            ObjectNode fields = e.putObject("fields");
            r.fields().forEach(fields::put);
        }
        e.put("stdout", r.stdout());
        ArrayNode http = e.putArray("http");
        for (HttpExchange x : r.http()) {
            http.addObject().put("method", x.method()).put("url", x.url()).put("status", x.status());
        }
        if (!r.exec().isEmpty()) {
            ArrayNode exec = e.putArray("exec");
            for (ExecCall x : r.exec()) {
                ObjectNode o = exec.addObject().put("command", x.command()).put("mode", x.redirect().label());
                if (!x.stdin().isEmpty()) {
                    o.put("stdin", x.stdin());
                }
            }
        }
        return this;
    }

    /** The case file's text, with a first comment line saying where it came from. */
    public String yaml(String comment) {
        ObjectNode out = root.deepCopy();
        out.set("cases", cases);
        try {
            return "# " + comment + "\n" + YAML.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode section(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    /** {@code p} as the case file reads it: relative to its folder where that is shorter to say. */
    private String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path rel = dir.relativize(abs);
        String s = rel.toString();
        return s.isEmpty() ? "." : s.startsWith("../../../") ? abs.toString() : s;
    }

    /** The known requests, for help texts. */
    public static final List<String> FORMS = List.of("auth USER [PASSWORD]", "lookup USER", "user USER", "iterate");
}
