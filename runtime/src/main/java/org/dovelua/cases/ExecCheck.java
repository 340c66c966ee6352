package org.dovelua.cases;

import java.util.List;
import org.dovelua.lua.sandbox.ExecCall;

/** Compares the commands a script started with a case's {@code expect: exec:}. */
final class ExecCheck {
    private ExecCheck() {
    }

    static void check(List<ExecExpect> expected, List<ExecCall> actual, List<Mismatch> out) {
        if (expected.size() != actual.size()) {
            StringBuilder want = new StringBuilder();
            expected.forEach(x -> want.append(x.mode() == null ? "*" : x.mode()).append(' ')
                    .append(x.command() == null ? "*" : x.command()).append('\n'));
            StringBuilder got = new StringBuilder();
            actual.forEach(x -> got.append(x).append('\n'));
            out.add(new Mismatch("commands (" + expected.size() + " expected, " + actual.size() + " started)",
                    want.length() == 0 ? "(none)\n" : want.toString(), got.length() == 0 ? "(none)\n" : got.toString()));
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            ExecExpect e = expected.get(i);
            ExecCall a = actual.get(i);
            String what = "command " + (i + 1) + " (line " + e.at().line() + ")";
            if (e.command() != null && !e.command().equals(a.command())) {
                out.add(new Mismatch(what, e.command(), a.command()));
            }
            if (e.mode() != null && !e.mode().equals(a.redirect().label())) {
                out.add(new Mismatch(what + " mode", e.mode(), a.redirect().label()));
            }
            if (e.stdin() != null && !e.stdin().equals(a.stdin())) {
                out.add(new Mismatch(what + " stdin", e.stdin(), a.stdin()));
            }
        }
    }
}
