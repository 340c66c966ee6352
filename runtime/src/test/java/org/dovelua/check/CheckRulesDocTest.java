package org.dovelua.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/check-rules.md names exactly the registry's rules, each under a heading that is its id (the helpUri
 * anchor) followed by its severity in bold. */
class CheckRulesDocTest {
    @Test
    void theDocsListTheRegistry() throws Exception {
        String doc = Files.readString(Path.of("../docs/check-rules.md"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^### ([a-z0-9-]+)\n\n\\*\\*(warning|error)\\*\\*").matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        Map<String, String> registry = new LinkedHashMap<>();
        for (Rule r : Rule.all()) {
            registry.put(r.id(), r.severity().word());
        }
        assertThat(documented).isEqualTo(registry);
    }
}
