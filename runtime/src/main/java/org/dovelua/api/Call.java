package org.dovelua.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.doveadm.Doveadm;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.lua.sandbox.ExecCall;

/**
 * What one command printed and logged while it ran, kept for its {@link Result} and, when the
 * instance has live output (the command line), written there as it happens.
 */
final class Call {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    final PrintWriter outWriter;
    final PrintWriter errWriter;
    final Doveadm doveadm;
    final List<String> logs = new ArrayList<>();
    /** Exchanges recorded from the scripts' threads while this call runs. */
    final List<HttpExchange> http = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Commands the scripts started while this call runs. */
    final List<ExecCall> exec = java.util.Collections.synchronizedList(new ArrayList<>());

    Call(PrintWriter liveOut, PrintWriter liveErr) {
        outWriter = new PrintWriter(tee(out, liveOut), true);
        errWriter = new PrintWriter(tee(err, liveErr), true);
        doveadm = new Doveadm(outWriter, errWriter);
    }

    /**
     * One log line per message line, as Dovecot's log process writes a multi-line message: the
     * continuation of a fatal or panic message is written as errors (seen on 2.3.19).
     */
    void log(String process, LogLevel level, String message) {
        String[] lines = message.split("\n", -1);
        LogLevel rest = level.compareTo(LogLevel.ERROR) > 0 ? LogLevel.ERROR : level;
        for (int i = 0; i < lines.length; i++) {
            String text = process + ": " + (i == 0 ? level : rest).label() + ": " + lines[i];
            logs.add(text);
            errWriter.println(text);
        }
    }

    /** What was written to stderr so far. */
    String stderrText() {
        errWriter.flush();
        return err.toString();
    }

    /** Takes over what a failed start logged, for the request that finds the process down. */
    void adopt(Call start) {
        start.outWriter.flush();
        start.errWriter.flush();
        out.write(start.out.toString());
        err.write(start.err.toString());
        logs.addAll(start.logs);
        exec.addAll(start.exec);
    }

    Result result(String command, Outcome o) {
        outWriter.flush();
        errWriter.flush();
        return new Result(command, o.exitCode(), out.toString(), err.toString(), o.result(),
                fields(o.fieldLines()), o.fieldLines(), o.users(), logs, http, exec);
    }

    /** {@code key=value} lines as an ordered map; a bare {@code key} maps to "" and "" is skipped. */
    static Map<String, String> fields(List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            m.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
        }
        return m;
    }

    private static Writer tee(StringWriter kept, PrintWriter live) {
        if (live == null) {
            return kept;
        }
        return new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                kept.write(buf, off, len);
                live.write(buf, off, len);
            }

            @Override
            public void flush() {
                live.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
    }
}
