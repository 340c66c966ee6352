package org.dovelua.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseFileException;
import org.dovelua.cases.CaseFiles;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.cases.CaseRunner;
import org.dovelua.cases.JunitXml;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dovelua test FILE|DIR...}: runs YAML case files and reports {@code N passed, N failed}. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run YAML case files (a directory: every cases.yaml and *.cases.yaml below it).",
                "Exits 0 when every case passed, 1 when any failed or a case file cannot be read."})
final class TestCommand implements Callable<Integer> {
    static final int FAILED = 1;
    /** sysexits.h EX_DATAERR: a report given to --merge-junit is not JUnit XML. */
    static final int DATAERR = 65;

    @ParentCommand
    DoveluaCommand root;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> paths;

    @Option(names = "--jobs", paramLabel = "N", description = "Workers running cases in parallel (default: CPUs).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--junit-xml", paramLabel = "PATH", description = "Also write a Surefire-style JUnit XML report.")
    Path junitXml;

    @Option(names = "--json-report", paramLabel = "PATH",
            description = "Also write every case's outcome and answer as JSON.")
    Path jsonReport;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run only shard K of N (1 <= K <= N): the cases dealt out in a fixed order, the same on "
                    + "every machine, so N CI runners share a suite.")
    String shard;

    @Option(names = "--merge-junit", paramLabel = "OUT",
            description = "Do not run cases: join the JUnit XML reports given as arguments (e.g. of each --shard) "
                    + "into OUT.")
    Path mergeJunit;

    @Option(names = "--filter", paramLabel = "TEXT",
            description = "Run only cases whose 'file: name' contains TEXT (ignoring case).")
    String filter;

    @Option(names = {"--show-logs", "--verbose"}, description = "List passing cases too, each with its request's "
            + "auth log, dovelua's hints and a rerun line (failures always show them).")
    boolean showLogs;

    @Option(names = "--fail-fast", description = "Stop at the first failing case (the rest count as skipped).")
    boolean failFast;

    @Option(names = "--watch", description = "After the run, run again whenever a case file, script, config "
            + "or mounted file changes (Ctrl-C to stop).")
    boolean watch;

    @Option(names = "--coverage", description = "Also count the lines and if arms of every Lua script the cases "
            + "ran (the scripts and the files they require or dofile), print a summary per script and write a "
            + "report (--coverage-format, --coverage-output).")
    boolean coverage;

    /** What CI coverage views read. */
    enum CoverageFormat { lcov, cobertura }

    @Option(names = "--coverage-format", paramLabel = "lcov|cobertura",
            description = "The coverage report's format: lcov (genhtml, Codecov, Coveralls) or cobertura "
                    + "(GitLab's coverage_report; default: ${DEFAULT-VALUE}).")
    CoverageFormat coverageFormat = CoverageFormat.lcov;

    @Option(names = "--coverage-output", paramLabel = "PATH",
            description = "Where the coverage report goes (default: lcov.info or coverage.xml in the current directory).")
    Path coverageOutput;

    /** The {@code --shard} this run takes, or null for every case. */
    private org.dovelua.cases.CaseShards.Shard part;

    /** How {@code --watch} waits between polls (tests replace it). */
    Watch.Sleeper sleeper = Watch.Sleeper.REAL;

    /** What the last run read, for {@code --watch}: case files, their directories, configs, scripts, mounts. */
    private final java.util.Set<Path> watched = new java.util.LinkedHashSet<>();

    @Override
    public Integer call() {
        if (jobs < 1) {
            root.err.println("dovelua: test: --jobs must be at least 1");
            return Exits.USAGE;
        }
        if (mergeJunit != null) {
            try {
                int suites = org.dovelua.cases.JunitMerge.merge(mergeJunit, paths);
                root.out.println("dovelua: test: merged " + suites + " test suites from " + paths.size()
                        + " reports into " + mergeJunit);
                root.out.flush();
                return Exits.OK;
            } catch (IOException e) {
                root.err.println("dovelua: test: --merge-junit: " + e.getMessage());
                return DATAERR;
            }
        }
        org.dovelua.cases.CaseShards.Shard part = null;
        if (shard != null) {
            try {
                part = org.dovelua.cases.CaseShards.Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                root.err.println("dovelua: test: " + e.getMessage());
                return Exits.USAGE;
            }
        }
        this.part = part;
        if (root.config != null || root.script != null || !root.mounts.isEmpty()) {
            root.err.println("dovelua: test: -c, --script and --mount are ignored here: "
                    + "each case file names its own config:, script: and mounts:");
        }
        int code = runOnce();
        if (!watch || code == Exits.USAGE) {
            return code;
        }
        Watch w = new Watch(() -> List.copyOf(watched));
        root.err.println("dovelua: test: watching " + w.fileCount() + " files for changes (Ctrl-C to stop)");
        while (w.awaitChange(sleeper)) {
            root.out.println();
            List<String> changes = w.changes();
            root.out.println("--- " + (changes.size() <= 3 ? String.join(", ", changes)
                    : String.join(", ", changes.subList(0, 3)) + " and " + (changes.size() - 3) + " more")
                    + "; running again");
            root.out.flush();
            code = runOnce();
        }
        return code;
    }

    private int runOnce() {
        watched.addAll(paths.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        List<Path> files;
        try {
            files = CaseFiles.find(paths);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            root.err.println("dovelua: test: " + e.getMessage());
            return Exits.USAGE;
        }
        if (files.isEmpty()) {
            root.err.println("dovelua: test: no case files (cases.yaml or *.cases.yaml) under " + paths);
            return Exits.USAGE;
        }
        List<CaseFile> loaded = new ArrayList<>();
        List<JunitXml.Unreadable> unreadable = new ArrayList<>();
        for (Path f : files) {
            watched.add(f.getParent());
            try {
                CaseFile cf = CaseFile.read(f);
                loaded.add(cf);
                watchSetup(cf);
            } catch (CaseFileException e) {
                unreadable.add(new JunitXml.Unreadable(f, e.getMessage()));
            }
        }
        if (part != null) {
            List<Path> bad = unreadable.stream().map(JunitXml.Unreadable::file).toList();
            org.dovelua.cases.CaseShards.Shard s = part;
            unreadable.removeIf(u -> !org.dovelua.cases.CaseShards.reports(bad, u.file(), s));
            loaded = org.dovelua.cases.CaseShards.select(loaded, part);
        }
        Progress progress = new Progress(root.err, System.console() != null);
        org.dovelua.lua.coverage.Coverage counted = coverage ? new org.dovelua.lua.coverage.Coverage() : null;
        List<CaseOutcome> outcomes = CaseRunner.run(loaded, new CaseRunner.Options(jobs, filter, failFast, counted),
                progress);
        progress.clear();
        TestReport report = new TestReport(root.out, showLogs);
        report.print(outcomes, unreadable);
        if (counted != null) {
            try {
                writeCoverage(counted);
            } catch (IOException e) {
                root.err.println("dovelua: test: --coverage-output: " + e.getMessage());
                return Exits.CANTCREAT;
            }
        }
        if (junitXml != null) {
            try {
                JunitXml.write(junitXml, outcomes, unreadable);
            } catch (IOException e) {
                root.err.println("dovelua: test: --junit-xml: " + e.getMessage());
                return Exits.CANTCREAT;
            }
        }
        if (jsonReport != null) {
            try {
                org.dovelua.cases.JsonReport.write(jsonReport, outcomes, unreadable);
            } catch (IOException e) {
                root.err.println("dovelua: test: --json-report: " + e.getMessage());
                return Exits.CANTCREAT;
            }
        }
        root.out.flush();
        return report.failed() > 0 ? FAILED : Exits.OK;
    }

    /** The summary on stdout and the report in the chosen format. */
    private void writeCoverage(org.dovelua.lua.coverage.Coverage counted) throws IOException {
        List<org.dovelua.lua.coverage.FileCoverage> files = counted.collect();
        Path base = Path.of("").toAbsolutePath();
        root.out.print(org.dovelua.lua.coverage.CoverageSummary.write(files, base));
        Path out = coverageOutput != null ? coverageOutput
                : Path.of(coverageFormat == CoverageFormat.lcov ? "lcov.info" : "coverage.xml");
        String text = coverageFormat == CoverageFormat.lcov ? org.dovelua.lua.coverage.Lcov.write(files)
                : org.dovelua.lua.coverage.Cobertura.write(files, base, System.currentTimeMillis());
        if (out.toAbsolutePath().getParent() != null) {
            java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        }
        java.nio.file.Files.writeString(out, text, java.nio.charset.StandardCharsets.UTF_8);
        root.out.println("dovelua: test: wrote " + coverageFormat + " coverage to " + out);
    }

    private void watchSetup(CaseFile cf) {
        if (cf.setup().nauthilus() != null) {
            watched.add(cf.setup().nauthilus().pluginFile());
            if (cf.setup().nauthilus().fixtureFile() != null) {
                watched.add(cf.setup().nauthilus().fixtureFile());
            }
        }
        if (cf.setup().config() != null) {
            watched.add(cf.setup().config());
        }
        if (cf.setup().script() != null) {
            watched.add(cf.setup().script());
        }
        watched.addAll(cf.setup().mounts().values());
        cf.setup().stubs().stream().map(org.dovelua.cases.Setup.Stub::file).filter(java.util.Objects::nonNull)
                .forEach(watched::add);
        cf.setup().dicts().stream().filter(d -> !d.inline()).map(org.dovelua.cases.Setup.Dict::data)
                .forEach(watched::add);
        cf.setup().exec().stream().map(org.dovelua.cases.Setup.Exec::file).filter(java.util.Objects::nonNull)
                .forEach(watched::add);
    }
}
