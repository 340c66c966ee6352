package org.dovelua.junit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dovelua.api.Dovelua;
import org.dovelua.cases.Case;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseFileException;
import org.dovelua.cases.CaseFiles;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.cases.CaseRunner;
import org.dovelua.cases.Location;
import org.dovelua.cases.Mismatch;
import org.junit.jupiter.api.DynamicNode;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * dovelua case files as JUnit 5 dynamic tests: a container per file, a test per case named after
 * it, with the case's file and line as its source. Depend on {@code org.dovelua:dovelua-junit}
 * (test scope) and write:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> authCases() {
 *     return DoveluaCases.from(Path.of("src/test/dovecot"));
 * }
 * }</pre>
 *
 * <p>A file's cases share one running auth process, as requests to a running Dovecot do. A
 * failure is the case's diff without a Java stack trace; a case file that cannot be read is one
 * failing test whose message is the {@code file:line:column} error.
 */
public final class DoveluaCases {
    private DoveluaCases() {
    }

    /** One dynamic container per case file; directories are searched for {@code cases.yaml} and {@code *.cases.yaml}. */
    public static Stream<DynamicNode> from(Path... paths) {
        return CaseFiles.find(List.of(paths)).stream().map(DoveluaCases::container);
    }

    private static DynamicNode container(Path file) {
        CaseFile cf;
        try {
            cf = CaseFile.read(file);
        } catch (CaseFileException e) {
            String message = e.getMessage();
            return dynamicTest(name(file), file.toUri(), () -> {
                throw trimmed(new AssertionFailedError(message));
            });
        }
        Dovelua[] process = new Dovelua[1];
        // advance_clock: moves this file's auth process clock (the cases run in file order, on one process)
        long[] clockOffset = new long[1];
        Stream<DynamicNode> tests = cf.cases().stream().map(c -> dynamicTest(c.name(), source(c.at()), () -> {
            clockOffset[0] += c.advanceClock();
            run(cf, c, process, () -> System.currentTimeMillis() / 1000 + clockOffset[0]);
        }));
        return dynamicContainer(name(file), file.toUri(), tests.onClose(() -> {
            if (process[0] != null) {
                process[0].close();
            }
        }));
    }

    private static void run(CaseFile cf, Case c, Dovelua[] process, java.util.function.LongSupplier clock) {
        if (c.skip() != null) {
            throw new TestAbortedException(c.skip());
        }
        // a Nauthilus plugin case file runs its plugin per case, with no auth process
        if (process[0] == null && cf.setup().nauthilus() == null) {
            process[0] = cf.setup().start(null, clock, null);
        }
        CaseOutcome o = CaseRunner.runOn(cf, c, process[0]);
        if (o.status() != CaseOutcome.Status.FAILED) {
            return;
        }
        String message = o.title() + "\n" + o.report();
        List<Mismatch> m = o.mismatches();
        // one mismatch: give IDEs its expected and actual values to compare
        throw trimmed(m.size() == 1 ? new AssertionFailedError(message, m.get(0).expected(), m.get(0).actual())
                : new AssertionFailedError(message));
    }

    /** The failure is the diff; a Java stack trace would only hide it. */
    private static AssertionFailedError trimmed(AssertionFailedError e) {
        e.setStackTrace(new StackTraceElement[0]);
        return e;
    }

    private static String name(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

    /** A file URI with {@code ?line=&column=}, which JUnit turns into a FileSource with a position. */
    private static URI source(Location at) {
        return URI.create(at.file().toUri() + "?line=" + at.line() + "&column=" + at.column());
    }
}
