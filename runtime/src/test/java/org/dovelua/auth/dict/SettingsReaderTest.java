package org.dovelua.auth.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.dovelua.testkit.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * settings_read() (lib-settings/settings.c@2.3.19) and db-dict.c's settings on it: the texts of
 * differential cases 248-250 (observed #4-#6) and seeded generated config files.
 */
class SettingsReaderTest {
    private final Map<String, String> fs = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private SettingsReader reader(Map<String, String> env) {
        return new SettingsReader(new SettingsReader.Files() {
            @Override
            public byte[] read(String path) throws SettingsReader.OpenFailure {
                String c = fs.get(path);
                if (c == null) {
                    throw new SettingsReader.OpenFailure("No such file or directory");
                }
                return c.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean exists(String path) {
                return fs.containsKey(path);
            }
        }, env, warnings::add);
    }

    private DictConfig parse(String text) throws Exception {
        fs.put("/etc/d/auth.conf", text);
        DictConfig c = new DictConfig();
        reader(Map.of("HOST", "h1")).read("/etc/d/auth.conf", c);
        return c;
    }

    private String error(String text) {
        try {
            parse(text);
            return null;
        } catch (SettingsReader.SettingsException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsKeysFieldsAndRootSettings() throws Exception {
        DictConfig c = parse(String.join("\n",
                "  # comment", "uri = file:/x # trailing comment", "default_pass_scheme = 'SHA\\'1'",
                "iterate_prefix = \"user\\\\db/\"", "iterate_disable = YES", "key passdb {", "  key = passdb/%u",
                "  format = json", "}", "key quota {", "  key = q/%u", "  default_value =", "}", "key {", "}",
                "passdb_fields {", "  a = $ENV:HOST x", "  a = two \\", "    continued", "}", "passdb_objects = passdb",
                "userdb_fields unused_name {", "  b = c$ENV:HOST", "}", "password_key = legacy/%u", "value_format = json"));
        assertThat(c.uri).isEqualTo("file:/x");
        assertThat(c.defaultPassScheme).isEqualTo("SHA'1");
        assertThat(c.iteratePrefix).isEqualTo("user\\db/");
        assertThat(c.iterateDisable).isTrue();
        assertThat(c.keys).extracting(k -> k.name + ":" + k.key + ":" + k.json + ":" + k.defaultValue)
                .containsExactly("passdb:passdb/%u:true:null", "quota:q/%u:false:", ":" + ":false:null",
                        "passdb:legacy/%u:true:null");
        assertThat(c.passdbFields).containsExactly(new DictField("a", "h1 x"), new DictField("a", "two continued"));
        assertThat(c.userdbFields).containsExactly(new DictField("b", "c$ENV:HOST"));
        // password_key's object comes first, the listed ones after it; the find is the first "passdb"
        c.parseObjects();
        assertThat(c.parsedPassdbObjects).extracting(k -> k.key).containsExactly("legacy/%u", "passdb/%u");
        assertThat(warnings).isEmpty();
    }

    @Test
    void errorsAsReal2319() {
        assertThat(error("uri = x\n!include inc.conf")).isEqualTo(
                "Error in configuration file /etc/d/auth.conf line 2: No matches");
        fs.put("/etc/d/inc.conf", "default_pass_scheme = PLAIN#glued\niterate_disable = maybe\n");
        assertThat(error("uri = x\n!include_try missing.conf\n!include inc.conf")).isEqualTo(
                "Error in configuration file /etc/d/inc.conf line 2: Invalid boolean: maybe");
        assertThat(warnings).containsExactly("Configuration file /etc/d/inc.conf line 1: Ambiguous '#' character in"
                + " line, treating it as comment. Add a space before it to remove this warning.");
        assertThat(error("passdb_fields {\n}\nkey passdb {\n  userdb_fields {\n}")).isEqualTo(
                "Error in configuration file /etc/d/auth.conf line 4: Nested sections not supported"
                        + " (section changed in /etc/d/auth.conf at line 3)");
        assertThat(error("foo {\n}")).isEqualTo("Error in configuration file /etc/d/auth.conf line 1: Unknown section");
        assertThat(error("key a.b {\n}")).endsWith("line 1: Key section names must not contain '.'");
        assertThat(error("key a {\n  format = xml\n}")).endsWith("line 3: Unknown key format: xml");
        assertThat(error("key a {\n  nope = 1\n}")).endsWith("line 2: Unknown setting: nope");
        assertThat(error("nope = 1")).endsWith("line 1: Unknown setting: nope");
        assertThat(error("value_format = yaml")).endsWith("line 1: Deprecated value_format must be 'json'");
        assertThat(error("}")).endsWith("line 1: Unexpected '}'");
        assertThat(error("uri")).endsWith("line 1: Expecting '='");
        assertThat(error("key a b {")).endsWith("line 1: Expecting '='");
        fs.put("/etc/d/self.conf", "!include self.conf\n");
        assertThat(error("!include self.conf")).isEqualTo(
                "Error in configuration file /etc/d/self.conf line 1: Recursive include file: /etc/d/self.conf");
        assertThatThrownBy(() -> reader(Map.of()).read("/nope", new DictConfig()))
                .hasMessage("Can't open configuration file /nope: No such file or directory");
    }

    @Test
    void anUnclosedSectionIsNoErrorButItsFormatIsNeverApplied() throws Exception {
        DictConfig c = parse("passdb_objects = passdb\nkey passdb {\n  format = json");
        assertThatThrownBy(c::parseObjects)
                .hasMessage("dict: passdb_objects refers to key passdb, but it's in value-only format");
        DictConfig d = parse("userdb_objects = u");
        assertThatThrownBy(d::parseObjects).hasMessage("dict: userdb_objects refers to key u, which doesn't exist");
    }

    static LongStream seeds() {
        return LongStream.range(0, Fuzz.runs(300));
    }

    /** Generated files: rendered settings read back to their values; a mutated file reads or fails with a text. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedFilesReadBack(long seed) throws Exception {
        Random rnd = new Random(seed);
        StringBuilder text = new StringBuilder();
        List<DictField> expected = new ArrayList<>();
        text.append("passdb_fields {\n");
        for (int i = rnd.nextInt(8); i > 0; i--) {
            String name = "f" + rnd.nextInt(5);
            String value = value(rnd);
            switch (rnd.nextInt(3)) {
                case 0 -> text.append(name).append(" = \"").append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\"");
                case 1 -> text.append("\t").append(name).append("=").append("'")
                        .append(value.replace("\\", "\\\\").replace("'", "\\'")).append("'");
                default -> {
                    String plain = value.replaceAll("[\"'#$\\\\]", "").strip();
                    value = plain;
                    text.append(name).append(" =   ").append(plain);
                }
            }
            text.append(rnd.nextBoolean() ? " # c\n" : "\n");
            if (rnd.nextInt(4) == 0) {
                text.append("\n# only a comment\n");
            }
            expected.add(new DictField(name, value));
        }
        text.append("}\n");
        DictConfig c = parse(text.toString());
        assertThat(c.passdbFields).as("seed %d:\n%s", seed, text).isEqualTo(expected);

        // one changed character: read or a SettingsException, nothing else
        StringBuilder m = new StringBuilder(text);
        String alphabet = "{}=#\"'\\\n $!\t";
        m.setCharAt(rnd.nextInt(m.length()), alphabet.charAt(rnd.nextInt(alphabet.length())));
        try {
            parse(m.toString());
        } catch (SettingsReader.SettingsException e) {
            assertThat(e.getMessage()).as("seed %d", seed).startsWith("Error in configuration file ");
        }
    }

    private static String value(Random rnd) {
        String chars = "ab %{}=#\"'\\$\u00e9";
        StringBuilder b = new StringBuilder();
        for (int i = rnd.nextInt(8); i > 0; i--) {
            b.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        return b.toString();
    }
}
