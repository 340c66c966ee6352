package org.dovelua.lua.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.dovelua.lua.Hints;

/**
 * The C library calls a script can reach ({@code fopen}, {@code remove}, {@code rename},
 * {@code mkstemp}), answered through the {@link VirtualFileSystem} with the errno the real call
 * would give. Mounts are read-only; unmapped paths do not exist unless the real file system is
 * allowed. Each miss also sends one hint per path.
 */
final class VfsAccess {
    final VirtualFileSystem vfs;
    private final Hints hints;

    VfsAccess(VirtualFileSystem vfs, Hints hints) {
        this.vfs = vfs;
        this.hints = hints;
    }

    /** {@code fopen(path, "r")}: the existing local file or directory, or the errno. */
    Path forReading(String luaPath) throws Errno.Failure {
        Optional<VirtualFileSystem.Resolution> r = vfs.lookup(luaPath);
        if (r.isEmpty() || !Files.exists(r.get().local())) {
            throw miss(luaPath);
        }
        Path p = r.get().local();
        if (!Files.isReadable(p)) {
            throw Errno.EACCES.failure();
        }
        return p;
    }

    /** {@code fopen(path, "w"/"a"/"r+")}: allowed only on the real file system, never on a mount. */
    Path forWriting(String luaPath, boolean mustExist) throws Errno.Failure {
        Path p = realOnly(luaPath);
        if (Files.isDirectory(p)) {
            throw Errno.EISDIR.failure();
        }
        boolean exists = Files.exists(p, LinkOption.NOFOLLOW_LINKS) && Files.exists(p);
        if (!exists && (mustExist || p.getParent() == null || !Files.isDirectory(p.getParent()))) {
            throw Errno.ENOENT.failure();
        }
        if (exists ? !Files.isWritable(p) : !Files.isWritable(p.getParent())) {
            throw Errno.EACCES.failure();
        }
        return p;
    }

    /**
     * {@code sqlite3_open_v2(path)}: a mounted database that exists opens read-only; an unmounted
     * path is the real file only with {@code --allow-fs}. Empty (with the hint) when SQLite could
     * not open it: "unable to open database file".
     */
    Optional<DatabaseFile> database(String luaPath) {
        Optional<VirtualFileSystem.Resolution> r = vfs.lookup(luaPath);
        if (r.isEmpty() || r.get().mounted() && !Files.isRegularFile(r.get().local())) {
            miss(luaPath);
            return Optional.empty();
        }
        String norm = r.get().luaPath();
        Runnable refused = () -> hints.once(norm, norm + " is read-only in dovelua: mounts never change, and other"
                + " paths are writable only with --allow-fs");
        return Optional.of(new DatabaseFile(r.get().local(), !r.get().mounted(), refused));
    }

    /** What {@code package.searchpath} asks: could {@code fopen(path, "r")} succeed? No hints. */
    boolean probe(String luaPath) {
        Optional<Path> p = vfs.resolve(luaPath);
        return p.isPresent() && Files.exists(p.get()) && Files.isReadable(p.get());
    }

    /** {@code remove(path)}. */
    void remove(String luaPath) throws Errno.Failure {
        if (!existsSomewhere(luaPath)) {
            throw miss(luaPath);
        }
        Path p = realOnly(luaPath);
        try {
            Files.delete(p);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw Errno.EEXIST.failure(); // glibc: ENOTEMPTY for rmdir; near enough, rare in scripts
        } catch (java.nio.file.AccessDeniedException e) {
            throw Errno.EACCES.failure();
        } catch (IOException e) {
            throw Errno.EIO.failure();
        }
    }

    /** {@code rename(from, to)}. */
    void rename(String from, String to) throws Errno.Failure {
        if (!existsSomewhere(from)) {
            throw miss(from);
        }
        Path src = realOnly(from);
        Path dst = realOnly(to);
        if (dst.getParent() == null || !Files.isDirectory(dst.getParent())) {
            throw Errno.ENOENT.failure();
        }
        try {
            Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AccessDeniedException e) {
            throw Errno.EACCES.failure();
        } catch (IOException e) {
            throw Errno.EIO.failure();
        }
    }

    /** {@code mkstemp("/tmp/lua_XXXXXX")}: a real file, so only with the real file system. */
    String tmpname() throws Errno.Failure {
        if (!vfs.realFsAllowed()) {
            hints.once("os.tmpname", "os.tmpname needs a writable /tmp: dovelua's file system is read-only"
                    + " (--allow-fs allows it)");
            throw Errno.EROFS.failure();
        }
        try {
            return Files.createTempFile(Path.of("/tmp"), "lua_", "").toString();
        } catch (IOException | RuntimeException e) {
            throw Errno.EIO.failure();
        }
    }

    /** Sends the hint for a disabled feature, once. */
    void hint(String key, String text) {
        hints.once(key, text);
    }

    private boolean existsSomewhere(String luaPath) {
        Optional<Path> p = vfs.resolve(luaPath);
        return p.isPresent() && Files.exists(p.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The real path behind an unmounted Lua path, or EROFS: mounts and the sandbox are read-only. */
    private Path realOnly(String luaPath) throws Errno.Failure {
        Optional<VirtualFileSystem.Resolution> r = vfs.lookup(luaPath);
        if (r.isEmpty() || r.get().mounted()) {
            String norm = VirtualFileSystem.normalize(luaPath, vfs.currentDirectory());
            hints.once(norm, norm + " is read-only in dovelua: mounts never change, and other paths"
                    + " are writable only with --allow-fs");
            throw Errno.EROFS.failure();
        }
        return r.get().local();
    }

    private Errno.Failure miss(String luaPath) {
        hints.once(VirtualFileSystem.normalize(luaPath, vfs.currentDirectory()), vfs.missHint(luaPath));
        return Errno.ENOENT.failure();
    }
}
