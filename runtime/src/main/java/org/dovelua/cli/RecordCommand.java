package org.dovelua.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.dovelua.cases.Case;
import org.dovelua.cases.CaseRecorder;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua record REQUEST...}: runs the requests against the setup the global options
 * describe and writes a case file whose expectations are the answers (issue 18, "Beyond doveadm").
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Run requests and write them as a case file whose expectations are today's answers.",
                "REQUEST is one argument: 'auth USER [PASSWORD]' (auth test), 'lookup USER' (auth lookup), "
                        + "'user USER' (user -u) or 'iterate' (user '*'); -x pairs go with every request.",
                "The case file's setup is the global options (-c/--script, --mount, --env, --stub, --exec, --sql, "
                        + "--dict, ...), paths relative to the case file's folder."},
        footer = {"", "Example:",
                "  dovelua -c dovecot.conf --mount /etc/dovecot=. record -o login.cases.yaml -x service=imap \\",
                "      'auth alice wonderland' 'auth alice wrong' 'lookup bob' 'user alice' iterate",
                "  dovelua -c dovecot.conf record -o scram.cases.yaml -A SCRAM-SHA-256 'auth alice wonderland'"})
final class RecordCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the case file here (default: stdout); an existing file is not overwritten.")
    Path output;

    @Mixin
    InfoOptions x;

    /** The SASL mechanism of the {@code auth} requests, dovelua being the client (a case's {@code mech:}). */
    @Option(names = "-A", paramLabel = "MECH",
            description = "Run the auth requests with this SASL mechanism, dovelua being the client, and write it as"
                    + " each one's mech: (PLAIN, LOGIN, CRAM-MD5, DIGEST-MD5, SCRAM-SHA-1, SCRAM-SHA-256, ...).")
    String mech;

    @Parameters(paramLabel = "REQUEST", arity = "1..*")
    List<String> requests;

    private record Request(Case.Command command, String user, String password) {
    }

    @Override
    public Integer call() {
        List<Request> parsed = new ArrayList<>();
        for (String spec : requests) {
            Request r = parse(spec);
            if (r == null) {
                root.err.println("dovelua: record: request '" + spec + "': expected one of "
                        + String.join(", ", CaseRecorder.FORMS) + " (each one argument: quote it)");
                return Exits.USAGE;
            }
            parsed.add(r);
        }
        if (mech != null && !CaseRecorder.SASL_MECHS.contains(mech.toUpperCase(java.util.Locale.ROOT))) {
            root.err.println("dovelua: record: -A: unknown SASL mechanism '" + mech + "' (one of "
                    + String.join(", ", CaseRecorder.SASL_MECHS) + ")");
            return Exits.USAGE;
        }
        if (output != null && Files.exists(output)) {
            root.err.println("dovelua: record: " + output + " exists: give another -o FILE or remove it");
            return Exits.USAGE;
        }
        Map<String, String> info = new LinkedHashMap<>();
        for (String pair : x.info) {
            int eq = pair.indexOf('=');
            info.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        Path dir = output == null ? Path.of("") : output.toAbsolutePath().getParent();
        return root.exitCode(() -> {
            CaseRecorder rec = setup(new CaseRecorder(dir));
            try (Dovelua d = root.open(false)) {
                for (Request r : parsed) {
                    Result answer = switch (r.command()) {
                        case AUTH_TEST -> mech == null ? d.authTest(r.user(), r.password(), info)
                                : d.authTest(r.user(), r.password(), info, mech);
                        case AUTH_LOOKUP -> d.authLookup(r.user(), info);
                        case USER -> d.userLookup(r.user(), info);
                        case ITERATE -> d.iterate();
                        case PLUGIN, AUTH_LOGIN, CACHE_FLUSH, CACHE_STATS ->
                                throw new IllegalStateException("dovelua record sends auth and user requests only");
                    };
                    if (answer.exitCode() == Exits.CONFIG) {
                        root.err.print(answer.stderr());
                        return Exits.CONFIG;
                    }
                    rec.add(r.command(), r.user(), r.password(), info, r.command() == Case.Command.AUTH_TEST ? mech : null,
                            answer);
                }
            }
            String yaml = rec.yaml("Recorded by dovelua record: each expect: is the answer of that run; edit what"
                    + " must not be pinned.");
            if (output == null) {
                root.out.print(yaml);
                root.out.flush();
                return Exits.OK;
            }
            try {
                Files.writeString(output, yaml);
            } catch (IOException e) {
                root.err.println("dovelua: record: " + output + ": " + e.getMessage());
                return Exits.CANTCREAT;
            }
            root.err.println("dovelua: record: wrote " + parsed.size() + " case" + (parsed.size() == 1 ? "" : "s")
                    + " to " + output + " (run them with: dovelua test " + output + ")");
            return Exits.OK;
        });
    }

    private static Request parse(String spec) {
        String[] w = spec.strip().isEmpty() ? new String[0] : spec.strip().split("\\s+");
        if (w.length == 1 && w[0].equals("iterate")) {
            return new Request(Case.Command.ITERATE, null, null);
        }
        if (w.length == 2 || w.length == 3 && w[0].equals("auth")) {
            switch (w[0]) {
                case "auth":
                    return new Request(Case.Command.AUTH_TEST, w[1], w.length == 3 ? w[2] : "");
                case "lookup":
                    return new Request(Case.Command.AUTH_LOOKUP, w[1], null);
                case "user":
                    return new Request(Case.Command.USER, w[1], null);
                default:
                    return null;
            }
        }
        return null;
    }

    /** The case file's setup: the global options, as the case file keys say them. */
    private CaseRecorder setup(CaseRecorder rec) {
        Path cwd = Path.of("").toAbsolutePath();
        if (root.config != null) {
            rec.config(root.config);
        } else if (root.script != null) {
            rec.script(root.script);
        }
        if (root.dovecotVersion != null) {
            rec.set("dovecot_version", root.dovecotVersion);
        }
        for (String m : root.mounts) {
            int eq = m.indexOf('=');
            rec.file("mounts", m.substring(0, eq), cwd.resolve(m.substring(eq + 1)));
        }
        for (String e : root.envVars) {
            int eq = e.indexOf('=');
            rec.env(e.substring(0, eq), e.substring(eq + 1));
        }
        if ("debug".equals(root.logLevel)) {
            rec.set("auth_debug", true);
        } else if ("info".equals(root.logLevel)) {
            rec.set("auth_verbose", true);
        } else if (root.logLevel != null) {
            rec.set("auth_verbose", false).set("auth_debug", false);
        }
        if (root.timeoutSeconds != 10) {
            rec.set("timeout", root.timeoutSeconds);
        }
        if (root.allowFs) {
            rec.set("allow_fs", true);
        }
        for (String s : root.stubs) {
            int eq = s.indexOf('=');
            int colon = s.indexOf(':', eq + 1);
            rec.stub(s.substring(0, eq), s.substring(eq + 1, colon), cwd.resolve(s.substring(colon + 1)));
        }
        if (root.allowNetwork) {
            rec.set("allow_network", true);
        }
        for (String e : root.execStubs) {
            int eq = e.lastIndexOf('=');
            rec.file("exec", e.substring(0, eq), cwd.resolve(e.substring(eq + 1)));
        }
        for (String q : root.sql) {
            int eq = q.indexOf('=');
            rec.file("sql", q.substring(0, eq), cwd.resolve(q.substring(eq + 1)));
        }
        for (String q : root.dicts) {
            int eq = q.lastIndexOf('=');
            rec.file("dicts", q.substring(0, eq), cwd.resolve(q.substring(eq + 1)));
        }
        if (root.allowExec) {
            root.err.println("dovelua: record: --allow-exec is not a case-file setting: the recorded cases need "
                    + "exec: stubs for the commands they ran (listed under each case's expect: exec:)");
        }
        return rec;
    }
}
