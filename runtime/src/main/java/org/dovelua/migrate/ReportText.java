package org.dovelua.migrate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.dovelua.cases.LineDiff;
import org.dovelua.version.Since;

/** {@code dovelua migrate}'s report for a reader: per file, per case, the changed lines and their rows. */
public final class ReportText {
    /** The most changed lines one aspect shows. */
    static final int LINES_SHOWN = 16;

    private ReportText() {
    }

    public static void print(MigrationReport r, PrintWriter out) {
        out.println("dovelua migrate: " + r.from() + " -> " + r.to());
        int same = 0;
        int changed = 0;
        int skipped = 0;
        int notCompared = 0;
        for (FileReport f : r.files()) {
            out.println();
            out.println(shown(f.file()));
            if (f.notCompared() != null) {
                out.println("  not compared: " + f.notCompared());
                notCompared++;
                continue;
            }
            config(f, r, out);
            for (CaseChange c : f.cases()) {
                String title = "  line " + c.testCase().at().line() + " \"" + c.testCase().name() + "\": ";
                if (c.skipped()) {
                    out.println(title + "skipped");
                    skipped++;
                    continue;
                }
                String unstable = c.unstable().isEmpty() ? "" : " (not compared, differs from run to run: "
                        + String.join(", ", c.unstable().stream().map(Aspect::label).toList()) + ")";
                if (!c.changed()) {
                    out.println(title + "same" + unstable);
                    same++;
                    continue;
                }
                changed++;
                String expectations = c.passedFrom() == c.passedTo() ? ""
                        : c.passedFrom() ? " (its expectations hold under " + r.from() + ", not under " + r.to() + ")"
                        : " (its expectations fail under " + r.from() + ", hold under " + r.to() + ")";
                out.println(title + "changed" + expectations + unstable);
                for (CaseChange.AspectChange a : c.changes()) {
                    out.println("    " + a.aspect().label() + ":");
                    diff(a.from(), a.to(), out);
                    out.println("      " + a.attribution().describe());
                }
            }
        }
        out.println();
        out.println(same + changed + skipped + " cases: " + same + " same, " + changed + " changed, " + skipped
                + " skipped" + (notCompared == 0 ? "" : "; " + notCompared + " files not compared"));
        Map<Since, Integer> rows = r.rows();
        if (!rows.isEmpty()) {
            out.println();
            out.println("Rules behind the changes, and the edit that keeps " + r.from() + "'s behaviour:");
            rows.forEach((row, n) -> {
                out.println("  " + row + " (since " + row.since() + ", " + row.source() + "), " + n
                        + (n == 1 ? " case" : " cases") + ": " + row.rule());
                out.println("    edit: " + MigrationHints.hint(row));
            });
        }
        out.flush();
    }

    private static void config(FileReport f, MigrationReport r, PrintWriter out) {
        ConfigMigration c = f.config();
        if (c == null) {
            return;
        }
        if (c.text() == null) {
            out.println("  config " + shown(c.source()) + ": " + String.join("; ", c.notes()));
            return;
        }
        out.println("  config " + shown(c.source()) + ": 2.3 syntax; in " + r.to() + "'s syntax"
                + (c.loadError() == null ? " (loaded by " + r.to() + "'s config parser)"
                : " (" + r.to() + "'s config parser refuses it: " + c.loadError() + ")") + ":");
        for (String line : c.text().split("\n")) {
            out.println("    | " + line);
        }
        c.notes().forEach(n -> out.println("    note: " + n.replace(c.source().toString(), shown(c.source()))));
        out.println(f.convertedConfigUsed() ? "    the " + r.to() + " runs read this converted config"
                : "    the " + r.to() + " runs read the original config");
    }

    /** A path below the working directory as a relative one, as the user typed it. */
    private static String shown(java.nio.file.Path p) {
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        java.nio.file.Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    /** The changed lines of one aspect ({@code - } old release only, {@code + } new release only). */
    private static void diff(List<String> from, List<String> to, PrintWriter out) {
        List<String> changed = LineDiff.render(from, to).lines().filter(l -> !l.startsWith("    ")).toList();
        changed.stream().limit(LINES_SHOWN).forEach(l -> out.println("    " + l));
        if (changed.size() > LINES_SHOWN) {
            out.println("      (" + (changed.size() - LINES_SHOWN) + " more changed lines)");
        }
    }
}
