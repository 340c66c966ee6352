package org.dovelua.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Writes this JVM's open divergences to {@code target/known-divergences.txt} when the test run
 * ends, also when there are none, so the file always describes the latest run. Deleting it first
 * means a run that dies half-way leaves no report rather than a stale one. Registered through
 * {@code META-INF/services}; Surefire opens one launcher session per test JVM.
 */
public final class KnownDivergencesSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Files.deleteIfExists(KnownDivergencesReport.FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        // outside a Maven module (an IDE's odd working directory) there is no target/ to write to
        if (!Files.isDirectory(KnownDivergencesReport.FILE.getParent())) {
            return;
        }
        try {
            KnownDivergencesReport.write(KnownDivergencesReport.FILE, KnownDivergences.open());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
