package org.dovelua.cases;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence): {@code "  "} same, {@code "- "} expected only, {@code "+ "} actual only. */
public final class LineDiff {
    private LineDiff() {
    }

    static String render(String expected, String actual) {
        return render(lines(expected), lines(actual));
    }

    /** The diff of two lists of lines ({@code dovelua migrate}: one release's answer against another's). */
    public static String render(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                sb.append("    ").append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                sb.append("  - ").append(a.get(i++)).append('\n');
            } else {
                sb.append("  + ").append(b.get(j++)).append('\n');
            }
        }
        return sb.toString();
    }

    /** Lines with tabs shown as {@code \t} and a missing final newline marked, so invisible differences show. */
    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        String[] parts = s.split("\n", -1);
        for (int k = 0; k < parts.length; k++) {
            boolean last = k == parts.length - 1;
            if (last && parts[k].isEmpty()) {
                break;
            }
            out.add(parts[k].replace("\t", "\\t") + (last ? " (no newline at end)" : ""));
        }
        return out;
    }
}
