package org.dovelua.lua.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random Lua paths: resolve never throws, never leaves its mount, and matches a plain model. */
class VirtualFileSystemPropertyTest {
    private static final String[] SEGMENTS = {
        "etc", "dovecot", "users", "srv", "lua", ".", "..", "", "...", ".hidden", "a b", "ü", "日本",
        "\uD83D\uDE00", "x.lua", "?", "%w", "\\", "..a", "a..", "\0", "\0..",
    };

    @TempDir
    static Path base;

    static LongStream seeds() {
        return LongStream.range(0, 500);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void resolveAgreesWithTheModel(long seed) throws IOException {
        Path dovecot = Files.createDirectories(base.resolve("dovecot"));
        Path srv = Files.createDirectories(base.resolve("srv"));
        Path users = base.resolve("users");
        if (!Files.exists(users)) {
            Files.writeString(users, "alice\n");
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        mounts.put("/etc/dovecot", dovecot);
        mounts.put("/etc/dovecot/users", users);
        mounts.put("/srv", srv);
        Random random = new Random(seed);
        String cwd = random.nextBoolean() ? "/" : "/etc/dovecot";
        VirtualFileSystem vfs = new VirtualFileSystem().currentDirectory(cwd);
        mounts.forEach(vfs::mount);

        for (int i = 0; i < 20; i++) {
            String path = randomPath(random);
            String context = "seed " + seed + ", path '" + path.replace("\0", "\\0") + "', cwd " + cwd;
            Optional<Path> actual = vfs.resolve(path);
            assertThat(actual).as(context).isEqualTo(model(path, cwd, mounts));
            actual.ifPresent(p -> assertThat(mounts.values().stream().anyMatch(m -> p.normalize().startsWith(m)))
                    .as(context + " stays inside a mount: " + p).isTrue());
        }
    }

    private static String randomPath(Random random) {
        StringBuilder sb = new StringBuilder(random.nextInt(4) == 0 ? "" : "/");
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(random.nextInt(5) == 0 ? "//" : "/");
            }
            sb.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        if (random.nextInt(6) == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** The reference: scan characters, keep a stack of names, then the longest mounted prefix. */
    private static Optional<Path> model(String path, String cwd, Map<String, Path> mounts) {
        List<String> stack = new ArrayList<>();
        String full = (path.startsWith("/") ? "" : cwd + "/") + path + "/";
        StringBuilder seg = new StringBuilder();
        for (char c : full.toCharArray()) {
            if (c == '\0') {
                break;
            }
            if (c != '/') {
                seg.append(c);
                continue;
            }
            String s = seg.toString();
            seg.setLength(0);
            if (s.equals("..")) {
                if (!stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                stack.add(s);
            }
        }
        if (seg.length() > 0) { // cut by a NUL: the pending name counts
            String s = seg.toString();
            if (s.equals("..")) {
                if (!stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
            } else if (!s.equals(".")) {
                stack.add(s);
            }
        }
        for (int len = stack.size(); len >= 0; len--) {
            String prefix = "/" + String.join("/", stack.subList(0, len));
            Path local = mounts.get(prefix);
            if (local != null) {
                try {
                    Path p = local;
                    for (String s : stack.subList(len, stack.size())) {
                        p = p.resolve(s);
                    }
                    return Optional.of(p);
                } catch (InvalidPathException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
