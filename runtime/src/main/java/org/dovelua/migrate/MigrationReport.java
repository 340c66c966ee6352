package org.dovelua.migrate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/** What {@code dovelua migrate} found: per case file, per case, what changed and why. */
public record MigrationReport(DovecotVersion from, DovecotVersion to, List<FileReport> files) {
    public MigrationReport {
        files = List.copyOf(files);
    }

    /** Whether any case answers otherwise under the new release. */
    public boolean changed() {
        return files.stream().anyMatch(FileReport::changed);
    }

    /** The rows named by some attribution, with how many changed cases each explains. */
    public Map<Since, Integer> rows() {
        Map<Since, Integer> out = new EnumMap<>(Since.class);
        for (FileReport f : files) {
            for (CaseChange c : f.cases()) {
                c.changes().stream().flatMap(a -> a.attribution().rows().stream()).distinct()
                        .forEach(r -> out.merge(r, 1, Integer::sum));
            }
        }
        return out;
    }
}
