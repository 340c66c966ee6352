package org.dovelua.lua.sandbox;

import java.io.IOException;

/** The few errno values the sandbox reports, with glibc's strerror text, as Lua 5.4 shows them. */
enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    EBADF(9, "Bad file descriptor"),
    EACCES(13, "Permission denied"),
    EEXIST(17, "File exists"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EROFS(30, "Read-only file system"),
    ESPIPE(29, "Illegal seek");

    final int code;
    final String text;

    Errno(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** A failed C call: carries the errno so results can be {@code nil, msg, errno}. */
    static final class Failure extends IOException {
        final Errno errno;

        Failure(Errno errno) {
            super(errno.text, null);
            this.errno = errno;
        }
    }

    Failure failure() {
        return new Failure(this);
    }
}
