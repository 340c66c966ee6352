package org.dovelua.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.Setup;
import org.dovelua.version.DovecotVersion;

/**
 * Checks a migration report against runs of its own: every case file again under each release,
 * twice a second apart (what differs between those is the clock's, not the release's), and the
 * report's changes must be exactly the aspects in which the two releases' runs differ, with the
 * same lines. So a report can neither invent a difference nor miss one.
 */
final class Replay {
    private Replay() {
    }

    /** How many (case, aspect) pairs were checked, for the caller to see the check did something. */
    static int check(MigrationReport report, List<CaseFile> files) throws InterruptedException {
        int checked = 0;
        for (int n = 0; n < files.size(); n++) {
            CaseFile f = files.get(n);
            FileReport fr = report.files().get(n);
            assertThat(fr.file()).isEqualTo(f.file());
            if (fr.notCompared() != null) {
                assertThat(f.setup().nauthilus()).isNotNull();
                continue;
            }
            CaseFile toFile = fr.convertedConfigUsed() ? withConfig(f, fr.config().write()) : f;
            List<Behaviour> a1 = FileRun.run(f, report.from());
            List<Behaviour> b1 = FileRun.run(toFile, report.to());
            Thread.sleep(1100);
            List<Behaviour> a2 = FileRun.run(f, report.from());
            List<Behaviour> b2 = FileRun.run(toFile, report.to());
            for (int i = 0; i < f.cases().size(); i++) {
                CaseChange c = fr.cases().get(i);
                if (c.skipped()) {
                    assertThat(a1.get(i)).isNull();
                    continue;
                }
                Set<Aspect> steady = EnumSet.allOf(Aspect.class);
                steady.removeAll(c.unstable());
                steady.removeAll(a1.get(i).differences(a2.get(i)));
                steady.removeAll(b1.get(i).differences(b2.get(i)));
                Set<Aspect> differing = EnumSet.noneOf(Aspect.class);
                differing.addAll(a1.get(i).differences(b1.get(i)));
                differing.retainAll(steady);
                Set<Aspect> reported = EnumSet.noneOf(Aspect.class);
                c.changes().forEach(a -> reported.add(a.aspect()));
                reported.retainAll(steady);
                int at = i;
                assertThat(reported).as(() -> f.file() + ": " + c.testCase().name() + "\nold: "
                        + a1.get(at).aspects() + "\nnew: " + b1.get(at).aspects()).isEqualTo(differing);
                for (CaseChange.AspectChange a : c.changes()) {
                    if (steady.contains(a.aspect())) {
                        assertThat(a.from()).as(f.file() + ": " + c.testCase().name() + " " + a.aspect())
                                .isEqualTo(a1.get(i).lines(a.aspect()));
                        assertThat(a.to()).as(f.file() + ": " + c.testCase().name() + " " + a.aspect())
                                .isEqualTo(b1.get(i).lines(a.aspect()));
                    }
                }
                checked += steady.size();
            }
        }
        return checked;
    }

    private static CaseFile withConfig(CaseFile f, java.nio.file.Path config) {
        Setup s = f.setup();
        return new CaseFile(f.file(), new Setup(config, null, s.version(), s.mounts(), s.env(), s.authDebug(),
                s.authVerbose(), s.timeout(), s.allowFs(), s.stubs(), s.allowNetwork(), s.exec(), s.sql(), s.dicts(),
                null), f.cases());
    }
}
