package org.dovelua.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's dependency block is the one the user project in src/it builds with (maven-invoker
 * runs that project during {@code mvn verify}), so the block users copy is the block that is tested.
 */
class ReadmeDependencyBlockTest {
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>org\\.dovelua</groupId>\\s*<artifactId>dovelua-junit</artifactId>"
                    + "\\s*<version>([^<]+)</version>\\s*<scope>test</scope>\\s*</dependency>");

    private static String version(String text, String where) {
        Matcher m = DEPENDENCY.matcher(text);
        assertThat(m.find()).as("a dovelua-junit test dependency in " + where).isTrue();
        return m.group(1);
    }

    @Test
    void theReadmeShowsTheBlockTheUserProjectIsBuiltWith() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String userPom = Files.readString(Path.of("src/it/user-project/pom.xml"));
        String projectVersion = version(Files.readString(Path.of("pom.xml")).replaceAll(
                "(?s).*?<parent>.*?<version>([^<]+)</version>.*",
                "<dependency><groupId>org.dovelua</groupId><artifactId>dovelua-junit</artifactId>"
                        + "<version>$1</version><scope>test</scope></dependency>"), "junit/pom.xml");
        assertThat(version(userPom, "the user project")).isEqualTo("@project.version@");
        assertThat(version(readme, "README.md")).isEqualTo(projectVersion);
    }
}
