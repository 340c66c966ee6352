package org.dovelua.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dovelua.conformance.differential.DifferentialOptions;
import org.dovelua.testkit.Divergence;
import org.dovelua.testkit.KnownDivergences;
import org.dovelua.testkit.KnownDivergencesReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The build's count of open known divergences. This module is the reactor's last, and this class
 * runs after its other classes ({@code junit-platform.properties} orders classes by {@link Order}),
 * so every divergence is recorded by then: lua-api's and runtime's in their
 * {@code target/known-divergences.txt}, this module's in this JVM. It writes their aggregate to
 * {@code conformance-tests/target/known-divergences.txt} and fails unless the README's "Known
 * divergences" section states the same total in its sentence {@code **N known divergences are open**}.
 */
@Order(Integer.MAX_VALUE)
class KnownDivergencesCountTest {
    /** The modules before this one whose tests record divergences. */
    private static final List<String> UPSTREAM = List.of("lua-api", "nauthilus", "runtime");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SECTION = "## Known divergences";
    private static final Pattern STATED = Pattern.compile("\\*\\*" + KnownDivergencesReport.COUNT.pattern() + "\\*\\*");

    @Test
    void readmeStatesHowManyKnownDivergencesAreOpen() throws IOException {
        Assumptions.assumeTrue(DifferentialOptions.fromSystemProperties().allCases(),
                "-Ddifferential.only or -Ddifferential.record runs only part of the cases: the count is checked on full runs");
        List<Divergence> upstream = new ArrayList<>();
        for (String module : UPSTREAM) {
            Path report = ROOT.resolve(module).resolve(KnownDivergencesReport.FILE);
            Assumptions.assumeTrue(Files.exists(report), report + " is missing (" + module + "'s tests did not run):"
                    + " run mvn verify from the project root to check the count of known divergences");
            upstream.addAll(KnownDivergencesReport.read(report));
        }
        // into this JVM's registry, so the report written when the run ends is the aggregate too
        KnownDivergences.include(upstream);
        List<Divergence> open = KnownDivergences.open();
        KnownDivergencesReport.write(KnownDivergencesReport.FILE, open);

        String sentence = KnownDivergencesReport.countSentence(open.size());
        int stated = statedInReadme();
        assertEquals(open.size(), stated, "README.md, section \"Known divergences\", says **"
                + KnownDivergencesReport.countSentence(stated) + "**, but " + sentence + " (each one listed in "
                + Path.of("conformance-tests").resolve(KnownDivergencesReport.FILE) + "):\n"
                + open.stream().map(d -> "  " + d.module() + ": " + d.where()).collect(Collectors.joining("\n"))
                + "\nA fixed divergence lowers the count, a new marker raises it: write **" + sentence + "**.");
    }

    /** N in the README's {@code **N known divergences are open**}, within its "Known divergences" section. */
    private static int statedInReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n" + SECTION + "\n");
        if (start < 0) {
            fail("README.md has no \"" + SECTION + "\" section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        Matcher m = STATED.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        if (!m.find()) {
            fail("README.md's \"" + SECTION + "\" section does not say **N known divergences are open**");
        }
        return Integer.parseInt(m.group(1));
    }
}
