package org.dovelua.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.doveadm.Doveadm;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.lua.http.HttpExchange;

/** What one command printed and logged while it ran. */
final class Call {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    final PrintWriter outWriter = new PrintWriter(out, true);
    final PrintWriter errWriter = new PrintWriter(err, true);
    final Doveadm doveadm = new Doveadm(outWriter, errWriter);
    final List<String> logs = new ArrayList<>();
    /** Exchanges recorded from the scripts' threads while this call runs. */
    final List<HttpExchange> http = java.util.Collections.synchronizedList(new ArrayList<>());

    /** One log line per message line, as Dovecot's log process writes a multi-line message. */
    void log(String process, LogLevel level, String message) {
        for (String line : message.split("\n", -1)) {
            String text = process + ": " + level.label() + ": " + line;
            logs.add(text);
            errWriter.println(text);
        }
    }

    Result result(String command, Outcome o) {
        outWriter.flush();
        errWriter.flush();
        return new Result(command, o.exitCode(), out.toString(), err.toString(), o.result(),
                fields(o.fieldLines()), o.fieldLines(), o.users(), logs, http);
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
}
