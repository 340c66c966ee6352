package org.dovelua.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseFileException;
import org.dovelua.cases.CaseFiles;
import org.dovelua.cases.CaseRunner;
import org.dovelua.doveadm.Exits;
import org.dovelua.migrate.Migration;
import org.dovelua.migrate.MigrationReport;
import org.dovelua.migrate.ReportJson;
import org.dovelua.migrate.ReportText;
import org.dovelua.version.DovecotVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua migrate --from 2.3.19 --to 2.4.1 CASES...}: the same case files under two
 * releases; what changed per case, the version rule behind each change and the edit that keeps
 * the old behaviour, and each 2.3 dovecot.conf in 2.4's syntax.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Run case files under two Dovecot releases and report, per case, what changed (result, "
                + "fields, stdout, log, HTTP, exec), the version rule that causes each change (found by re-running "
                + "with that rule reverted) and the edit that keeps the old behaviour; 2.3 configs are converted.",
                "Exits 0 when every case answers the same, 1 when any answer changed."})
final class MigrateCommand implements Callable<Integer> {
    static final int CHANGED = 1;

    @ParentCommand
    DoveluaCommand root;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> paths;

    @Option(names = "--from", paramLabel = "VERSION", defaultValue = "2.3.19",
            description = "The release the scripts run on now (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", paramLabel = "VERSION", defaultValue = "2.4.1",
            description = "The release they move to (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--keep-config", description = "Run the new release on the case files' own dovecot.conf "
            + "even when it is 2.3 syntax (by default the converted config is used when it converts and loads).")
    boolean keepConfig;

    @Option(names = "--filter", paramLabel = "TEXT",
            description = "Only cases whose 'file: name' contains TEXT (ignoring case).")
    String filter;

    @Option(names = "--jobs", paramLabel = "N", description = "Threads for the attribution's re-runs (default: 2).")
    int jobs = 2;

    @Override
    public Integer call() {
        DovecotVersion a;
        DovecotVersion b;
        try {
            a = DovecotVersion.parse(from);
            b = DovecotVersion.parse(to);
        } catch (IllegalArgumentException e) {
            root.err.println("dovelua: migrate: " + e.getMessage());
            return Exits.USAGE;
        }
        if (jobs < 1) {
            root.err.println("dovelua: migrate: --jobs must be at least 1");
            return Exits.USAGE;
        }
        if (root.config != null || root.script != null || !root.mounts.isEmpty() || root.dovecotVersion != null) {
            root.err.println("dovelua: migrate: -c, --script, --mount and --dovecot-version are ignored here: "
                    + "each case file names its own config:, script: and mounts:, and --from/--to the releases");
        }
        List<Path> files;
        try {
            files = CaseFiles.find(paths);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            root.err.println("dovelua: migrate: " + e.getMessage());
            return Exits.USAGE;
        }
        if (files.isEmpty()) {
            root.err.println("dovelua: migrate: no case files (cases.yaml or *.cases.yaml) under " + paths);
            return Exits.USAGE;
        }
        List<CaseFile> loaded = new ArrayList<>();
        for (Path f : files) {
            try {
                loaded.add(CaseFile.read(f));
            } catch (CaseFileException e) {
                root.err.println("dovelua: migrate: " + e.getMessage());
                return Exits.USAGE;
            }
        }
        MigrationReport report = Migration.run(CaseRunner.select(loaded, filter),
                new Migration.Options(a, b, !keepConfig, jobs));
        if (json) {
            root.out.println(ReportJson.of(report).toString());
            root.out.flush();
        } else {
            ReportText.print(report, root.out);
        }
        return report.changed() ? CHANGED : Exits.OK;
    }
}
