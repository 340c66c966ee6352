package org.dovelua.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dovelua.cases.Case;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.Setup;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * {@code dovelua migrate}: each case file runs under the old and the new release; every aspect of
 * a case's answer that differs, and does so again in a second pair of runs, is a change, and the
 * {@link Attributor} names the rows of the version table behind it.
 */
public final class Migration {
    /**
     * @param from the release the scripts run on now
     * @param to the release they move to
     * @param convertConfig whether the new release's runs read the converted dovecot.conf (when the
     *     whole file converts and loads) rather than the 2.3 file, which 2.4 refuses
     * @param jobs threads for the attribution's runs
     */
    public record Options(DovecotVersion from, DovecotVersion to, boolean convertConfig, int jobs) {
    }

    /**
     * The rows that decide how dovecot.conf reads: not reverted when the new release reads the
     * converted config (written for its syntax; the conversion is the edit they ask for).
     */
    static final Set<Since> CONFIG_SYNTAX = Set.of(Since.SETTINGS_24, Since.SETTING_NAMES_FLAT);

    private Migration() {
    }

    public static MigrationReport run(List<CaseFile> files, Options o) {
        List<FileReport> out = new ArrayList<>();
        for (CaseFile f : files) {
            out.add(file(f, o));
        }
        return new MigrationReport(o.from(), o.to(), out);
    }

    static FileReport file(CaseFile f, Options o) {
        if (f.setup().nauthilus() != null) {
            return new FileReport(f.file(), "a Nauthilus plugin case file: no Dovecot release is involved", null,
                    false, List.of(), List.of());
        }
        ConfigMigration config = f.setup().config() == null ? null : ConfigMigration.convert(f.setup().config(), o.to());
        boolean useConverted = o.convertConfig() && config != null && config.text() != null && config.usable();
        CaseFile toFile = useConverted ? withConfig(f, config.write()) : f;
        List<Behaviour> from = FileRun.run(f, o.from());
        Set<Since> consulted = ConcurrentHashMap.newKeySet();
        List<Behaviour> to = FileRun.run(toFile, o.to().recording(consulted));
        boolean any = false;
        for (int i = 0; i < from.size(); i++) {
            any |= from.get(i) != null && !from.get(i).differences(to.get(i)).isEmpty();
        }
        // a difference must show again in a second pair of runs: what changes from run to run
        // (a timing in a reason text, an id made from the clock) is not the release's doing
        if (any) {
            // a second apart: what a stub derives from the clock (a Nauthilus session id) then differs too
            pause(1100);
        }
        List<Behaviour> from2 = any ? FileRun.run(f, o.from()) : from;
        List<Behaviour> to2 = any ? FileRun.run(toFile, o.to()) : to;
        Attributor attributor = new Attributor(toFile, o.from(), o.to(), from, to, consulted,
                useConverted ? CONFIG_SYNTAX : Set.of(), o.jobs());
        List<CaseChange> cases = new ArrayList<>();
        for (int i = 0; i < f.cases().size(); i++) {
            Case c = f.cases().get(i);
            Behaviour a = from.get(i);
            Behaviour b = to.get(i);
            if (a == null) {
                cases.add(new CaseChange(c, true, false, false, List.of(), List.of()));
                continue;
            }
            List<CaseChange.AspectChange> changes = new ArrayList<>();
            List<Aspect> unstable = new ArrayList<>();
            for (Aspect aspect : Aspect.values()) {
                if (!a.lines(aspect).equals(from2.get(i).lines(aspect))
                        || !b.lines(aspect).equals(to2.get(i).lines(aspect))) {
                    unstable.add(aspect);
                }
            }
            Set<Aspect> ignored = Set.copyOf(unstable);
            for (Aspect aspect : Aspect.values()) {
                if (ignored.contains(aspect)) {
                    continue;
                } else if (!a.lines(aspect).equals(b.lines(aspect))) {
                    changes.add(new CaseChange.AspectChange(aspect, a.lines(aspect), b.lines(aspect),
                            attributor.attribute(i, aspect, ignored)));
                }
            }
            cases.add(new CaseChange(c, false, a.passed(), b.passed(), changes, unstable));
        }
        return new FileReport(f.file(), null, config, useConverted, any ? attributor.candidates() : List.of(), cases);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CaseFile withConfig(CaseFile f, Path config) {
        return new CaseFile(f.file(), f.setup().withConfig(config), f.cases(), f.oneAuthProcess());
    }
}
