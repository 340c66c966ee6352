package org.dovelua.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.dovelua.serve.ServeProtocol.Answer;
import org.dovelua.serve.ServeProtocol.Request;
import picocli.CommandLine;

/**
 * What {@code dovelua serve} runs for each call: the auth processes that stay up between command
 * lines, one per set of global options, as a running Dovecot stays up between doveadm calls (Lua
 * globals and the auth cache persist). Before each call the files the process read are checked as
 * {@code test --watch} checks them ({@link Watch}); a change restarts the process first, as
 * {@code doveadm reload} would, so no answer comes from an old script or config.
 *
 * <p>Only the doveadm commands that ask a running auth process are served ({@link #SERVED}); the
 * rest, a command line that does not parse, a call from another directory and an {@code auth test}
 * or {@code auth login} that would prompt for its password go back to the launcher ({@link Answer#LOCAL}), which runs
 * them as before.
 */
final class ServedProcesses implements AutoCloseable {
    /** The command paths served: doveadm's requests to a running auth process. */
    static final Set<String> SERVED = Set.of("auth test", "auth login", "auth lookup", "auth cache flush", "user");

    private final String cwd;
    private final Path jar;
    private final String jarStamp;
    private final Runnable stopServer;
    /** At most this many auth processes are kept; starting one more closes the least recently used. */
    static final int MAX_PROCESSES = 16;
    private final Map<List<String>, Process> processes = new java.util.LinkedHashMap<>(16, 0.75f, true);
    private long calls;
    private long restarts;

    /** One auth process and what it read. */
    private static final class Process {
        final Main.Session session = new Main.Session();
        final Watch watch;

        Process(List<Path> roots) {
            this.watch = new Watch(() -> roots);
            session.replayStartup = true;
        }
    }

    /**
     * @param cwd the directory served (calls from elsewhere run locally: their relative paths are theirs)
     * @param jar the CLI jar; when it changes (a rebuild) the server answers "local" and stops
     */
    ServedProcesses(String cwd, Path jar, Runnable stopServer) {
        this.cwd = cwd;
        this.jar = jar;
        this.jarStamp = stamp(jar);
        this.stopServer = stopServer;
    }

    static String stamp(Path file) {
        try {
            return file == null ? "" : Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (java.io.IOException e) {
            return "missing";
        }
    }

    synchronized Answer handle(Request r) {
        if (!r.cwd().equals(cwd)) {
            return Answer.LOCAL;
        }
        if (!stamp(jar).equals(jarStamp)) {
            stopServer.run(); // rebuilt: this JVM runs the old code
            return Answer.LOCAL;
        }
        List<String> argv = r.argv();
        if (argv.equals(List.of("serve", "--status"))) {
            return Answer.done(0, status(), "");
        }
        if (argv.equals(List.of("serve", "--stop"))) {
            stopServer.run();
            return Answer.done(0, "", "");
        }
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        String[] args = argv.toArray(new String[0]);
        CommandLine.ParseResult parsed;
        try {
            // only the named command's model, as Main builds it (a served call pays no more than that)
            parsed = DoveluaCommand.commandLine(() -> new DoveluaCommand(none, none), args).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Answer.LOCAL; // the usage error and its hints, as printed by a local run
        }
        DoveluaCommand root = (DoveluaCommand) parsed.commandSpec().userObject();
        List<String> path = new ArrayList<>();
        CommandLine.ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
            path.add(leaf.commandSpec().name());
        }
        if (!SERVED.contains(String.join(" ", path))
                || leaf.commandSpec().userObject() instanceof AuthCommand.UserPassword u && u.password == null) {
            return Answer.LOCAL;
        }
        calls++;
        List<String> key = root.processOptions();
        Process p = processes.get(key);
        if (p != null && changed(p.watch)) {
            p.session.close(); // doveadm reload: script_deinit, then a fresh process
            processes.remove(key);
            restarts++;
            p = null;
        }
        if (p == null) {
            p = new Process(roots(root));
            try {
                p.session.dovelua = root.open(null, null);
            } catch (DoveluaCommand.Exit | org.dovelua.api.BadRequestException e) {
                return Answer.LOCAL; // an option mistake: the launcher's run prints it
            }
            if (!p.session.dovelua.started()) {
                p.session.close(); // a start that failed is reported by a cold run, and retried by the next call
                return Answer.LOCAL;
            }
            processes.put(key, p);
            if (processes.size() > MAX_PROCESSES) {
                var eldest = processes.entrySet().iterator().next();
                eldest.getValue().session.close();
                processes.remove(eldest.getKey());
            }
        }
        Main.Result res = Main.capture(p.session, argv.toArray(new String[0]));
        return Answer.done(res.exitCode(), res.stdout(), res.stderr());
    }

    private static boolean changed(Watch w) {
        boolean[] once = {true};
        return w.awaitChange(() -> {
            boolean r = once[0];
            once[0] = false;
            return r;
        });
    }

    /**
     * The files an auth process started from these options reads: the config's folder (its
     * includes), the script and the files beside it (what it may dofile), the mounted folders, and
     * the stub, exec, SQL and dict files. Files reached only through --allow-fs are not watched,
     * as a running Dovecot does not notice them either.
     */
    static List<Path> roots(DoveluaCommand root) {
        Set<Path> roots = new LinkedHashSet<>();
        if (root.config != null) {
            Path c = root.config.toAbsolutePath().normalize();
            roots.add(c);
            if (c.getParent() != null) {
                roots.add(c.getParent());
            }
        }
        if (root.script != null) {
            Path s = root.script.toAbsolutePath().normalize();
            roots.add(s);
            if (s.getParent() != null && Files.isDirectory(s.getParent())) {
                roots.add(s.getParent()); // its folder and subfolders: modules it requires, files it reads
            }
        }
        for (String m : root.mounts) {
            int eq = m.indexOf('=');
            if (eq > 0) {
                roots.add(Path.of(m.substring(eq + 1)).toAbsolutePath().normalize());
            }
        }
        List<String> fileOptions = new ArrayList<>();
        for (String s : root.stubs) {
            int eq = s.indexOf('=');
            int colon = eq < 0 ? -1 : s.indexOf(':', eq + 1);
            if (colon > 0) {
                fileOptions.add(s.substring(colon + 1));
            }
        }
        Stream.of(root.execStubs, root.sql, root.dicts).flatMap(List::stream).forEach(o -> {
            int eq = o.lastIndexOf('=');
            if (eq > 0) {
                fileOptions.add(o.substring(eq + 1));
            }
        });
        for (String f : fileOptions) {
            roots.add(Path.of(f).toAbsolutePath().normalize());
        }
        return List.copyOf(roots);
    }

    String status() {
        return "dovelua serve: pid " + ProcessHandle.current().pid() + ", serving " + cwd + "\n"
                + "auth processes: " + processes.size() + ", calls answered: " + calls + ", restarts after a change: "
                + restarts + "\n";
    }

    @Override
    public synchronized void close() {
        processes.values().forEach(p -> p.session.close());
        processes.clear();
    }
}
