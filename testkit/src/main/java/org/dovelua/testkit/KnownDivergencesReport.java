package org.dovelua.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report file, {@code target/known-divergences.txt}: two comment lines, one line per open
 * divergence (module, where, why, tab-separated), and a last line with the count in the sentence
 * the README must also state, e.g. {@code 35 known divergences are open}.
 */
public final class KnownDivergencesReport {
    /** Where each module's report goes, relative to the module's directory. */
    public static final Path FILE = Path.of("target", "known-divergences.txt");
    /** The count sentence, in the report's last line and (in bold) in the README. */
    public static final Pattern COUNT = Pattern.compile("(\\d+) known divergences? (?:is|are) open");

    private KnownDivergencesReport() {
    }

    public static String countSentence(int n) {
        return n + (n == 1 ? " known divergence is open" : " known divergences are open");
    }

    public static void write(Path file, List<Divergence> open) throws IOException {
        StringBuilder out = new StringBuilder()
                .append("# Known divergences from real Dovecot and Lua still open: tests of the real behaviour")
                .append(" that are expected to fail (README \"Known divergences\").\n")
                .append("# module\twhere\twhy[\tnot checked: reason]\n");
        open.forEach(d -> out.append(d.line()).append('\n'));
        out.append(countSentence(open.size())).append('\n');
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** The divergences of a report; fails when its count line does not match its lines. */
    public static List<Divergence> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Divergence> open = lines.stream().map(Divergence::parse).flatMap(Optional::stream).toList();
        Matcher last = COUNT.matcher(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        if (!last.matches() || Integer.parseInt(last.group(1)) != open.size()) {
            throw new IOException(file + " is not a complete report (its count line is missing or wrong)");
        }
        return open;
    }
}
