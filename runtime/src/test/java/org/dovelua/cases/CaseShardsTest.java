package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code --shard K/N}: the shards split every suite into disjoint, balanced parts, the same on every run. */
class CaseShardsTest {
    private static List<CaseFile> suite(Random rnd) {
        List<CaseFile> files = new ArrayList<>();
        int nFiles = 1 + rnd.nextInt(6);
        for (int f = 0; f < nFiles; f++) {
            Path p = Path.of("/suite/f" + rnd.nextInt(1000) + "-" + f + ".cases.yaml");
            List<Case> cases = new ArrayList<>();
            int nCases = 1 + rnd.nextInt(12);
            for (int c = 0; c < nCases; c++) {
                cases.add(new Case("case " + c, new Location(p, 3 + 2 * c, 5), Case.Command.USER, "u" + c, null,
                        Map.of(), new Expect(null, null, null, null, null, null, null, null, null), null));
            }
            files.add(new CaseFile(p, null, cases));
        }
        return files;
    }

    private static List<String> names(List<CaseFile> files) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> f.cases().forEach(c -> out.add(f.file() + ":" + c.at().line())));
        return out;
    }

    @Test
    void theShardsPartitionEverySuiteEvenlyAndStably() {
        Random rnd = new Random(20261206L);
        for (int round = 0; round < 300; round++) {
            List<CaseFile> files = suite(rnd);
            int n = 1 + rnd.nextInt(7);
            List<String> all = names(files);
            List<String> union = new ArrayList<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int k = 1; k <= n; k++) {
                List<String> part = names(CaseShards.select(files, new CaseShards.Shard(k, n)));
                assertThat(part).as("stable, round %d", round)
                        .isEqualTo(names(CaseShards.select(files, new CaseShards.Shard(k, n))));
                List<CaseFile> shuffled = new ArrayList<>(files);
                Collections.shuffle(shuffled, rnd);
                assertThat(names(CaseShards.select(shuffled, new CaseShards.Shard(k, n))))
                        .as("independent of the order the files were found in").containsExactlyInAnyOrderElementsOf(part);
                union.addAll(part);
                min = Math.min(min, part.size());
                max = Math.max(max, part.size());
            }
            assertThat(union).as("round %d", round).containsExactlyInAnyOrderElementsOf(all);
            assertThat(max - min).as("balanced, round %d", round).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aBadShardIsNamed() {
        assertThat(CaseShards.Shard.parse("2/4")).isEqualTo(new CaseShards.Shard(2, 4));
        for (String bad : List.of("0/3", "4/3", "1", "a/b", "1/0", "-1/2", "1/2/3")) {
            assertThatThrownBy(() -> CaseShards.Shard.parse(bad)).as(bad)
                    .hasMessage("--shard " + bad + ": expected K/N with 1 <= K <= N, e.g. 2/4");
        }
    }
}
