package org.dovelua.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSessionListener;
import org.opentest4j.TestAbortedException;

/** The programmatic form used by data-driven tests, the report file and the listener's registration. */
class KnownDivergencesTest {
    @TempDir
    Path dir;

    @AfterEach
    void keepSamplesOutOfTheReport() {
        KnownDivergences.forget("sample.yaml run 1");
        KnownDivergences.forget("sample.yaml run 2");
        KnownDivergences.forget("sample.yaml run 3");
    }

    @Test
    void stillFailingIsRecordedWithItsReason() throws Throwable {
        KnownDivergences.expectFailure("sample.yaml run 1", "not emulated", () -> assertEquals("real", "ours"));
        assertTrue(KnownDivergences.open().contains(
                new Divergence(KnownDivergences.module(), "sample.yaml run 1", "not emulated", null)));
    }

    @Test
    void passingThrowsFixed() {
        KnownDivergenceFixed fixed = assertThrows(KnownDivergenceFixed.class,
                () -> KnownDivergences.expectFailure("sample.yaml run 2", "not emulated", () -> { }));
        assertEquals("sample.yaml run 2: known divergence is fixed, this now behaves as the real one does;"
                + " remove its marker and lower the README's count of open divergences (it was: not emulated)",
                fixed.getMessage());
        assertTrue(KnownDivergences.open().stream().noneMatch(d -> d.where().equals("sample.yaml run 2")));
    }

    @Test
    void anAbortedCheckIsASkipNotAnOpenDivergence() {
        assertThrows(TestAbortedException.class, () -> KnownDivergences.expectFailure("sample.yaml run 3", "x",
                () -> Assumptions.assumeTrue(false, "no real Dovecot")));
        assertTrue(KnownDivergences.open().stream().noneMatch(d -> d.where().equals("sample.yaml run 3")));
    }

    @Test
    void reportRoundTripsWithItsCountLine() throws IOException {
        List<Divergence> open = List.of(new Divergence("lua-api", "semantics.txt:29 bitwise\ton strings", "LuaJ's text", null),
                new Divergence("lua-api", "semantics.txt:30", "why", "lua5.4 is not installed"));
        Path file = dir.resolve("known-divergences.txt");
        KnownDivergencesReport.write(file, open);
        List<String> lines = Files.readAllLines(file);
        assertEquals("lua-api\tsemantics.txt:29 bitwise on strings\tLuaJ's text", lines.get(2));
        assertEquals("lua-api\tsemantics.txt:30\twhy\tnot checked: lua5.4 is not installed", lines.get(3));
        assertEquals("2 known divergences are open", lines.get(lines.size() - 1));
        assertEquals(open, KnownDivergencesReport.read(file));
    }

    @Test
    void anEmptyReportStillHasItsCount() throws IOException {
        Path file = dir.resolve("known-divergences.txt");
        KnownDivergencesReport.write(file, List.of());
        assertEquals(List.of(), KnownDivergencesReport.read(file));
        assertEquals("0 known divergences are open", Files.readAllLines(file).get(2));
        assertEquals("1 known divergence is open", KnownDivergencesReport.countSentence(1));
    }

    @Test
    void aCutReportIsRefused() throws IOException {
        Path file = dir.resolve("known-divergences.txt");
        Files.writeString(file, "lua-api\twhere\twhy\n");
        assertThrows(IOException.class, () -> KnownDivergencesReport.read(file));
    }

    @Test
    void theListenerIsRegisteredForEveryTestRun() {
        assertTrue(ServiceLoader.load(LauncherSessionListener.class).stream()
                .anyMatch(p -> p.type() == KnownDivergencesSessionListener.class));
    }
}
