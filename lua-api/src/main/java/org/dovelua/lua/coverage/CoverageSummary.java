package org.dovelua.lua.coverage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code dovelua test --coverage} prints after the cases: per file its lines hit/total with
 * the percentage, its {@code if} arms taken/measured, and the missed line ranges; then the total.
 */
public final class CoverageSummary {
    private CoverageSummary() {
    }

    public static String write(List<FileCoverage> files, Path base) {
        Path root = base.toAbsolutePath().normalize();
        StringBuilder out = new StringBuilder("Coverage:\n");
        int lines = 0;
        int hit = 0;
        int arms = 0;
        int taken = 0;
        for (FileCoverage f : files) {
            Path shown = f.file().startsWith(root) ? root.relativize(f.file()) : f.file();
            out.append("  ").append(shown).append(": lines ").append(f.linesHit()).append('/').append(f.linesFound())
                    .append(" (").append(percent(f.linesHit(), f.linesFound())).append("), if arms ")
                    .append(f.branchesHit()).append('/').append(f.branchesFound());
            String missed = f.uncovered();
            out.append(missed.isEmpty() ? "" : ", uncovered: " + missed).append('\n');
            lines += f.linesFound();
            hit += f.linesHit();
            arms += f.branchesFound();
            taken += f.branchesHit();
        }
        out.append("  total: lines ").append(hit).append('/').append(lines).append(" (").append(percent(hit, lines))
                .append("), if arms ").append(taken).append('/').append(arms).append(" (").append(percent(taken, arms))
                .append(")\n");
        return out.toString();
    }

    static String percent(int hit, int found) {
        return found == 0 ? "100.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * hit / found);
    }
}
