package org.dovelua.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.dovelua.api.BadRequestException;
import org.dovelua.api.Command;
import org.dovelua.api.Dovelua;
import org.dovelua.api.DoveluaBuilder;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Global options, given before the doveadm-style command, in any order. They fill a
 * {@link DoveluaBuilder}; the commands run through {@link Dovelua}, as the Java API and the case
 * runner do, so all three print the same bytes.
 */
@picocli.CommandLine.Command(name = "dovelua", mixinStandardHelpOptions = true, version = "dovelua 0.1.0",
        description = "Runs Dovecot authentication Lua scripts offline and answers as doveadm would.",
        footer = {"", "Examples:",
                "  dovelua --script auth.lua auth test -x service=imap -x rip=10.0.0.1 alice secret",
                "  dovelua -c dovecot.conf --mount /etc/dovecot=. user alice"})
public final class DoveluaCommand implements Runnable {
    /**
     * The commands, in the order help lists them. They are added by {@link #commandLine}, not by the
     * annotation: picocli builds a command's whole model when it is added, which was a good part of
     * a cold start, so a command line that names one command gets only that one.
     */
    static final List<Class<?>> COMMANDS = List.of(AuthCommand.class, UserCommand.class, TestCommand.class,
            RecordCommand.class, InitCommand.class, BenchCommand.class, CheckCommand.class, SoakCommand.class,
            MigrateCommand.class, ServeCommand.class, PwCommand.class, NauthilusCommand.class,
            picocli.AutoComplete.GenerateCompletion.class);

