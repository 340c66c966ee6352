package org.dovelua.lua.coverage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One file's coverage: each executable line with its count, and each measurable {@code if} arm
 * with the count of its first line ({@link IfArms}).
 *
 * @param file the file on this machine
 * @param lines executable line -> line events counted
 * @param arms the {@code if} arms with their counts
 */
public record FileCoverage(Path file, SortedMap<Integer, Long> lines, List<Branch> arms) {
    /**
     * One arm as LCOV's {@code BRDA} has it: the {@code if} line, which {@code if} on that line,
     * which arm, and how often its first line ran ({@code null}: the {@code if} itself never ran).
     */
    public record Branch(int line, int block, int branch, Long taken) {
    }

    static Optional<FileCoverage> of(Path file, String source, Map<Integer, Long> hits) {
        String chunkname = "@" + file;
        Optional<TreeSet<Integer>> executable = ExecutableLines.of(chunkname, source);
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<Integer, Long> lines = new TreeMap<>();
        for (int line : executable.get()) {
            lines.put(line, hits.getOrDefault(line, 0L));
        }
        List<Branch> arms = new ArrayList<>();
        for (IfArms.Arm a : IfArms.of(chunkname, source, executable.get())) {
            Integer condition = executable.get().ceiling(a.ifLine()); // the condition's first instruction
            long ifRan = condition == null ? 0 : lines.getOrDefault(condition, 0L);
            arms.add(new Branch(a.ifLine(), a.block(), a.branch(),
                    ifRan == 0 ? null : lines.getOrDefault(a.probeLine(), 0L)));
        }
        return Optional.of(new FileCoverage(file, lines, List.copyOf(arms)));
    }

    public int linesFound() {
        return lines.size();
    }

    public int linesHit() {
        return (int) lines.values().stream().filter(c -> c > 0).count();
    }

    public int branchesFound() {
        return arms.size();
    }

    public int branchesHit() {
        return (int) arms.stream().filter(b -> b.taken() != null && b.taken() > 0).count();
    }

    /**
     * The missed lines as ranges ({@code 12-14, 20}): missed executable lines with no executed
     * line between them form one range, whatever comments or blank lines lie in it.
     */
    public String uncovered() {
        StringBuilder out = new StringBuilder();
        int start = -1;
        int last = -1;
        for (Map.Entry<Integer, Long> e : lines.entrySet()) {
            if (e.getValue() == 0) {
                if (start < 0) {
                    start = e.getKey();
                }
                last = e.getKey();
            } else if (start >= 0) {
                range(out, start, last);
                start = -1;
            }
        }
        if (start >= 0) {
            range(out, start, last);
        }
        return out.toString();
    }

    private static void range(StringBuilder out, int start, int last) {
        if (out.length() > 0) {
            out.append(", ");
        }
        out.append(start);
        if (last != start) {
            out.append('-').append(last);
        }
    }
}
