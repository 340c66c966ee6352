package org.dovelua.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.lib.EditDistance;
import org.luaj.vm2.ast.SyntaxElement;

/**
 * The findings of one run: one per position and rule; a dynamic finding is dropped when a finding
 * of its rule is already on its line (the static analysis saw it first).
 */
final class Findings {
    private final Map<String, Finding> byKey = new LinkedHashMap<>();
    private final java.util.Set<String> lines = new java.util.HashSet<>();

    void add(Finding f) {
        byKey.putIfAbsent(f.key() + ":" + f.column(), f);
        lines.add(f.key());
    }

    /** A finding of a case run: kept unless the same rule already reported its line. */
    void addDynamic(Finding f) {
        if (lines.add(f.key())) {
            byKey.putIfAbsent(f.key() + ":" + f.column(), f);
        }
    }

    void add(ScriptModel m, SyntaxElement at, Rule rule, String message) {
        add(new Finding(m.source.file, Math.max(1, at.beginLine), Math.max(1, at.beginColumn), rule, message));
    }

    /** Sorted by file, line, column. */
    List<Finding> sorted() {
        List<Finding> all = new ArrayList<>(byKey.values());
        all.sort(java.util.Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column).thenComparing(f -> f.rule().id()));
        return all;
    }

    /** The nearest of {@code names} to {@code name} within two edits (one for short names), or null. */
    static String nearest(String name, Collection<String> names) {
        String best = null;
        int bestD = name.length() <= 4 ? 1 : 2;
        for (String n : names) {
            int d = EditDistance.osa(name, n);
            if (d <= bestD && (best == null || d < EditDistance.osa(name, best))) {
                best = n;
            }
        }
        return best;
    }
}
