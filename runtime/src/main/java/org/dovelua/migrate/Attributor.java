package org.dovelua.migrate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.LineDiff;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * Finds the rows behind a difference by experiment, not by reading texts: the case file runs again
 * under the new release with candidate rows answered as the old release answers them, and a row
 * is named when reverting it restores the old answer. Candidates are the rows the new release's
 * run consulted whose answer differs between the two releases (a row never asked cannot matter).
 */
final class Attributor {
    private final CaseFile file;
    private final DovecotVersion from;
    private final DovecotVersion to;
    private final List<Behaviour> fromRun;
    private final List<Behaviour> toRun;
    /** Every row a run under the new release asked, reverts included (they reach further). */
    private final Set<Since> consulted;
    /** Rows not to revert: the config syntax's, when the new release reads a converted config. */
    private final Set<Since> excluded;
    private final int jobs;
    private final Map<Set<Since>, List<Behaviour>> runs = new ConcurrentHashMap<>();

    Attributor(CaseFile file, DovecotVersion from, DovecotVersion to, List<Behaviour> fromRun, List<Behaviour> toRun,
            Set<Since> consulted, Set<Since> excluded, int jobs) {
        this.file = file;
        this.from = from;
        this.to = to;
        this.fromRun = fromRun;
        this.toRun = toRun;
        runs.put(Set.of(), toRun);
        this.jobs = jobs;
        this.consulted = consulted;
        this.excluded = Set.copyOf(excluded);
    }

    /**
     * The rows consulted under the new release whose answer the old release gives otherwise (a
     * row never asked cannot matter). The set grows as reverts reach code the new release's own
     * run did not (a log prefix asked only once the start-up works again).
     */
    List<Since> candidates() {
        List<Since> c = new ArrayList<>();
        for (Since row : Since.values()) {
            if (consulted.contains(row) && !excluded.contains(row) && from.has(row) != to.has(row)) {
                c.add(row);
            }
        }
        return c;
    }

    /**
     * Which rows cause case {@code i}'s difference in {@code aspect}. A revert explains it when it
     * restores the old answer there and moves no other aspect to a third answer (a revert that
     * breaks the whole start-up can empty a log that was empty before: no explanation). Without a
     * single such row, rows are added one at a time, most helpful first, while each brings the
     * aspect closer to the old answer; the set found is then pruned to the rows it needs.
     */
    Attribution attribute(int i, Aspect aspect, Set<Aspect> ignored) {
        List<Since> candidates = candidates();
        prefetch(candidates.stream().map(Set::of).toList());
        List<Since> single = candidates.stream().filter(r -> explains(Set.of(r), i, aspect, ignored)).toList();
        if (!single.isEmpty()) {
            return new Attribution(Attribution.Kind.SINGLE, single);
        }
        // most helpful alone first; a row that helps only on top of another (a log prefix once the
        // start-up works again) is tried again in the next pass
        Set<Since> chosen = Set.of();
        int best = distance(chosen, i, aspect);
        for (boolean improved = true; improved && best > 0; ) {
            improved = false;
            List<Since> order = new ArrayList<>(candidates());
            order.sort(java.util.Comparator.comparingInt(r -> distance(Set.of(r), i, aspect)));
            for (Since r : order) {
                if (chosen.contains(r)) {
                    continue;
                }
                Set<Since> more = with(chosen, r);
                int d = distance(more, i, aspect);
                if (d < best && closer(more, i, aspect, ignored)) {
                    chosen = more;
                    best = d;
                    improved = true;
                    if (d == 0) {
                        break;
                    }
                }
            }
        }
        if (best != 0 || !explains(chosen, i, aspect, ignored)) {
            // rows that change the aspect only together (neither alone moves it): revert every
            // candidate, again while reverting reaches new rows, then keep the rows it needs
            chosen = Set.copyOf(candidates());
            for (int round = 0; round < 8 && !chosen.isEmpty(); round++) {
                run(chosen);
                Set<Since> grown = Set.copyOf(candidates());
                if (grown.equals(chosen)) {
                    break;
                }
                chosen = grown;
            }
            if (chosen.isEmpty() || !explains(chosen, i, aspect, ignored)) {
                return new Attribution(Attribution.Kind.NONE, List.of());
            }
        }
        for (Since r : List.copyOf(chosen)) {
            Set<Since> fewer = without(chosen, r);
            if (!fewer.isEmpty() && explains(fewer, i, aspect, ignored)) {
                chosen = fewer;
            }
        }
        List<Since> rows = EnumSet.copyOf(chosen).stream().toList();
        return new Attribution(rows.size() == 1 ? Attribution.Kind.SINGLE : Attribution.Kind.TOGETHER, rows);
    }

