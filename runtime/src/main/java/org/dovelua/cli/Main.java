package org.dovelua.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine;

/**
 * The {@code dovelua} command line. {@link #run} takes its streams so tests run it in-process;
 * {@code main} only delegates and exits.
 */
public final class Main {
    private final PrintWriter out;
    private final PrintWriter err;
    /** The running auth process later command lines reuse, or null: one per command line. */
    private Session session;
    /** What askpass reads without a terminal: the process's stdin for main, none in-process (/dev/null). */
    private java.io.InputStream in = java.io.InputStream.nullInputStream();

    public Main(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            // Lua calls made on this thread run right here (LuaStackThread), not handed over
            code = org.dovelua.lua.LuaStackThread.runOnOne("main", () -> {
                Main m = new Main(out, err);
                m.in = System.in;
                return m.run(args);
            });
        } catch (InterruptedException e) {
            code = Exits.TEMPFAIL;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code doveadm would give. */
    public int run(String... args) {
        CommandLine cl = DoveluaCommand.commandLine(() -> {
            DoveluaCommand root = new DoveluaCommand(out, err);
            root.session = session;
            root.in = in;
            return root;
        }, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("dovelua: " + ex.getMessage());
            return Exits.SOFTWARE;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            UsageErrors.explain(ex, args2, cl, err);
            return Exits.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Several command lines against one running auth process, as doveadm commands reach one running
     * Dovecot: the first command line's global options start it, later ones only send their
     * command (their global options must be the same). What a script keeps across requests (a
     * global, the auth cache) is kept across command lines. The differential suite runs a case's
     * runs in one session, as it runs them against one real Dovecot.
     */
    public static final class Session implements AutoCloseable {
        org.dovelua.api.Dovelua dovelua;
        /** Seconds added to the system clock: time that passed between command lines without a sleep. */
        private volatile long clockOffset;

        /** Moves the session's clock (the auth cache's TTLs) {@code seconds} forward. */
        public void advanceClock(long seconds) {
            clockOffset += seconds;
        }

        /** {@code time(NULL)} as the session's auth process sees it. */
        long now() {
            return System.currentTimeMillis() / 1000 + clockOffset;
        }

        /**
         * Print the process's start-up stderr with every command line, not only the first: what a
         * fresh process per command line prints ({@code dovelua serve} answers as a cold run does).
         */
        boolean replayStartup;

        @Override
        public void close() {
            if (dovelua != null) {
                dovelua.close();
                dovelua = null;
            }
        }
    }

    /** {@link #capture(String...)} in {@code session}: the auth process of its first command line answers. */
    public static Result capture(Session session, String... args) {
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        Main m = new Main(new PrintWriter(o, true), new PrintWriter(e, true));
        m.session = session;
        int code = m.run(args);
        return new Result(code, o.toString(), e.toString());
    }

    /** Convenience for tests: runs and captures stdout/stderr. */
    public static Result capture(String... args) {
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        int code = new Main(new PrintWriter(o, true), new PrintWriter(e, true)).run(args);
        return new Result(code, o.toString(), e.toString());
    }

    /** What one run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

}
