package org.dovelua.migrate;

import java.nio.file.Path;
import java.util.List;
import org.dovelua.version.Since;

/**
 * One case file's migration.
 *
 * @param file the case file
 * @param notCompared why the file was not run under both releases (a Nauthilus plugin case file), or null
 * @param config its dovecot.conf converted for the new release, or null (a script: setup)
 * @param convertedConfigUsed whether the new release's runs read the converted config
 * @param candidates the rows the new release's run consulted whose answer differs between the releases
 * @param cases each case's change, in file order
 */
public record FileReport(Path file, String notCompared, ConfigMigration config, boolean convertedConfigUsed,
        List<Since> candidates, List<CaseChange> cases) {
    public FileReport {
        candidates = List.copyOf(candidates);
        cases = List.copyOf(cases);
    }

    /** Whether any case changed. */
    public boolean changed() {
        return cases.stream().anyMatch(CaseChange::changed);
    }
}
