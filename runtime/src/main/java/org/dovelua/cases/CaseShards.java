package org.dovelua.cases;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dovelua test --shard K/N}: which cases shard K of N runs, so a CI matrix spreads a suite
 * over N runners. Every case of every file is numbered in a fixed order (file path as the console
 * shows it, then line) and dealt out in turn, so the shards are the same on every runner and
 * differ in size by at most one case; a file that cannot be read is dealt out the same way. The
 * cases of a {@code one_auth_process} file go together, as one.
 */
public final class CaseShards {
    /** K and N of {@code --shard K/N}. */
    public record Shard(int k, int n) {
        public Shard {
            if (n < 1 || k < 1 || k > n) {
                throw new IllegalArgumentException("--shard " + k + "/" + n + ": expected K/N with 1 <= K <= N, e.g. 2/4");
            }
        }

        public static Shard parse(String text) {
            String[] p = text.split("/", -1);
            if (p.length != 2 || !p[0].matches("[0-9]{1,6}") || !p[1].matches("[0-9]{1,6}")) {
                throw new IllegalArgumentException("--shard " + text + ": expected K/N with 1 <= K <= N, e.g. 2/4");
            }
            return new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }

        boolean takes(int index) {
            return index % n == k - 1;
        }
    }

    private CaseShards() {
    }

    /** The cases of {@code files} that belong to {@code shard}, files and cases in their own order. */
    public static List<CaseFile> select(List<CaseFile> files, Shard shard) {
        // a one_auth_process file is one slot: its cases depend on each other (the auth cache, globals)
        record Slot(CaseFile file, List<Case> cases, String path) {
            Location at() {
                return cases.get(0).at();
            }
        }
        List<Slot> all = new ArrayList<>();
        for (CaseFile f : files) {
            if (f.oneAuthProcess() && !f.cases().isEmpty()) {
                all.add(new Slot(f, f.cases(), CaseFiles.shown(f.file())));
                continue;
            }
            for (Case c : f.cases()) {
                all.add(new Slot(f, List.of(c), CaseFiles.shown(f.file())));
            }
        }
        all.sort(Comparator.comparing(Slot::path).thenComparingInt(s -> s.at().line())
                .thenComparingInt(s -> s.at().column()));
        Map<CaseFile, List<Case>> kept = new LinkedHashMap<>();
        files.forEach(f -> kept.put(f, new ArrayList<>()));
        for (int i = 0; i < all.size(); i++) {
            if (shard.takes(i)) {
                kept.get(all.get(i).file()).addAll(all.get(i).cases());
            }
        }
        List<CaseFile> out = new ArrayList<>();
        for (CaseFile f : files) {
            List<Case> mine = kept.get(f);
            if (!mine.isEmpty()) {
                List<Case> inOrder = f.cases().stream().filter(mine::contains).toList();
                out.add(f.with(inOrder));
            }
        }
        return out;
    }

    /** Whether {@code shard} reports the unreadable file {@code file} (dealt out by sorted path). */
    public static boolean reports(List<Path> unreadable, Path file, Shard shard) {
        List<String> sorted = unreadable.stream().map(CaseFiles::shown).sorted().toList();
        return shard.takes(sorted.indexOf(CaseFiles.shown(file)));
    }
}