    private boolean explains(Set<Since> reverted, int i, Aspect aspect, Set<Aspect> ignored) {
        return distance(reverted, i, aspect) == 0 && sane(reverted, i, aspect, ignored);
    }

    /**
     * Whether the revert's answer is no third outcome (its result is the old release's or the new
     * one's) and no other aspect is further from the old answer than the new release's is.
     */
    private boolean sane(Set<Since> reverted, int i, Aspect aspect, Set<Aspect> ignored) {
        Behaviour b = run(reverted).get(i);
        if (b == null) {
            return false;
        }
        List<String> result = b.lines(Aspect.RESULT);
        if (!result.equals(fromRun.get(i).lines(Aspect.RESULT)) && !result.equals(toRun.get(i).lines(Aspect.RESULT))) {
            return false;
        }
        return closer(reverted, i, aspect, ignored);
    }

    /**
     * Whether no aspect but {@code aspect} is further from the old answer than the new release's
     * is (a step on the way, which may pass through a third outcome: a script that starts again but
     * still reads a member 2.4 renamed).
     */
    private boolean closer(Set<Since> reverted, int i, Aspect aspect, Set<Aspect> ignored) {
        if (run(reverted).get(i) == null) {
            return false;
        }
        for (Aspect y : Aspect.values()) {
            if (y != aspect && !ignored.contains(y) && distance(reverted, i, y) > distance(Set.of(), i, y)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far the revert's answer is from the old release's in {@code aspect}: the edit distance
     * of the texts, so a row that fixes part of a line (a log prefix) counts as closer.
     */
    private int distance(Set<Since> reverted, int i, Aspect aspect) {
        Behaviour b = run(reverted).get(i);
        if (b == null) {
            return Integer.MAX_VALUE;
        }
        return editDistance(String.join("\n", fromRun.get(i).lines(aspect)), String.join("\n", b.lines(aspect)));
    }

    /** Levenshtein distance; texts beyond {@value #LONGEST} characters count by changed lines. */
    static int editDistance(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.length() > LONGEST || b.length() > LONGEST) {
            return (int) LineDiff.render(a.lines().toList(), b.lines().toList()).lines()
                    .filter(l -> !l.startsWith("    ")).count() * LONGEST;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static final int LONGEST = 20_000;

    private static Set<Since> with(Set<Since> all, Since r) {
        Set<Since> s = all.isEmpty() ? EnumSet.noneOf(Since.class) : EnumSet.copyOf(all);
        s.add(r);
        return Set.copyOf(s);
    }

    private static Set<Since> without(Set<Since> all, Since r) {
        Set<Since> s = EnumSet.copyOf(all);
        s.remove(r);
        return Set.copyOf(s);
    }

    private List<Behaviour> run(Set<Since> reverted) {
        return runs.computeIfAbsent(reverted,
                r -> FileRun.run(file, to.answering(oldAnswers(r)).recording(consulted)));
    }

    private Map<Since, Boolean> oldAnswers(Set<Since> rows) {
        Map<Since, Boolean> m = new EnumMap<>(Since.class);
        rows.forEach(r -> m.put(r, from.has(r)));
        return m;
    }

    /** Runs the reverts not run yet on {@code jobs} threads (each its own auth process). */
    private void prefetch(List<Set<Since>> wanted) {
        List<Set<Since>> missing = wanted.stream().filter(w -> !runs.containsKey(w)).distinct().toList();
        if (missing.size() < 2 || jobs < 2) {
            missing.forEach(this::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, missing.size()),
                org.dovelua.lua.LuaStackThread.factory("dovelua-migrate"));
        try {
            List<Future<?>> fs = new ArrayList<>();
            missing.forEach(m -> fs.add(pool.submit(() -> run(m))));
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a migrate run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
