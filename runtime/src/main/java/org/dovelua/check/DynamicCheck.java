package org.dovelua.check;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.dovelua.auth.lua.AuthRequestMembers;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseRunner;
import org.dovelua.version.DovecotVersion;

/**
 * {@code check --cases}: runs the case files through the case runner with the request object's
 * miss hook on ({@link AuthRequestMembers#listen}), and reports each member a script asked for
 * and did not get as a {@link Rule#REQUEST_MEMBER} finding on the line that asked. Only one check
 * runs at a time (the hook is process-wide).
 */
final class DynamicCheck {
    private static final Object ONE_AT_A_TIME = new Object();

    private DynamicCheck() {
    }

    static void run(List<CaseFile> cases, int jobs, Collection<ScriptTarget> targets, DovecotVersion v, Findings out) {
        synchronized (ONE_AT_A_TIME) {
            java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AuthRequestMembers.listen((member, chunk, line) -> seen.add(chunk + "\n" + line + "\n" + member));
            try {
                CaseRunner.run(cases, new CaseRunner.Options(jobs, null, false), (o, done, total) -> { });
            } finally {
                AuthRequestMembers.listen(null);
            }
            for (String s : new java.util.TreeSet<>(seen)) {
                String[] p = s.split("\n", 3);
                ScriptTarget t = find(targets, p[0]);
                String file = t != null ? t.shown : p[0];
                out.addDynamic(RequestMemberRules.miss(file, Integer.parseInt(p[1]), p[2], t != null ? t.version : v));
            }
        }
    }

    /** The target a chunk name (the path the script was loaded under) belongs to. */
    private static ScriptTarget find(Collection<ScriptTarget> targets, String chunk) {
        for (ScriptTarget t : targets) {
            if (t.names.contains(chunk)) {
                return t;
            }
        }
        String base = Path.of(chunk).getFileName().toString();
        ScriptTarget only = null;
        for (ScriptTarget t : targets) {
            if (t.path.getFileName().toString().equals(base)) {
                if (only != null) {
                    return null;
                }
                only = t;
            }
        }
        return only;
    }
}
