package org.dovelua.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds case files: a named file is one; a directory holds every {@code cases.yaml} and
 * {@code *.cases.yaml} ({@code .yml} too) below it, in path order.
 */
public final class CaseFiles {
    private CaseFiles() {
    }

    /**
     * A local path as the console names it: relative to the working directory when below it, else
     * absolute (failure reports, JUnit XML, rerun lines and --watch all name files this way).
     */
    public static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    public static boolean isCaseFileName(String name) {
        return name.equals("cases.yaml") || name.equals("cases.yml") || name.endsWith(".cases.yaml")
                || name.endsWith(".cases.yml");
    }

    /** Expands directories; a path that does not exist is an error naming it. */
    public static List<Path> find(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && isCaseFileName(f.getFileName().toString()))
                            .map(f -> f.toAbsolutePath().normalize()).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p.toAbsolutePath().normalize());
            } else {
                throw new IllegalArgumentException(p + ": no such file or directory");
            }
        }
        return out;
    }
}
