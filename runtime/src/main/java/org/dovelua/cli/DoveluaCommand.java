package org.dovelua.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.AuthSetup;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.doveadm.Exits;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.dovelua.stubs.StubFileException;
import org.dovelua.stubs.StubFiles;
import org.dovelua.stubs.StubServer;
import org.dovelua.version.DovecotVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Global options, given before the doveadm-style command, in any order. */
@Command(name = "dovelua", mixinStandardHelpOptions = true, version = "dovelua 0.1.0",
        description = "Runs Dovecot authentication Lua scripts offline and answers as doveadm would.",
        subcommands = {AuthCommand.class, UserCommand.class, TestCommand.class, BenchCommand.class, PwCommand.class},
        footer = {"", "Examples:",
                "  dovelua --script auth.lua auth test -x service=imap -x rip=10.0.0.1 alice secret",
                "  dovelua -c dovecot.conf --mount /etc/dovecot=. user alice"})
public final class DoveluaCommand implements Runnable {
    final PrintWriter out;
    final PrintWriter err;

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

    @Option(names = "--stub", paramLabel = "URL=KIND:FILE",
            description = "Answer requests under URL (scheme://host[:port][/path]) with a stub on loopback: "
                    + "KIND is static, nauthilus or nextcloud, FILE its YAML file.")
    List<String> stubs = new ArrayList<>();

    @Option(names = "--allow-network", description = "Let requests to URLs without a --stub reach the real network.")
    boolean allowNetwork;

    @Option(names = "--trace-http", description = "Print every HTTP exchange scripts make to stderr.")
    boolean traceHttp;

    /** The stub servers this run started; stopped when the command ends. */
    private final List<StubServer> started = new ArrayList<>();
    private HttpRouter router;

    DoveluaCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(err);
    }

    /** Thrown to end a command with an exit code after printing its message. */
    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /** The auth process is not there to answer: it failed to start, or died during the request. */
    static final class AuthDown extends RuntimeException {
        final boolean midRequest;

        AuthDown(boolean midRequest) {
            super(null, null, false, false);
            this.midRequest = midRequest;
        }
    }

    /** One log line, multi-line messages continued as Dovecot's log process writes them. */
    void printLog(String process, LogLevel level, String message) {
        String[] lines = message.split("\n", -1);
        err.println(process + ": " + level.label() + ": " + lines[0]);
        // the log process writes the continuation of a fatal message as errors (seen on 2.3.19)
        LogLevel rest = level.compareTo(LogLevel.ERROR) > 0 ? LogLevel.ERROR : level;
        for (int i = 1; i < lines.length; i++) {
            err.println(process + ": " + rest.label() + ": " + lines[i]);
        }
    }

    /** The router for {@code --stub}, {@code --allow-network} and {@code --trace-http}. */
    HttpRouter router() {
        if (router != null) {
            return router;
        }
        HttpRouter r = new HttpRouter(h -> err.println("dovelua: hint: " + h)).allowNetwork(allowNetwork);
        for (String s : stubs) {
            int eq = s.indexOf('=');
            int colon = eq < 0 ? -1 : s.indexOf(':', eq + 1);
            if (eq <= 0 || colon < 0) {
                err.println("dovelua: --stub " + s + ": expected URL=KIND:FILE, e.g. "
                        + "https://login.example.com=nauthilus:users.yaml");
                throw new Exit(Exits.USAGE);
            }
            String url = s.substring(0, eq);
            try {
                StubServer stub = StubFiles.load(s.substring(eq + 1, colon), Path.of(s.substring(colon + 1)));
                started.add(stub);
                r.routeStub(url, stub.start());
            } catch (StubFileException | IllegalArgumentException e) {
                err.println("dovelua: --stub " + s + ": " + e.getMessage());
                close();
                throw new Exit(Exits.USAGE);
            }
        }
        if (traceHttp) {
            r.onExchange(ex -> {
                for (String line : ex.trace().split("\n")) {
                    err.println("dovelua: http: " + line);
                }
            });
        }
        router = r;
        return r;
    }

    /** Stops the stub servers. */
    void close() {
        started.forEach(StubServer::close);
        started.clear();
    }

    /** Builds and starts the auth process for the global options. */
    AuthEngine engine() {
        if ((config == null) == (script == null)) {
            err.println("dovelua: give exactly one of -c dovecot.conf or --script FILE.lua");
            throw new Exit(Exits.USAGE);
        }
        DovecotVersion version = null;
        if (dovecotVersion != null) {
            try {
                version = DovecotVersion.parse(dovecotVersion);
            } catch (IllegalArgumentException e) {
                err.println("dovelua: --dovecot-version: " + e.getMessage());
                throw new Exit(Exits.USAGE);
            }
        }
        VirtualFileSystem vfs;
        try {
            vfs = VirtualFileSystem.parse(mounts, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            err.println("dovelua: --mount: " + e.getMessage());
            throw new Exit(Exits.USAGE);
        }
        vfs.allowRealFs(allowFs);
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : envVars) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                err.println("dovelua: --env " + e + ": expected NAME=VALUE");
                throw new Exit(Exits.USAGE);
            }
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        Boolean debug = null;
        Boolean verbose = null;
        if (logLevel != null) {
            switch (logLevel) {
                case "debug":
                    debug = true;
                    verbose = true;
                    break;
                case "info":
                    debug = false;
                    verbose = true;
                    break;
                case "warning":
                case "error":
                    debug = false;
                    verbose = false;
                    break;
                default:
                    err.println("dovelua: --log-level " + logLevel + ": use debug, info, warning or error");
                    throw new Exit(Exits.USAGE);
            }
        }
        HttpRouter http = router();
        boolean errorsOnly = "error".equals(logLevel);
        AuthSetup setup = new AuthSetup()
                .vfs(vfs)
                .http(http)
                .env(env)
                .hints(h -> err.println("dovelua: hint: " + h))
                .scriptStdout(line -> err.println("dovelua: stdout (real Dovecot discards it): " + line))
                .callTimeout(Duration.ofMillis((long) (timeoutSeconds * 1000)))
                .logging(debug, verbose)
                .sink((process, level, message) -> {
                    if (errorsOnly && level.compareTo(LogLevel.ERROR) < 0) {
                        return;
                    }
                    printLog(process, level, message);
                });
        if (version != null) {
            setup.version(version);
        }
        AuthEngine engine;
        try {
            engine = config != null ? setup.fromConfig(config) : setup.fromScript(script);
        } catch (SetupException e) {
            err.println("dovelua: " + e.getMessage());
            throw new Exit(Exits.CONFIG);
        }
        try {
            engine.init();
        } catch (AuthInitException e) {
            // i_fatal() at auth process start: the service never answers.
            printLog("auth", LogLevel.FATAL, e.getMessage());
            err.println("master: Error: service(auth): command startup failed, throttling for 2.000 secs");
            engine.close();
            throw new AuthDown(false);
        }
        return engine;
    }
}
