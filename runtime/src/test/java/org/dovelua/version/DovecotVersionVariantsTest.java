package org.dovelua.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The variants {@code dovelua migrate} runs under: rows answered otherwise, rows asked noted. */
class DovecotVersionVariantsTest {
    private static final DovecotVersion V241 = DovecotVersion.parse("2.4.1");

    @Test
    void answeringRevertsOneRowAndLeavesTheOthers() {
        DovecotVersion v = V241.answering(Map.of(Since.LOG_PREFIX_24, false));
        assertThat(v.has(Since.LOG_PREFIX_24)).isFalse();
        assertThat(v.has(Since.VAR_EXPAND_24)).isTrue();
        assertThat(v.has(Since.DEFAULT_SCHEME_CRYPT)).isFalse();
        assertThat(v.compareTo(V241)).isZero();
        // a variant is not the release: a cache keyed by version must not mix them
        assertThat(v).isNotEqualTo(V241);
        assertThat(v).isEqualTo(V241.answering(Map.of(Since.LOG_PREFIX_24, false)));
        assertThat(v.toString()).isEqualTo("2.4.1");
    }

    @Test
    void recordingNotesEveryRowAskedAndKeepsTheAnswers() {
        Set<Since> asked = ConcurrentHashMap.newKeySet();
        DovecotVersion v = V241.answering(Map.of(Since.HTTP_CLIENT_24_SETTINGS, false)).recording(asked);
        assertThat(v.has(Since.HTTP_CLIENT_24_SETTINGS)).isFalse();
        assertThat(v.has(Since.VAR_EXPAND_24)).isTrue();
        assertThat(asked).containsExactlyInAnyOrder(Since.HTTP_CLIENT_24_SETTINGS, Since.VAR_EXPAND_24);
    }

    @Test
    void aPlainReleaseRecordsNothingAndAnswersByItsNumber() {
        for (Since row : EnumSet.allOf(Since.class)) {
            assertThat(V241.has(row)).isEqualTo(row.since().compareTo(V241) <= 0
                    && (row.until() == null || V241.compareTo(row.until()) < 0));
        }
        assertThat(V241.answers()).isEmpty();
    }
}
