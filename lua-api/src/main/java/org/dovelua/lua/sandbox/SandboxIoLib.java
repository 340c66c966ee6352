package org.dovelua.lua.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.Lua54IoLib;
import org.dovelua.lua.lua54.vm.LuaFloatText;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code io} library as Lua 5.4 (what Dovecot links) behaves, with named files going
 * through the sandbox's {@link VirtualFileSystem}. LuaJ's {@code JseIoLib} speaks Lua 5.2
 * ({@code "*l"} only, {@code "io error: ..."} texts, two-value failures), so the functions that
 * name files or read are replaced; file objects stay {@link File}s, so {@code io.type},
 * {@code f:close()}, {@code f:seek()} and {@code io.write} are LuaJ's own ({@link Lua54IoLib}).
 */
final class SandboxIoLib extends Lua54IoLib {
    private final VfsAccess fs;
    private final ShellAccess shell;
    private final LuaValue read = new FileFn("read") {
        @Override
        Varargs run(SandboxFile f, Varargs args) {
            return f.readFormats(args.subargs(2));
        }
    };
    private final LuaValue write = new FileFn("write") {
        @Override
        Varargs run(SandboxFile f, Varargs args) {
            return f.writeAll(args.subargs(2), f);
        }
    };
    private final LuaValue lines = new FileFn("lines") {
        @Override
        Varargs run(SandboxFile f, Varargs args) {
            return f.linesIterator(args.subargs(2), false);
        }
    };

    SandboxIoLib(VfsAccess fs, ShellAccess shell) {
        this.fs = fs;
        this.shell = shell;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable io = (LuaTable) super.call(modname, env);
        io.set("open", new IoFn("open") {
            @Override
            Varargs run(Varargs args) {
                String name = LuaArgs.checkString(args, 1, "open");
                String mode = LuaArgs.optString(args, 2, "open", "r");
                if (!validMode(mode)) {
                    throw LuaArgs.argError(2, "open", "invalid mode");
                }
                try {
                    return open(name, mode);
                } catch (Errno.Failure e) {
                    return varargsOf(NIL, valueOf(name + ": " + e.errno.text), valueOf(e.errno.code));
                }
            }
        });
        io.set("lines", new IoFn("lines") {
            @Override
            Varargs run(Varargs args) {
                if (args.arg1().isnil()) {
                    return defaultInput().linesIterator(args.subargs(2), false);
                }
                SandboxFile f = openOrRaise(LuaArgs.checkString(args, 1, "lines"), "r");
                return varargsOf(new LuaValue[] {f.linesIterator(args.subargs(2), true), NIL, NIL, f});
            }
        });
        io.set("input", new IoFn("input") {
            @Override
            Varargs run(Varargs args) {
                LuaValue a = args.arg1();
                return a.isnil() ? _io_input(NIL)
                        : _io_input(a.isstring() ? openOrRaise(a.tojstring(), "r") : checkFile(a, "input"));
            }
        });
        io.set("output", new IoFn("output") {
            @Override
            Varargs run(Varargs args) {
                LuaValue a = args.arg1();
                return a.isnil() ? _io_output(NIL)
                        : _io_output(a.isstring() ? openOrRaise(a.tojstring(), "w") : checkFile(a, "output"));
            }
        });
        io.set("read", new IoFn("read") {
            @Override
            Varargs run(Varargs args) {
                return defaultInput().readFormats(args);
            }
        });
        io.set("popen", new IoFn("popen") {
            @Override
            Varargs run(Varargs args) {
                return popen(LuaArgs.checkString(args, 1, "popen"), LuaArgs.optString(args, 2, "popen", "r"));
            }
        });
        return io;
    }

    /**
     * {@code io_popen} (liolib.c): the mode must be exactly "r" or "w" ({@code l_checkmodep});
     * a command that cannot be started is {@code luaL_fileresult}'s {@code nil, "cmd: strerror", errno}.
     */
    private Varargs popen(String command, String mode) {
        if (!mode.equals("r") && !mode.equals("w")) {
            throw LuaArgs.argError(2, "popen", "invalid mode");
        }
        boolean reading = mode.equals("r");
        try {
            return new PopenFile(this, shell.start(command, reading ? Redirect.READ : Redirect.WRITE), reading);
        } catch (IOException e) {
            return varargsOf(NIL, valueOf(command + ": " + Errno.EIO.text), valueOf(Errno.EIO.code));
        }
    }

    /** {@code f:close()}: a popen file's is {@code io_pclose}, the three results of its command. */
    @Override
    public Varargs _file_close(LuaValue file) throws IOException {
        if (file instanceof PopenFile p) {
            checkFile(file, "close");
            return p.pclose();
        }
        return super._file_close(file);
    }

