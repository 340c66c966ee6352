package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.dovelua.testkit.Fuzz;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded generated configs: what is rendered must parse back to what was generated, and one
 * changed character must yield a config or a ConfigException, never another exception. A failure
 * names its seed; rerun just that seed by narrowing {@link #seeds()}.
 */
class ConfigPropertyTest {
  private static final int SEEDS = 500;
  private static final String MUTATION_CHARS = "{}=#\"'\\\n<$! \tx\u00e9";

  @TempDir static Path dir;

  static LongStream seeds() {
    return LongStream.range(0, Fuzz.runs(SEEDS)); // -Dfuzz.scale=N for the longer run (docs/testing.md)
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void renderedConfigParsesBackToTheGeneratedModel(long seed) throws Exception {
    RandomConfig generated = new RandomConfig(seed);
    List<Integer> dbLines = new ArrayList<>();
    String text = generated.render(dbLines);
    String context = "seed " + seed + ", config:\n" + text;

    DovecotConfig config;
    try {
      config = ConfigParser.parse(text, Path.of("gen.conf"));
    } catch (ConfigException e) {
      throw new AssertionError(context + "\nunexpected " + e.getMessage(), e);
    }

    assertThat(config.syntax()).as(context).isEqualTo(generated.expectedSyntax());
    assertThat(entries(config.settings())).as(context)
        .isEqualTo(entries(generated.expectedSettings()));
    // toString() too, because map equality ignores the order the runtime relies on
    for (String kind : List.of("passdb", "userdb")) {
      List<RandomConfig.ExpectedDb> expected = generated.expectedDbs(kind, dbLines);
      List<RandomConfig.ExpectedDb> actual =
          actual(kind.equals("passdb") ? config.passdbs() : config.userdbs());
      assertThat(actual).as(context).isEqualTo(expected);
      assertThat(actual).as(context).hasToString(expected.toString());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void oneChangedCharacterGivesAConfigOrAConfigException(long seed) {
    String text = new RandomConfig(seed).render(new ArrayList<>());
    Random random = new Random(seed ^ 0x5DEECE66DL);
    for (int round = 0; round < 5; round++) {
      String mutated = mutate(text, random);
      try {
        ConfigParser.parse(mutated, dir.resolve("mutated.conf"));
      } catch (ConfigException expected) {
        assertThat(expected.getMessage()).startsWith(dir.toString());
      } catch (RuntimeException | Error e) {
        fail("seed " + seed + " round " + round + ": " + e + " for:\n" + mutated, e);
      }
    }
  }

  private static String mutate(String text, Random random) {
    int at = random.nextInt(text.length() + 1);
    char c = MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length()));
    int op = text.isEmpty() ? 0 : random.nextInt(3);
    if (op == 0) {
      return text.substring(0, at) + c + text.substring(at);
    }
    at = Math.min(at, text.length() - 1);
    String replacement = op == 1 ? "" : String.valueOf(c);
    return text.substring(0, at) + replacement + text.substring(at + 1);
  }

  /** Entries as a list, so that order counts too. */
  private static List<Map.Entry<String, String>> entries(Map<String, String> map) {
    return new ArrayList<>(map.entrySet());
  }

  private static List<RandomConfig.ExpectedDb> actual(List<DbConfig> dbs) {
    List<RandomConfig.ExpectedDb> result = new ArrayList<>();
    for (DbConfig db : dbs) {
      result.add(new RandomConfig.ExpectedDb(db.kind(), db.name(), db.driver(), db.args(),
          new LinkedHashMap<>(db.settings()), new LinkedHashMap<>(db.luaSettings()),
          new LinkedHashMap<>(db.fields()), db.line()));
      assertThat(db.sourceFile()).isEqualTo(Path.of("gen.conf"));
    }
    return result;
  }
}
