package org.dovelua.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.check.Checker;
import org.dovelua.check.Finding;
import org.dovelua.check.JsonReporter;
import org.dovelua.check.SarifReporter;
import org.dovelua.check.TextReporter;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua check [-c dovecot.conf | --script F] [--dovecot-version V] [--cases FILE|DIR]}:
 * what a script does that Dovecot will not tell its author (docs/check-rules.md). The config,
 * script, version and mounts may also be given as the global options before {@code check}.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check Lua scripts for what the chosen Dovecot version does not have, refuses or panics on.",
                "Prints file:line:col: warning|error: text [rule-id]; exits 0 when clean, 1 with findings."})
final class CheckCommand implements Callable<Integer> {
    static final int FINDINGS = 1;

    @ParentCommand
    DoveluaCommand root;

    @Option(names = {"-c", "--config"}, paramLabel = "dovecot.conf",
            description = "Check the Lua scripts of this configuration's passdbs and userdbs.")
    Path config;

    @Option(names = "--script", paramLabel = "FILE.lua", description = "Check one script (as passdb and userdb).")
    Path script;

    @Option(names = "--dovecot-version", paramLabel = "VERSION",
            description = "The Dovecot release to check against (default 2.3.19, or the config's dovecot_config_version).")
    String dovecotVersion;

    @Option(names = "--cases", paramLabel = "FILE|DIR",
            description = "Also run these case files and report the request members scripts asked for and did not "
                    + "have; without -c/--script, check the scripts their setups name.")
    List<Path> cases = new java.util.ArrayList<>();

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print the findings as one JSON object.")
        boolean json;

        @Option(names = "--sarif", description = "Print the findings as SARIF 2.1.0 (code-scanning views).")
        boolean sarif;
    }

    @Override
    public Integer call() {
        Path conf = config != null ? config : root.config;
        Path file = script != null ? script : root.script;
        if (conf != null && file != null) {
            root.err.println("dovelua: check: give -c dovecot.conf or --script FILE.lua, not both");
            return Exits.USAGE;
        }
        if (conf == null && file == null && cases.isEmpty()) {
            root.err.println("dovelua: check: give -c dovecot.conf, --script FILE.lua or --cases FILE|DIR");
            return Exits.USAGE;
        }
        Checker checker = new Checker().config(conf).script(file)
                .version(dovecotVersion != null ? dovecotVersion : root.dovecotVersion)
                .jobs(Runtime.getRuntime().availableProcessors());
        for (String m : root.mounts) {
            int eq = m.indexOf('=');
            if (eq <= 0) {
                root.err.println("dovelua: --mount " + m + ": expected ABS_PATH=LOCAL_PATH");
                return Exits.USAGE;
            }
            checker.mount(m.substring(0, eq), Path.of(m.substring(eq + 1)));
        }
        cases.forEach(checker::cases);
        List<Finding> findings;
        try {
            findings = checker.run();
        } catch (Checker.UsageException e) {
            root.err.println("dovelua: check: " + e.getMessage());
            return Exits.USAGE;
        }
        if (format.sarif) {
            SarifReporter.print(findings, root.out);
        } else if (format.json) {
            JsonReporter.print(findings, root.out);
        } else {
            TextReporter.print(findings, root.out);
        }
        return findings.isEmpty() ? Exits.OK : FINDINGS;
    }
}
