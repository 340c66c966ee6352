package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar's manifest names its classes by string (runtime/pom.xml): a class that moves
 * breaks {@code java -jar} only at launch, so this checks the names against the classes.
 */
class CliJarManifestTest {
    private static String entry(String pom, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(pom);
        assertThat(m.find()).as(tag + " in runtime/pom.xml").isTrue();
        return m.group(1).trim();
    }

    @Test
    void mainAndAgentClassesExist() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(Class.forName(entry(pom, "mainClass")).getMethod("main", String[].class)).isNotNull();
        assertThat(Class.forName(entry(pom, "Launcher-Agent-Class"))
                .getMethod("agentmain", String.class, Instrumentation.class)).isNotNull();
    }
}
