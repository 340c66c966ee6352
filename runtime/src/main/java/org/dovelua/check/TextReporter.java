package org.dovelua.check;

import java.io.PrintWriter;
import java.util.List;

/** {@code file:line:col: warning|error: text [rule-id]}, one line each, as compilers print. */
public final class TextReporter {
    private TextReporter() {
    }

    public static void print(List<Finding> findings, PrintWriter out) {
        for (Finding f : findings) {
            out.println(f.text());
        }
        out.flush();
    }
}
