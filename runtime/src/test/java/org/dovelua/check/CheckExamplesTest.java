package org.dovelua.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check} on the project's own examples (each scripts/ directory with a dovecot.conf, with
 * its case files run too) is clean, and on the seed scripts of ../shared/seed-scripts it reports
 * what real Dovecot would do to them (skipped when that folder is absent).
 */
class CheckExamplesTest {
    private static final Path SCRIPTS = Path.of("../scripts").toAbsolutePath().normalize();
    private static final Path SEEDS = Path.of("../../shared/seed-scripts").toAbsolutePath().normalize();

    static Stream<Path> examples() throws Exception {
        try (Stream<Path> dirs = Files.list(SCRIPTS)) {
            return dirs.filter(d -> Files.exists(d.resolve("dovecot.conf")) && !d.getFileName().toString().equals("soak"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void examplesAreClean(Path dir) {
        List<Finding> f = new Checker().cases(dir).run();
        assertThat(f).extracting(Finding::text).isEmpty();
    }

    /**
     * The soak workload runs its HTTP passdb in the auth process on purpose (blocking=no, to
     * exercise restarts of the whole process): that is exactly what the blocking-call rule
     * warns about, and the only finding.
     */
    @Test
    void theSoakWorkloadIsWarnedAboutItsBlockingPassdb() {
        List<Finding> f = new Checker().cases(SCRIPTS.resolve("soak")).run();
        assertThat(f).extracting(x -> x.rule().id()).containsExactly("blocking-call");
    }

    /** The complete scripts shown in the docs (```lua blocks of README.md and docs/*.md). */
    static Stream<String> docBlocks() throws Exception {
        List<Path> docs = new java.util.ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> d = Files.list(Path.of("../docs"))) {
            docs.addAll(d.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        List<String> blocks = new java.util.ArrayList<>();
        for (Path doc : docs) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)```lua\n(.*?)```").matcher(Files.readString(doc));
            while (m.find()) {
                // the real-Dovecot probe returns odd values on purpose: probeScriptOfTheRealDovecotNotes
                if (!m.group(1).contains("neg=-1, flt=1.5")) {
                    blocks.add(doc.getFileName() + "\n" + m.group(1));
                }
            }
        }
        return blocks.stream();
    }

    @ParameterizedTest
    @MethodSource("docBlocks")
    void docsExamplesAreClean(String block, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("example.lua");
        Files.writeString(script, block.substring(block.indexOf('\n') + 1));
        assertThat(new Checker().script(script).run()).extracting(Finding::text).as(block).isEmpty();
    }

    /** The probe run against real 2.3.19 returns -1 and 1.5 to see them exported as 18446744073709551615 and 0. */
    @Test
    void probeScriptOfTheRealDovecotNotes(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String doc = Files.readString(Path.of("../docs/real-dovecot-2.3.19.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)```lua\n(.*?)```").matcher(doc);
        assertThat(m.find()).isTrue();
        Path script = tmp.resolve("probe.lua");
        Files.writeString(script, m.group(1));
        assertThat(new Checker().script(script).run()).extracting(f -> f.line() + ":" + f.rule().id())
                .containsExactly("17:return-field-number", "17:return-field-number");
    }

    @Test
    void thereAreDocsExamples() throws Exception {
        assertThat(docBlocks()).isNotEmpty();
    }

    private static List<String> seed(String name, String version) {
        Path p = SEEDS.resolve(name);
        assumeTrue(Files.isRegularFile(p), "seed script " + name + " not present");
        return new Checker().script(p).version(version).run().stream()
                .map(f -> f.line() + ":" + f.rule().id() + ":" + f.message()).toList();
    }

    @Test
    void nauthilusBridge() {
        // 2.3.19: `timeout` is not one of the keys 2.3 reads (request_timeout_msecs is)
        assertThat(seed("nauthilus-dovecot.lua", "2.3.19")).singleElement()
                .satisfies(s -> assertThat(s).startsWith("22:http-client-ignored:").contains("request_timeout_msecs"));
        // 2.4.1: the client refuses 2.3's keys, the request has protocol/mechanism instead of
        // service/mech, and a successful passdb lookup may not return a string
        assertThat(seed("nauthilus-dovecot.lua", "2.4.1")).satisfiesExactly(
                s -> assertThat(s).startsWith("22:http-client-unknown:").contains("request_timeout"),
                s -> assertThat(s).startsWith("23:http-client-unknown:").contains("request_max_attempts"),
                s -> assertThat(s).startsWith("24:http-client-unknown:").contains("debug is unknown setting"),
                s -> assertThat(s).startsWith("108:request-member:").contains("did you mean request.protocol?"),
                s -> assertThat(s).startsWith("109:request-member:").contains("did you mean request.mechanism?"),
                s -> assertThat(s).startsWith("231:return-value-type:"));
    }

    @Test
    void nextcloud() {
        assertThat(seed("nextcloud-httpbasic.lua", "2.3.19")).singleElement()
                .satisfies(s -> assertThat(s).startsWith("11:http-client-ignored:"));
        assertThat(seed("nextcloud-httpbasic.lua", "2.4.1")).extracting(s -> s.split(":")[1])
                .containsExactly("http-client-unknown", "http-client-unknown", "http-client-unknown");
    }

    @Test
    void docsExamples() {
        assertThat(seed("docs-testuser1.lua", "2.3.19")).isEmpty();
        assertThat(seed("docs-passwd-lookup.lua", "2.3.19")).isEmpty();
        // `res = db_lookup(...)` in both lookups: a global every request shares
        assertThat(seed("docs-passwd-iterate.lua", "2.3.19")).extracting(s -> s.split(":")[0] + ":" + s.split(":")[1])
                .containsExactly("15:global-write", "24:global-write");
    }
}
