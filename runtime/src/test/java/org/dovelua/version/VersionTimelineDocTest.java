package org.dovelua.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/version-timeline.md is {@link Since} as a table, so "what changes in 2.4.2?" can be read
 * without the code. The build fails when the two differ; {@code -Dtimeline.write=true} rewrites it.
 */
class VersionTimelineDocTest {
    private static final Path DOC = Path.of("../docs/version-timeline.md");

    static String table() {
        StringBuilder b = new StringBuilder();
        b.append("# Version timeline\n\n")
                .append("Every rule dovelua applies differently per Dovecot release, generated from\n")
                .append("`runtime/src/main/java/org/dovelua/version/Since.java` by `VersionTimelineDocTest`\n")
                .append("(`mvn -pl runtime test -Dtest=VersionTimelineDocTest -Dtimeline.write=true` after a change).\n")
                .append("A rule holds from its release on (up to, not including, \"until\" where given);\n")
                .append("`VersionTimelineTest` shows each one on both sides of its release.\n\n")
                .append("| since | until | row | rule | source |\n|---|---|---|---|---|\n");
        for (Since s : Since.values()) {
            b.append("| ").append(s.since()).append(" | ").append(s.until() == null ? "" : s.until())
                    .append(" | `").append(s.name()).append("` | ").append(s.rule().replace("|", "\\|"))
                    .append(" | ").append(s.source()).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void theDocumentedTimelineIsTheTable() throws Exception {
        if (Boolean.getBoolean("timeline.write")) {
            Files.writeString(DOC, table());
        }
        assertThat(Files.exists(DOC) ? Files.readString(DOC) : "")
                .as("docs/version-timeline.md is out of date; rewrite it with"
                        + " mvn -pl runtime test -Dtest=VersionTimelineDocTest -Dtimeline.write=true")
                .isEqualTo(table());
    }
}
