package org.dovelua.lua.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's view of the file system: a mount table from absolute paths a script uses
 * ({@code /etc/dovecot/users}) to local files or directories ({@code ./fixtures/users}).
 *
 * <p>Scripts are deployed with absolute paths; the user maps them with {@code --mount ABS=LOCAL}.
 * Everything unmapped is invisible ("No such file or directory") unless {@link #allowRealFs} is
 * on. Paths are normalised lexically, so {@code /etc/dovecot/../passwd} is {@code /etc/passwd} and
 * can never climb out of a mounted directory. Mounts are set up before scripts run; reads are safe
 * from any thread afterwards.
 */
public final class VirtualFileSystem {
    /** One mount: a normalised absolute Lua path and the local file or directory behind it. */
    record Mount(String luaPath, Path local, boolean directory) {}

    /** A Lua path after lookup: where it is, and whether a mount (read-only) provides it. */
    record Resolution(String luaPath, Path local, boolean mounted) {}

    private final Map<String, Mount> mounts = new ConcurrentHashMap<>();
    private volatile boolean allowRealFs;
    private volatile String cwd = "/";

    /**
     * Builds a mount table from {@code --mount ABS_PATH=LOCAL_PATH} specs, LOCAL_PATH relative
     * to {@code baseDir}.
     *
     * @throws IllegalArgumentException naming the bad spec and how to fix it
     */
    public static VirtualFileSystem parse(List<String> specs, Path baseDir) {
        VirtualFileSystem vfs = new VirtualFileSystem();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--mount '" + spec + "': expected ABS_PATH=LOCAL_PATH,"
                        + " e.g. --mount /etc/dovecot=./fixtures");
            }
            String abs = spec.substring(0, eq);
            String local = spec.substring(eq + 1);
            if (!abs.startsWith("/")) {
                throw new IllegalArgumentException("--mount '" + spec + "': ABS_PATH '" + abs
                        + "' must be absolute (start with '/'), the path as the script sees it,"
                        + " e.g. --mount /etc/dovecot=" + (local.isEmpty() ? "./fixtures" : local));
            }
            if (local.isEmpty()) {
                throw new IllegalArgumentException("--mount '" + spec + "': LOCAL_PATH is empty;"
                        + " name the local file or directory after '=', e.g. --mount " + abs + "=./fixtures");
            }
            Path resolved;
            try {
                resolved = baseDir.resolve(local).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("--mount '" + spec + "': LOCAL_PATH '" + local
                        + "' is not a valid path: " + e.getReason(), e);
            }
            if (!Files.exists(resolved)) {
                throw new IllegalArgumentException("--mount '" + spec + "': LOCAL_PATH '" + local
                        + "' does not exist (looked for " + resolved + "); create it or fix the path");
            }
            vfs.mount(abs, resolved);
        }
        return vfs;
    }

    /**
     * Maps {@code absPath} (as the script spells it) to {@code local}. A file maps exactly that
     * path; a directory maps everything under it. A later mount of the same path replaces it.
     */
    public VirtualFileSystem mount(String absPath, Path local) {
        if (absPath == null || !absPath.startsWith("/")) {
            throw new IllegalArgumentException("mount point '" + absPath + "' must be absolute (start with '/')");
        }
        String key = normalize(absPath, "/");
        Path target = local.toAbsolutePath().normalize();
        mounts.put(key, new Mount(key, target, Files.isDirectory(target)));
        return this;
    }

    /** The mounts, mount point to local path, in no particular order. */
    public Map<String, Path> mounts() {
        Map<String, Path> m = new java.util.LinkedHashMap<>();
        mounts.values().forEach(mt -> m.put(mt.luaPath(), mt.local()));
        return m;
    }

    /** With {@code true}, unmapped paths reach the real file system (and writes are allowed there). */
    public VirtualFileSystem allowRealFs(boolean allow) {
        this.allowRealFs = allow;
        return this;
    }

    public boolean realFsAllowed() {
        return allowRealFs;
    }

    /** The directory relative Lua paths start from; Dovecot's auth process runs in {@code /}. */
    public VirtualFileSystem currentDirectory(String absDir) {
        if (absDir == null || !absDir.startsWith("/")) {
            throw new IllegalArgumentException("current directory '" + absDir + "' must be absolute");
        }
        this.cwd = normalize(absDir, "/");
        return this;
    }

    public String currentDirectory() {
        return cwd;
    }

    /** The local path behind a Lua path, or empty when nothing provides it. Never throws. */
    public Optional<Path> resolve(String luaPath) {
        return lookup(luaPath).map(Resolution::local);
    }

    /** Like {@link #resolve}, also telling whether a (read-only) mount provides the path. */
    Optional<Resolution> lookup(String luaPath) {
        String norm = normalize(luaPath, cwd);
        MountedPath mp = mounted(norm);
        if (mp != null) {
            if (mp.local() == null || escapes(mp.local())) {
                return Optional.empty();
            }
            return Optional.of(new Resolution(norm, mp.local(), true));
        }
        if (allowRealFs) {
            try {
                return Optional.of(new Resolution(norm, Path.of(norm), false));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The hint for a path nothing provides (or a mount lacks), in terms of the CLI options. */
    public String missHint(String luaPath) {
        String norm = normalize(luaPath, cwd);
        MountedPath mp = mounted(norm);
        if (mp != null) {
            Mount m = mp.mount();
            if (mp.local() != null && escapes(mp.local())) {
                return norm + " is " + mp.local() + ", whose symbolic link leads out of the mounted " + m.local()
                        + " (dovelua does not follow it; --allow-fs lets scripts read the real file system)";
            }
            return norm + " is not in " + m.local() + " (mounted at " + m.luaPath() + ")";
        }
        if (allowRealFs) {
            return norm + " does not exist on this machine (not mounted; --allow-fs reads the real file system)";
        }
        return norm + " is not mounted: add --mount " + norm + "=LOCAL_FILE (or --allow-fs)";
    }

    /** The innermost mount over a normalised path, and the local path (null: not expressible here). */
    private record MountedPath(Mount mount, Path local) {
    }

    private MountedPath mounted(String norm) {
        for (String prefix = norm; prefix != null; prefix = parent(prefix)) {
            Mount m = mounts.get(prefix);
            if (m != null) {
                try {
                    return new MountedPath(m, under(m.local(), norm.substring(prefix.length())));
                } catch (InvalidPathException e) {
                    return new MountedPath(m, null); // a name the JVM's file-name encoding cannot express
                }
            }
        }
        return null;
    }

    /** A mounted path whose links lead out of every mount, unless the real file system is allowed. */
    private boolean escapes(Path local) {
        return !allowRealFs && !beneathAMount(local);
    }

    /**
     * Lexical normalisation the way the reference model in the tests does it: relative paths
     * start at {@code cwd}; empty and {@code .} segments go, {@code ..} pops (never above
     * {@code /}). C stops at a NUL byte, so do we.
     */
    static String normalize(String path, String cwd) {
        if (path == null) {
            path = "";
        }
        int nul = path.indexOf('\0');
        if (nul >= 0) {
            path = path.substring(0, nul);
        }
        String full = path.startsWith("/") ? path : cwd + "/" + path;
        Deque<String> out = new ArrayDeque<>();
        for (String seg : full.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(seg);
            }
        }
        return "/" + String.join("/", out);
    }

    /**
     * Whether {@code local}, with every symbolic link on its way resolved, is still inside a
     * mounted directory or is a mounted file, as {@code openat2(RESOLVE_BENEATH)} would require: a
     * link in a mounted directory must not lead scripts to the rest of the machine. A path that
     * does not exist yet is judged by its nearest existing ancestor.
     */
    private boolean beneathAMount(Path local) {
        Path existing = local;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return true;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException | SecurityException e) {
            return false; // a dangling or looping link
        }
        for (Mount m : mounts.values()) {
            try {
                Path root = m.local().toRealPath();
                if (m.directory() ? real.startsWith(root) : real.equals(root)) {
                    return true;
                }
            } catch (IOException | SecurityException e) {
                // a mount whose target is gone provides nothing
            }
        }
        return false;
    }

    private static String parent(String norm) {
        if (norm.equals("/")) {
            return null;
        }
        int slash = norm.lastIndexOf('/');
        return slash == 0 ? "/" : norm.substring(0, slash);
    }

    /** Appends already-normalised segments one at a time, so none can be read as absolute. */
    private static Path under(Path base, String rest) {
        Path p = base;
        for (String seg : rest.split("/")) {
            if (!seg.isEmpty()) {
                p = p.resolve(seg);
            }
        }
        return p;
    }
}
