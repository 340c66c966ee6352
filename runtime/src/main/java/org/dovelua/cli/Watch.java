package org.dovelua.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code dovelua test --watch}: polls the case files, scripts, configs and mounted files (by
 * modification time and size) and reports when any of them changed, appeared or went away.
 */
final class Watch {
    /** Waits between polls; returns false to stop watching (interrupted, or a test's last round). */
    @FunctionalInterface
    interface Sleeper {
        boolean pause();

        Sleeper REAL = () -> {
            try {
                Thread.sleep(300);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    private final Supplier<List<Path>> roots;
    private Map<Path, String> last;
    private List<String> changes = List.of();

    Watch(Supplier<List<Path>> roots) {
        this.roots = roots;
        this.last = snapshot(roots.get());
    }

    int fileCount() {
        return last.size();
    }

    /** Polls until something changed (true) or the sleeper says stop (false). */
    boolean awaitChange(Sleeper sleeper) {
        while (sleeper.pause()) {
            Map<Path, String> now = snapshot(roots.get());
            if (!now.equals(last)) {
                changes = differences(last, now);
                last = now;
                return true;
            }
        }
        return false;
    }

    /** What the last change was: {@code changed F}, {@code added F}, {@code removed F}, in path order. */
    List<String> changes() {
        return changes;
    }

    static List<String> differences(Map<Path, String> before, Map<Path, String> after) {
        TreeMap<Path, String> out = new TreeMap<>();
        after.forEach((p, v) -> {
            String old = before.get(p);
            if (old == null) {
                out.put(p, "added " + org.dovelua.cases.CaseFiles.shown(p));
            } else if (!old.equals(v)) {
                out.put(p, "changed " + org.dovelua.cases.CaseFiles.shown(p));
            }
        });
        before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(p -> out.put(p, "removed " + org.dovelua.cases.CaseFiles.shown(p)));
        return List.copyOf(out.values());
    }

    /**
     * Folders under a watched folder that hold no script, config or case (version control, build
     * output, dependencies): not walked, so a poll of a project folder stays cheap.
     */
    static boolean skipped(Path dir) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.startsWith(".") && name.length() > 1 || name.equals("target") || name.equals("node_modules");
    }

    /** Every regular file under the roots (skipped folders aside), with its modification time and size. */
    static Map<Path, String> snapshot(List<Path> roots) {
        Map<Path, String> files = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && skipped(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            files.put(p, attrs.lastModifiedTime().toMillis() + "/" + attrs.size());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path p, IOException e) {
                        return FileVisitResult.CONTINUE; // removed mid-walk: the next poll sees the settled state
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                files.put(root, "unreadable");
            }
        }
        return files;
    }
}
