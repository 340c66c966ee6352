package org.dovelua.lua.coverage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cobertura's XML report in the shape of its {@code coverage-04.dtd}, which GitLab's
 * {@code coverage_report: coverage_format: cobertura} and most CI coverage views read: one
 * {@code package} per directory, one {@code class} per file with {@code filename} relative to the
 * one {@code source} (the base directory; absolute when a file lies outside it), a {@code line}
 * per executable line, and {@code branch="true" condition-coverage="50% (1/2)"} on each line
 * holding an {@code if} with measurable arms.
 */
public final class Cobertura {
    private Cobertura() {
    }

    public static String write(List<FileCoverage> files, Path base, long timestampMillis) {
        Path root = base.toAbsolutePath().normalize();
        int lines = 0;
        int linesHit = 0;
        int branches = 0;
        int branchesHit = 0;
        Map<String, List<FileCoverage>> packages = new LinkedHashMap<>();
        for (FileCoverage f : files) {
            lines += f.linesFound();
            linesHit += f.linesHit();
            branches += f.branchesFound();
            branchesHit += f.branchesHit();
            Path rel = relative(root, f.file());
            String pkg = rel.getParent() == null ? "." : rel.getParent().toString();
            packages.computeIfAbsent(pkg, k -> new java.util.ArrayList<>()).add(f);
        }
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" ?>\n");
        out.append("<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n");
        out.append("<coverage line-rate=\"").append(rate(linesHit, lines)).append("\" branch-rate=\"")
                .append(rate(branchesHit, branches)).append("\" lines-covered=\"").append(linesHit)
                .append("\" lines-valid=\"").append(lines).append("\" branches-covered=\"").append(branchesHit)
                .append("\" branches-valid=\"").append(branches).append("\" complexity=\"0\" version=\"dovelua\"")
                .append(" timestamp=\"").append(timestampMillis).append("\">\n");
        out.append("  <sources>\n    <source>").append(xml(root.toString())).append("</source>\n  </sources>\n");
        out.append("  <packages>\n");
        for (Map.Entry<String, List<FileCoverage>> p : packages.entrySet()) {
            int pl = 0;
            int ph = 0;
            int pb = 0;
            int pbh = 0;
            for (FileCoverage f : p.getValue()) {
                pl += f.linesFound();
                ph += f.linesHit();
                pb += f.branchesFound();
                pbh += f.branchesHit();
            }
            out.append("    <package name=\"").append(xml(p.getKey())).append("\" line-rate=\"").append(rate(ph, pl))
                    .append("\" branch-rate=\"").append(rate(pbh, pb)).append("\" complexity=\"0\">\n");
            out.append("      <classes>\n");
            for (FileCoverage f : p.getValue()) {
                fileClass(out, root, f);
            }
            out.append("      </classes>\n");
            out.append("    </package>\n");
        }
        out.append("  </packages>\n");
        out.append("</coverage>\n");
        return out.toString();
    }

    private static void fileClass(StringBuilder out, Path root, FileCoverage f) {
        Path rel = relative(root, f.file());
        out.append("        <class name=\"").append(xml(rel.getFileName().toString())).append("\" filename=\"")
                .append(xml(rel.toString())).append("\" line-rate=\"").append(rate(f.linesHit(), f.linesFound()))
                .append("\" branch-rate=\"").append(rate(f.branchesHit(), f.branchesFound()))
                .append("\" complexity=\"0\">\n");
        out.append("          <methods/>\n");
        out.append("          <lines>\n");
        Map<Integer, int[]> arms = new java.util.TreeMap<>();
        for (FileCoverage.Branch b : f.arms()) {
            int[] c = arms.computeIfAbsent(b.line(), k -> new int[2]);
            c[0]++;
            if (b.taken() != null && b.taken() > 0) {
                c[1]++;
            }
        }
        for (Map.Entry<Integer, Long> e : f.lines().entrySet()) {
            out.append("            <line number=\"").append(e.getKey()).append("\" hits=\"").append(e.getValue())
                    .append('"');
            int[] c = arms.get(e.getKey());
            if (c == null) {
                out.append(" branch=\"false\"/>\n");
            } else {
                out.append(" branch=\"true\" condition-coverage=\"").append(c[1] * 100 / c[0]).append("% (")
                        .append(c[1]).append('/').append(c[0]).append(")\"/>\n");
            }
        }
        out.append("          </lines>\n");
        out.append("        </class>\n");
    }

    private static Path relative(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file) : file;
    }

    /** A rate as Cobertura writes it: 0 to 1; a file without lines or arms counts as fully covered (1). */
    static String rate(int hit, int found) {
        if (found == 0) {
            return "1";
        }
        String s = String.format(Locale.ROOT, "%.4f", (double) hit / found);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