    /** {@code io.close([f])}: the same for a popen file, the default output included. */
    @Override
    public Varargs _io_close(LuaValue file) throws IOException {
        LuaValue f = file.isnil() ? _io_output(NIL).arg1() : file;
        return f instanceof PopenFile ? _file_close(f) : super._io_close(file);
    }

    /** {@code f:seek()} on a pipe: {@code fseek} fails with ESPIPE ({@code luaL_fileresult}). */
    @Override
    public Varargs _file_seek(LuaValue file, String whence, int offset) throws IOException {
        if (file instanceof PopenFile) {
            checkFile(file, "seek");
            return varargsOf(NIL, valueOf(Errno.ESPIPE.text), valueOf(Errno.ESPIPE.code));
        }
        return super._file_seek(file, whence, offset);
    }

    /** Lua 5.4's {@code l_checkmode}: {@code [rwa]%+?b*}. */
    static boolean validMode(String mode) {
        return mode.matches("[rwa]\\+?b*");
    }

    /** {@code fopen} through the sandbox; {@code mode} is valid. */
    SandboxFile open(String name, String mode) throws Errno.Failure {
        boolean update = mode.contains("+");
        if (mode.startsWith("r") && !update) {
            Path p = fs.forReading(name);
            if (Files.isDirectory(p)) {
                return new MemoryFile(null); // Linux opens a directory; reading it fails (EISDIR)
            }
            try {
                return new MemoryFile(Files.readAllBytes(p));
            } catch (IOException e) {
                throw Errno.EIO.failure();
            }
        }
        Path p = fs.forWriting(name, mode.startsWith("r"));
        try {
            // LuaJ opens "r+" read-only and truncates on any non-read mode; ask for append
            // (read-write, no truncation) and rewind for "r+".
            File f = super.openFile(p.toString(), false, !mode.startsWith("w"), update, mode.contains("b"));
            if (mode.startsWith("r")) {
                f.seek("set", 0);
            }
            return new WrappedFile(f, update, true);
        } catch (IOException e) {
            throw Errno.EACCES.failure();
        }
    }

    /** {@code opencheckfile}: io.lines, io.input, io.output raise instead of returning nil. */
    private SandboxFile openOrRaise(String name, String mode) {
        try {
            return open(name, mode);
        } catch (Errno.Failure e) {
            throw new LuaError("cannot open file '" + name + "' (" + e.errno.text + ")");
        }
    }

    private SandboxFile defaultInput() {
        SandboxFile f = (SandboxFile) _io_input(NIL);
        if (f.isclosed()) {
            throw new LuaError("default input file is closed");
        }
        return f;
    }

    /** {@code tofile}: the argument must be an open file of ours. */
    static SandboxFile checkFile(LuaValue v, String fname) {
        if (!(v instanceof SandboxFile f)) {
            throw LuaArgs.argError(1, fname, "FILE* expected, got " + (v.isnil() ? "no value" : v.typename()));
        }
        if (f.isclosed()) {
            throw new LuaError("attempt to use a closed file");
        }
        return f;
    }

    @Override
    protected File openFile(String filename, boolean readMode, boolean appendMode, boolean updateMode,
            boolean binaryMode) throws IOException {
        String mode = (readMode ? "r" : appendMode ? "a" : "w") + (updateMode ? "+" : "");
        return open(filename, mode); // any LuaJ path that still opens by name stays in the sandbox
    }

    @Override
    protected File openProgram(String prog, String mode) throws IOException {
        return new PopenFile(this, shell.start(prog, "w".equals(mode) ? Redirect.WRITE : Redirect.READ),
                !"w".equals(mode)); // LuaJ's own io.popen, should anything still reach it
    }

    @Override
    protected File wrapStdin() throws IOException {
        return new WrappedFile(super.wrapStdin(), true, false);
    }

    @Override
    protected File wrapStdout() throws IOException {
        return new WrappedFile(super.wrapStdout(), false, true);
    }

    @Override
    protected File wrapStderr() throws IOException {
        return new WrappedFile(super.wrapStderr(), false, true);
    }

    @Override
    protected File tmpFile() throws IOException {
        return new WrappedFile(super.tmpFile(), true, true);
    }

    /** An io function with 5.4's argument texts; {@code name} is what 5.4 reports. */
    private abstract static class IoFn extends VarArgFunction {
        IoFn(String name) {
            this.name = name;
        }

        abstract Varargs run(Varargs args);

        @Override
        public Varargs invoke(Varargs args) {
            return run(args);
        }
    }

    /** A file method ({@code f:read(...)}): checks {@code f} first, as {@code tofile} does. */
    private abstract static class FileFn extends IoFn {
        FileFn(String name) {
            super(name);
        }

        abstract Varargs run(SandboxFile f, Varargs args);