    final PrintWriter out;
    final PrintWriter err;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "dovecot.conf", description = "Dovecot configuration to read.")
    Path config;

    @Option(names = "--script", paramLabel = "FILE.lua",
            description = "A single script used as Lua passdb and userdb (blocking=yes).")
    Path script;

    @Option(names = "--dovecot-version", paramLabel = "VERSION",
            description = "Dovecot release to emulate (default 2.3.19, or the config's dovecot_config_version).")
    String dovecotVersion;

    @Option(names = "--mount", paramLabel = "ABS_PATH=LOCAL_PATH",
            description = "Serve ABS_PATH (a file or directory) from LOCAL_PATH to scripts and the config.")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--allow-fs", description = "Let scripts read unmounted paths from the real file system.")
    boolean allowFs;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "debug (auth_debug + auth_verbose), info (auth_verbose), warning or error; default: the config's settings.")
    String logLevel;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time limit for one call into a script (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable scripts see with os.getenv.")
    List<String> envVars = new ArrayList<>();

    /** The help texts of the network and command options, shared with {@code nauthilus test}. */
    static final String STUB_HELP = "Answer requests under URL (scheme://host[:port][/path]) with a stub on loopback: "
            + "KIND is static, nauthilus or nextcloud, FILE its YAML file.";
    static final String ALLOW_NETWORK_HELP = "Let requests to URLs without a --stub reach the real network.";
    static final String EXEC_HELP = "Answer commands scripts run (io.popen, os.execute) that PATTERN matches (a glob over the "
            + "whole command line: * any text, ? one character) with the exec stub in FILE (YAML: stdout, "
            + "stderr, exit or signal); the first match answers. Others fail as missing programs (exit 127).";
    static final String ALLOW_EXEC_HELP = "Run commands no --exec stub answers for real, through /bin/sh, "
            + "with your privileges: scripts are no longer sandboxed.";

    @Option(names = "--stub", paramLabel = "URL=KIND:FILE", description = STUB_HELP)
    List<String> stubs = new ArrayList<>();

    @Option(names = "--sql", paramLabel = "URL=FILE",
            description = "Answer luasql connections to URL (mysql://HOST[:PORT]/DB or postgres://HOST[:PORT]/DB) "
                    + "from an in-memory database loaded from FILE, a .sql file with the schema and data.")
    List<String> sql = new ArrayList<>();

    @Option(names = "--dict", paramLabel = "URI=FILE",
            description = "Answer a dict passdb/userdb's dictionary URI from FILE instead of a server: "
                    + "redis:host=H:port=P (an in-process Redis seeded from FILE) or proxy::NAME (a built-in "
                    + "dict server answering from FILE).")
    List<String> dicts = new ArrayList<>();

    @Option(names = "--allow-network", description = ALLOW_NETWORK_HELP)
    boolean allowNetwork;

    @Option(names = "--exec", paramLabel = "PATTERN=FILE", description = EXEC_HELP)
    List<String> execStubs = new ArrayList<>();

    @Option(names = "--allow-exec", description = ALLOW_EXEC_HELP)
    boolean allowExec;

    @Option(names = "--http-max-payload", paramLabel = "BYTES",
            description = "Cut an HTTP response payload after BYTES (default 16777216); real Dovecot has no such "
                    + "limit, a Content-Length above it is 'Payload is too large'.")
    Long httpMaxPayload;

    @Option(names = "--trace-http", description = "Print every HTTP exchange scripts make to stderr.")
    boolean traceHttp;

    /** Set by {@link Main#capture(Main.Session, String...)}: commands go to the session's auth process. */
    Main.Session session;

    /** Where a password prompt reads from without a terminal (set by {@link Main}). */
    java.io.InputStream in = java.io.InputStream.nullInputStream();

    DoveluaCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        spec.commandLine().usage(err);
    }

    /** The command line with every command (help, completion, usage errors). */
    static CommandLine commandLine(DoveluaCommand root) {
        CommandLine cl = new CommandLine(root);
        for (Class<?> c : COMMANDS) {
            cl.addSubcommand(c);
        }
        return cl;
    }

    /**
     * The command line for {@code args}: with only the command they name when a command line with only
     * that one parses them (the token that names it cannot then have been an option's value, or the
     * parse would meet the real command's name unknown), else with every command, so usage errors,
     * help and completion see them all. {@code roots} makes a fresh root for each try.
     */
    static CommandLine commandLine(Supplier<DoveluaCommand> roots, String[] args) {
        Class<?> named = named(args);
        if (named != null && named != picocli.AutoComplete.GenerateCompletion.class) {
            CommandLine one = new CommandLine(roots.get());
            one.addSubcommand(named);
            try {
                CommandLine.ParseResult pr = one.parseArgs(args);
                // root help or version (dovelua --help auth) lists every command: the full model
                if (!pr.isUsageHelpRequested() && !pr.isVersionHelpRequested()) {
                    return one; // picocli resets the options on each parse
                }
            } catch (CommandLine.ParameterException e) {
                // not this command after all, or a usage error: the full model explains it
            }
        }
        return commandLine(roots.get());
    }

    /** The command whose name is the first such token of {@code args}, or null. */
    private static Class<?> named(String[] args) {
        for (String a : args) {
            for (Class<?> c : COMMANDS) {
                if (c.getAnnotation(picocli.CommandLine.Command.class).name().equals(a)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Thrown to end a command with an exit code after printing its message. */
    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /**
     * Runs one doveadm command against a freshly started auth process, printing as it goes; the
     * command is made first (it may ask for a password, as doveadm does before connecting).
     */
    int run(Supplier<Command> command) {
        return run(command, false);
    }

    /**
     * As {@link #run(Supplier)}; with {@code json} stdout gets the answer as one JSON object
     * ({@link org.dovelua.api.ResultJson}) instead of doveadm's text, and stderr stays as it is.
     */
    int run(Supplier<Command> command, boolean json) {
        return exitCode(() -> {
            Command c = command.get();
            if (session != null) {
                return inSession(c, json);
            }
            try (Dovelua d = json ? open(new PrintWriter(java.io.Writer.nullWriter()), err) : open()) {
                org.dovelua.api.Result r = d.run(c);
                if (json) {
                    out.println(org.dovelua.api.ResultJson.line(r));
                    out.flush();
                }
                return r.exitCode();
            }
        });
    }

    /** {@link Main.Session}: the command to the session's auth process, started by its first command line. */
    private int inSession(Command c, boolean json) {
        boolean starting = session.dovelua == null;
        if (starting) {
            session.dovelua = open(null, null);
        }
        if (starting || session.replayStartup) {
            err.print(session.dovelua.startupStderr());
        }
        org.dovelua.api.Result r = session.dovelua.run(c);
        out.print(json ? org.dovelua.api.ResultJson.line(r) + "\n" : r.stdout());
        err.print(r.stderr());
        out.flush();
        err.flush();
        return r.exitCode();
    }

    /** Runs {@code body}, mapping the usage errors and early exits of the options and requests to exit codes. */
    int exitCode(java.util.function.IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (Exit e) {
            return e.code;
        } catch (BadRequestException e) {
            err.println("dovelua: " + e.getMessage());
            return Exits.USAGE;
        }
    }

    /** Starts the auth process the global options describe, its output going to this command's streams. */
    Dovelua open() {
        return open(true);
    }

    /**
     * Starts the auth process the global options describe; without {@code liveOutput} what its
     * requests print is kept in their results only (a soak's million requests print nothing).
     */
    Dovelua open(boolean liveOutput) {
        return liveOutput ? open(out, err) : open(null, null);
    }

    /** Starts the auth process, what its requests print going to {@code liveOut}/{@code liveErr} (null: kept only). */
    Dovelua open(PrintWriter liveOut, PrintWriter liveErr) {
        if ((config == null) == (script == null)) {
            err.println("dovelua: give exactly one of -c dovecot.conf or --script FILE.lua");
            throw new Exit(Exits.USAGE);
        }
        DoveluaBuilder b = Dovelua.builder();
        if (liveOut != null) {
            b.output(liveOut, liveErr);
        }
        if (session != null) {
            b.clock(session::now);
        }
        if (config != null) {
            b.config(config);
        } else {
            b.script(script);
        }
        if (dovecotVersion != null) {
            usage("--dovecot-version", () -> b.version(dovecotVersion));
        }
        usage("--mount", () -> b.mounts(mounts, Path.of("").toAbsolutePath()));
        b.allowRealFs(allowFs);
        for (String e : envVars) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                err.println("dovelua: --env " + e + ": expected NAME=VALUE");
                throw new Exit(Exits.USAGE);
            }
            b.env(e.substring(0, eq), e.substring(eq + 1));
        }
        if (logLevel != null) {
            usage("--log-level " + logLevel, () -> b.logLevel(logLevel));
        }
        stubsAndExecs(b, stubs, execStubs);
        for (String s : sql) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                err.println("dovelua: --sql " + s + ": expected URL=FILE, e.g. mysql://db.example.org/mail=./users.sql");
                throw new Exit(Exits.USAGE);
            }
            usage("--sql " + s, () -> b.sql(s.substring(0, eq), Path.of(s.substring(eq + 1))));
        }
        for (String d : dicts) {
            int eq = d.lastIndexOf('='); // redis URIs hold '=' (host=...); data file names seldom do
            if (eq <= 0 || d.indexOf(':') < 0 || d.indexOf(':') > eq) {
                err.println("dovelua: --dict " + d + ": expected URI=FILE, e.g. "
                        + "redis:host=127.0.0.1:port=6379=redis-seed.yaml or proxy::authdb=users.yaml");
                throw new Exit(Exits.USAGE);
            }
            usage("--dict " + d, () -> {
                try {
                    b.dict(d.substring(0, eq), Path.of(d.substring(eq + 1)));
                } catch (IllegalArgumentException e) {
                    if (!e.getMessage().endsWith("does not exist")) {
                        throw e;
                    }
                    // "redis:host=H:port=6379" alone reads as URI "redis:host=H:port" and file "6379"
                    throw new IllegalArgumentException(e.getMessage() + " (the data file follows the URI's last '=',"
                            + " e.g. redis:host=127.0.0.1:port=6379=redis-seed.yaml)");
                }
            });
        }
        if (httpMaxPayload != null) {
            usage("--http-max-payload " + httpMaxPayload, () -> b.httpMaxPayload(httpMaxPayload));
        }
        return b.allowNetwork(allowNetwork).allowExec(allowExec).traceHttp(traceHttp)
                .timeout(Duration.ofMillis((long) (timeoutSeconds * 1000))).build();
    }

    /**
     * {@code --stub URL=KIND:FILE} and {@code --exec 'PATTERN'=FILE} into {@code b}; a malformed one is
     * a usage error naming the option (also for {@code dovelua nauthilus test}).
     */
    void stubsAndExecs(DoveluaBuilder b, List<String> stubs, List<String> execStubs) {
        for (String s : stubs) {
            int eq = s.indexOf('=');
            int colon = eq < 0 ? -1 : s.indexOf(':', eq + 1);
            if (eq <= 0 || colon < 0) {
                err.println("dovelua: --stub " + s + ": expected URL=KIND:FILE, e.g. "
                        + "https://login.example.com=nauthilus:users.yaml");
                throw new Exit(Exits.USAGE);
            }
            usage("--stub " + s, () -> b.stub(s.substring(0, eq), s.substring(eq + 1, colon),
                    Path.of(s.substring(colon + 1))));
        }
        for (String x : execStubs) {
            int eq = x.lastIndexOf('='); // commands may hold '=' (--user=alice); stub file names seldom do
            if (eq <= 0) {
                err.println("dovelua: --exec " + x + ": expected 'PATTERN'=FILE, e.g. "
                        + "'/usr/local/bin/checkpw alice *'=checkpw-ok.yaml");
                throw new Exit(Exits.USAGE);
            }
            usage("--exec " + x, () -> b.exec(x.substring(0, eq), Path.of(x.substring(eq + 1))));
        }
    }

    /** The global options that describe an auth process ({@code dovelua serve} keeps one process per value). */
    List<String> processOptions() {
        // every global option, read from the parsed model: an option added later is part of the key
        // without anyone remembering to list it here
        List<String> key = new java.util.ArrayList<>();
        for (picocli.CommandLine.Model.OptionSpec o : spec.options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                Object v = o.getValue();
                key.add(o.longestName() + "=" + (v instanceof Object[] a ? java.util.Arrays.deepToString(a) : v));
            }
        }
        return key;
    }

    /** Runs a builder step; a refused value is a usage error naming the option. */
    private void usage(String option, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            err.println("dovelua: " + option + ": " + e.getMessage());
            throw new Exit(Exits.USAGE);
        }
    }
}
