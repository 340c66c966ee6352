package org.dovelua.lua.coverage;

import java.util.List;
import java.util.Map;

/**
 * LCOV's tracefile ({@code geninfo(1)}'s "TRACEFILE FORMAT", read by genhtml, GitHub actions such
 * as coveralls and Codecov): per file {@code SF:} (its path on this machine), {@code BRDA:} per
 * {@code if} arm with {@code BRF}/{@code BRH}, {@code DA:} per executable line with
 * {@code LF}/{@code LH}, then {@code end_of_record}. A {@code BRDA} taken count is {@code -} when
 * the {@code if} itself never ran, as geninfo writes it.
 */
public final class Lcov {
    private Lcov() {
    }

    public static String write(List<FileCoverage> files) {
        StringBuilder out = new StringBuilder();
        for (FileCoverage f : files) {
            out.append("TN:\n");
            out.append("SF:").append(f.file()).append('\n');
            for (FileCoverage.Branch b : f.arms()) {
                out.append("BRDA:").append(b.line()).append(',').append(b.block()).append(',').append(b.branch())
                        .append(',').append(b.taken() == null ? "-" : b.taken().toString()).append('\n');
            }
            out.append("BRF:").append(f.branchesFound()).append('\n');
            out.append("BRH:").append(f.branchesHit()).append('\n');
            for (Map.Entry<Integer, Long> e : f.lines().entrySet()) {
                out.append("DA:").append(e.getKey()).append(',').append(e.getValue()).append('\n');
            }
            out.append("LF:").append(f.linesFound()).append('\n');
            out.append("LH:").append(f.linesHit()).append('\n');
            out.append("end_of_record\n");
        }
        return out.toString();
    }
}