        @Override
        Varargs run(Varargs args) {
            return run(checkFile(args.arg1(), name), args);
        }
    }

    /** A file as Lua 5.4 reads it: formats {@code n l L a} (with or without {@code *}) and counts. */
    abstract class SandboxFile extends File {
        private final boolean readable;
        private final boolean writable;

        SandboxFile(boolean readable, boolean writable) {
            this.readable = readable;
            this.writable = writable;
        }

        @Override
        public LuaValue get(LuaValue key) {
            if (key.isstring()) {
                switch (key.tojstring()) {
                    case "read": return read;
                    case "write": return write;
                    case "lines": return lines;
                    default: break;
                }
            }
            return super.get(key);
        }

        @Override
        public String tojstring() {
            return isclosed() ? "file (closed)" : "file (0x" + Integer.toHexString(hashCode()) + ")";
        }

        /** One byte, or -1 at end of file. */
        abstract int readByte() throws IOException;

        /** The next byte without consuming it, or -1. */
        abstract int peekByte() throws IOException;

        void checkReadable() throws Errno.Failure {
            if (!readable) {
                throw Errno.EBADF.failure();
            }
        }

        /** {@code g_read}: results up to the first nil, or {@code nil, strerror, errno}. */
        Varargs readFormats(Varargs fmts) {
            int n = fmts.narg();
            LuaValue[] out = new LuaValue[Math.max(n, 1)];
            int count = 0;
            try {
                checkReadable();
                if (n == 0) {
                    return readLine(false);
                }
                for (int i = 1; i <= n; i++) {
                    LuaValue v = readOne(fmts.arg(i), i);
                    out[count++] = v;
                    if (v.isnil()) {
                        break;
                    }
                }
            } catch (Errno.Failure e) {
                return varargsOf(NIL, valueOf(e.errno.text), valueOf(e.errno.code));
            } catch (IOException e) {
                return varargsOf(NIL, valueOf(Errno.EIO.text), valueOf(Errno.EIO.code));
            }
            return varargsOf(out, 0, count);
        }

        private LuaValue readOne(LuaValue fmt, int argNo) throws IOException {
            if (fmt.type() == TNUMBER) {
                long k = fmt.tolong();
                return k <= 0 ? (peekByte() < 0 ? NIL : EMPTYSTRING) : readBytes(k);
            }
            String f = fmt.isstring() ? fmt.tojstring() : "";
            if (f.startsWith("*")) {
                f = f.substring(1); // Lua 5.4 still accepts the 5.1-5.3 spelling
            }
            switch (f.isEmpty() ? ' ' : f.charAt(0)) {
                case 'n': return readNumber();
                case 'l': return readLine(false);
                case 'L': return readLine(true);
                case 'a': return readAll();
                default: throw LuaArgs.argError(argNo, "read", "invalid format");
            }
        }

        private LuaValue readLine(boolean keepNewline) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int c;
            while ((c = readByte()) >= 0 && c != '\n') {
                buf.write(c);
            }
            if (c == '\n' && keepNewline) {
                buf.write(c);
            }
            return c < 0 && buf.size() == 0 ? NIL : LuaString.valueUsing(buf.toByteArray());
        }

