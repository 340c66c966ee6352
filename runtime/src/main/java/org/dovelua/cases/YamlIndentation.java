package org.dovelua.cases;

/**
 * SnakeYAML's errors for mis-indented lines ("expected &lt;block end&gt;, but found
 * '&lt;block mapping start&gt;'") said in plain words: which key is indented how far, against the
 * key above it that it was meant to line up with; and tabs, which YAML does not indent with.
 */
final class YamlIndentation {
    private YamlIndentation() {
    }

    /** The plain explanation for an error at {@code line} (1-based), or null to keep SnakeYAML's. */
    static String explain(String text, int line, String problem) {
        String[] lines = text.split("\r?\n", -1);
        if (problem == null || line < 1 || line > lines.length
                || !(problem.contains("expected <block end>") || problem.contains("mapping values are not allowed"))) {
            return null;
        }
        String here = lines[line - 1];
        int indent = column(here);
        for (int i = line - 2; i >= 0; i--) {
            String above = lines[i];
            if (above.isBlank() || above.strip().startsWith("#")) {
                continue;
            }
            int aboveIndent = column(above);
            if (aboveIndent == indent) {
                return null; // lined up: the mistake is something else
            }
            return "line " + line + ": " + key(here) + " is indented " + indent + " spaces but " + key(above)
                    + " on line " + (i + 1) + " is indented " + aboveIndent + "; keys of one mapping line up";
        }
        return null;
    }

    /**
     * The first line (1-based) that starts with a tab, or 0: said before parsing (SnakeYAML would
     * take the tab into a key or refuse it in its own words). Only the first character counts: a
     * block scalar's text may hold tabs after its spaces.
     */
    static int tabLine(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("\t") && !lines[i].isBlank()) {
                return i + 1;
            }
        }
        return 0;
    }

    static String tabMessage(int line) {
        return "line " + line + " is indented with a tab; YAML indents with spaces only";
    }

    /** Where a line's key starts: after its spaces and a list item's {@code - }. */
    private static int column(String l) {
        int c = 0;
        while (c < l.length() && l.charAt(c) == ' ') {
            c++;
        }
        while (c + 1 < l.length() && l.charAt(c) == '-' && l.charAt(c + 1) == ' ') {
            c += 2;
            while (c < l.length() && l.charAt(c) == ' ') {
                c++;
            }
        }
        return c;
    }

    private static String key(String l) {
        String s = l.substring(column(l));
        int colon = s.indexOf(':');
        return "'" + (colon > 0 ? s.substring(0, colon + 1) : s.strip()) + "'";
    }
}
