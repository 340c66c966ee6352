package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A case file's YAML as JSON (inline stub specs, expected JSON bodies, the schema check). */
class YamlJsonTest {
    /**
     * YAML 1.1's yes/no/on/off are booleans to the parser, and keep their meaning: an inline stub's
     * {@code brute_force: yes} is true, as it is in a stub file (it was false: text "yes" through
     * Boolean.parseBoolean).
     */
    @Test
    void yamlBooleanWordsKeepTheirTruth() throws Exception {
        JsonNode j = YamlJson.of(YamlTree.read(Path.of("x.yaml"),
                "a: yes\nb: ON\nc: True\nd: y\ne: No\nf: off\ng: false\nh: 'yes'\n"));
        assertThat(j.get("a").isBoolean()).isTrue();
        assertThat(j.get("a").booleanValue()).isTrue();
        assertThat(j.get("b").booleanValue()).isTrue();
        assertThat(j.get("c").booleanValue()).isTrue();
        assertThat(j.get("e").booleanValue()).isFalse();
        assertThat(j.get("f").booleanValue()).isFalse();
        assertThat(j.get("g").booleanValue()).isFalse();
        assertThat(j.get("h").textValue()).isEqualTo("yes");
        assertThat(j.get("d").textValue()).isEqualTo("y"); // not a boolean to this parser
    }
}