        private LuaValue readAll() throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int c; (c = readByte()) >= 0; ) {
                buf.write(c);
            }
            return LuaString.valueUsing(buf.toByteArray()); // "a" gives "" at end of file, never nil
        }

        private LuaValue readBytes(long k) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int c; buf.size() < k && (c = readByte()) >= 0; ) {
                buf.write(c);
            }
            return buf.size() == 0 ? NIL : LuaString.valueUsing(buf.toByteArray());
        }

        /** {@code read_number}: skips blanks, takes the longest numeral prefix (≤ 200 chars). */
        private LuaValue readNumber() throws IOException {
            while (peekByte() >= 0 && Character.isWhitespace(peekByte())) {
                readByte();
            }
            StringBuilder s = new StringBuilder();
            accept(s, "+-");
            boolean hex = false;
            if (accept(s, "0") && accept(s, "xX")) {
                hex = true;
            }
            String digits = hex ? "0123456789abcdefABCDEF" : "0123456789";
            while (accept(s, digits)) { /* integer part */ }
            if (accept(s, ".")) {
                while (accept(s, digits)) { /* fraction */ }
            }
            if (accept(s, hex ? "pP" : "eE")) {
                accept(s, "+-");
                while (accept(s, "0123456789")) { /* exponent */ }
            }
            LuaValue n = valueOf(s.toString()).tonumber();
            return n.isnil() ? NIL : n;
        }

        private boolean accept(StringBuilder s, String chars) throws IOException {
            int c = peekByte();
            if (c < 0 || s.length() >= 200 || chars.indexOf(c) < 0) {
                return false;
            }
            s.append((char) readByte());
            return true;
        }

        /** {@code g_write}: strings and numbers; returns the file, or {@code nil, strerror, errno}. */
        Varargs writeAll(Varargs args, LuaValue self) {
            try {
                if (!writable) {
                    throw Errno.EBADF.failure();
                }
                Varargs text = LuaFloatText.writeArgs(args);
                for (int i = 1; i <= args.narg(); i++) {
                    LuaArgs.checkString(args, i, "write");
                    write(text.arg(i).strvalue());
                }
                return self;
            } catch (Errno.Failure e) {
                return varargsOf(NIL, valueOf(e.errno.text), valueOf(e.errno.code));
            } catch (IOException e) {
                return varargsOf(NIL, valueOf(Errno.EIO.text), valueOf(Errno.EIO.code));
            }
        }

        /** {@code aux_lines}: read errors are raised; {@code io.lines(name)} closes at the end. */
        LuaValue linesIterator(Varargs fmts, boolean closeAtEof) {
            Varargs formats = fmts.narg() == 0 ? valueOf("l") : fmts;
            SandboxFile self = this;
            return new VarArgFunction() {
                @Override
                public Varargs invoke(Varargs unused) {
                    if (self.isclosed()) {
                        throw new LuaError("file is already closed");
                    }
                    Varargs r = self.readFormats(formats);
                    if (!r.arg1().isnil()) {
                        return r;
                    }
                    if (r.narg() > 1 && r.arg(2).isstring()) {
                        throw new LuaError(r.arg(2).tojstring());
                    }
                    if (closeAtEof) {
                        try {
                            self.close();
                        } catch (IOException ignored) {
                            // closing a read-only snapshot cannot fail
                        }
                    }
                    return NIL;
                }
            };
        }
    }

    /**
     * A file opened for reading: a snapshot of its bytes (mounts are read-only, so nothing can
     * change under it), or a directory ({@code bytes == null}), which Linux opens but cannot read.
     */
    private final class MemoryFile extends SandboxFile {
        private final byte[] bytes;
        private int pos;
        private boolean closed;

        MemoryFile(byte[] bytes) {
            super(true, false);
            this.bytes = bytes;
        }

        @Override
        int readByte() throws IOException {
            if (bytes == null) {
                throw Errno.EISDIR.failure();
            }
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        int peekByte() throws IOException {
            if (bytes == null) {
                throw Errno.EISDIR.failure();
            }
            return pos < bytes.length ? bytes[pos] & 0xff : -1;
        }

        @Override public void write(LuaString s) throws IOException { throw Errno.EBADF.failure(); }
        @Override public void flush() {}
        @Override public boolean isstdfile() { return false; }
        @Override public void close() { closed = true; }
        @Override public boolean isclosed() { return closed; }
        @Override public void setvbuf(String mode, int size) {}

        @Override
        public int seek(String option, int offset) {
            int len = bytes == null ? 0 : bytes.length;
            int base = "set".equals(option) ? 0 : "end".equals(option) ? len : pos;
            pos = Math.max(0, base + offset);
            return pos;
        }

        @Override
        public int remaining() {
            return bytes == null ? 0 : Math.max(0, bytes.length - pos);
        }

        @Override
        public int peek() throws IOException {
            return peekByte();
        }

        @Override
        public int read() throws IOException {
            return readByte();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (bytes == null) {
                throw Errno.EISDIR.failure();
            }
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** LuaJ's own file (a real file when allowed, stdin/stdout/stderr, tmpfile) with 5.4 reads. */
    private final class WrappedFile extends SandboxFile {
        private final File inner;

        WrappedFile(File inner, boolean readable, boolean writable) {
            super(readable, writable);
            this.inner = inner;
        }

        @Override
        int readByte() throws IOException {
            return inner.read();
        }

        @Override
        int peekByte() throws IOException {
            return inner.peek();
        }

        @Override public void write(LuaString s) throws IOException { inner.write(s); }
        @Override public void flush() throws IOException { inner.flush(); }
        @Override public boolean isstdfile() { return inner.isstdfile(); }
        @Override public void close() throws IOException { inner.close(); }
        @Override public boolean isclosed() { return inner.isclosed(); }
        @Override public int seek(String option, int offset) throws IOException { return inner.seek(option, offset); }
        @Override public void setvbuf(String mode, int size) { inner.setvbuf(mode, size); }
        @Override public int remaining() throws IOException { return inner.remaining(); }
        @Override public int peek() throws IOException { return inner.peek(); }
        @Override public int read() throws IOException { return inner.read(); }
        @Override public int read(byte[] b, int off, int len) throws IOException { return inner.read(b, off, len); }
    }
}
