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

    public Main(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = new Main(out, err).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code doveadm would give. */
    public int run(String... args) {
        DoveluaCommand root = new DoveluaCommand(out, err);
        CommandLine cl = new CommandLine(root);
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
