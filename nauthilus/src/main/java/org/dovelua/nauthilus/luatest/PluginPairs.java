package org.dovelua.nauthilus.luatest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code dovelua nauthilus test DIR}: the {@code <name>_wrapper.lua} / {@code <name>_test.json} pairs
 * below a directory, found by name as upstream lays them out (testdata/lua/plugins/, one flat folder;
 * dovelua also looks in subfolders), sorted by path. The callback kind comes from the name's prefix,
 * which is how upstream names its 15 pairs (scripts/run-lua-plugin-tests.sh passes the kind the
 * name starts with): {@code subject_}, {@code environment_}, {@code action_}, {@code backend_},
 * {@code hook_}, {@code cache_flush_} (or the name {@code cache_flush}, upstream's pair).
 */
public final class PluginPairs {
    public static final String WRAPPER = "_wrapper.lua";
    public static final String FIXTURE = "_test.json";

    private PluginPairs() {
    }

    /**
     * The pairs below {@code dir} ({@code shownDir} as the user wrote it, {@code dir} resolved
     * against the working directory), each wrapper or fixture without its partner, or whose kind the
     * name does not tell, as a pair with a problem.
     */
    public static List<PluginPair> discover(String shownDir, Path dir) throws IOException {
        // key: the pair's path below dir without the suffix, e.g. "sub/action_x"
        TreeMap<String, String[]> byStem = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (rel.endsWith(WRAPPER)) {
                    byStem.computeIfAbsent(rel.substring(0, rel.length() - WRAPPER.length()), k -> new String[2])[0] = rel;
                } else if (rel.endsWith(FIXTURE)) {
                    byStem.computeIfAbsent(rel.substring(0, rel.length() - FIXTURE.length()), k -> new String[2])[1] = rel;
                }
            }
        }
        while (shownDir.length() > 1 && shownDir.endsWith("/")) {
            shownDir = shownDir.substring(0, shownDir.length() - 1); // "plugins/" and "plugins" name the same folder
        }
        List<PluginPair> pairs = new ArrayList<>();
        for (var e : byStem.entrySet()) {
            String stem = e.getKey();
            int slash = stem.lastIndexOf('/');
            String name = stem.substring(slash + 1);
            String folder = slash < 0 ? shownDir : join(shownDir, stem.substring(0, slash));
            String script = join(shownDir, stem + WRAPPER);
            String fixture = join(shownDir, stem + FIXTURE);
            CallbackKind kind = kindOf(name);
            String problem = null;
            if (e.getValue()[0] == null) {
                problem = fixture + ": no wrapper " + name + WRAPPER + " beside it; add the wrapper or rename the"
                        + " fixture to match its wrapper";
            } else if (e.getValue()[1] == null) {
                problem = script + ": no fixture " + name + FIXTURE + " beside it; add one (\"{}\" runs the"
                        + " plugin without mock data)";
            } else if (kind == null) {
                problem = script + ": the callback kind cannot be told from the name \"" + name + "\"; rename the"
                        + " pair to start with subject_, environment_, action_, backend_, hook_ or cache_flush,"
                        + " or run it with --test-lua/--test-callback/--test-mock";
            }
            pairs.add(new PluginPair(name, folder, script, fixture, kind, problem));
        }
        return pairs;
    }

    /** The kind a pair's name starts with, or null. */
    public static CallbackKind kindOf(String name) {
        for (CallbackKind k : CallbackKind.values()) {
            if (name.startsWith(k.flag + "_") || k == CallbackKind.CACHE_FLUSH && name.equals(k.flag)) {
                return k;
            }
        }
        return null;
    }

    /** {@code dir/rel} as the user would write it ({@code ./x} stays {@code ./x/...}). */
    private static String join(String dir, String rel) {
        if (dir.isEmpty() || dir.equals(".")) {
            return dir.isEmpty() ? rel : "./" + rel;
        }
        return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
    }
}
