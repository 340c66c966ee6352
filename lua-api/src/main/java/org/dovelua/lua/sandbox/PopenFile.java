package org.dovelua.lua.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;

/**
 * The file {@code io.popen} returns (liolib.c {@code io_popen}): the command's stdout to read ("r")
 * or its stdin to write ("w"); the other direction fails with EBADF as a one-way stream does, and
 * seeking with ESPIPE as a pipe does. {@code close} is {@code io_pclose}: it waits for the command
 * and returns {@code luaL_execresult}'s three values.
 */
final class PopenFile extends SandboxIoLib.SandboxFile {
    private final Shell.Child child;
    private final PushbackInputStream in;
    private final OutputStream out;
    private WaitStatus status;

    PopenFile(SandboxIoLib lib, Shell.Child child, boolean reading) {
        lib.super(reading, !reading);
        this.child = child;
        this.in = new PushbackInputStream(reading ? child.stdout() : InputStream.nullInputStream(), 1);
        this.out = child.stdin();
    }

    /** {@code io_pclose}: {@code true|nil, "exit"|"signal", code}. */
    Varargs pclose() throws IOException {
        close();
        return status.luaResult();
    }

    @Override
    int readByte() throws IOException {
        return in.read();
    }

    @Override
    int peekByte() throws IOException {
        int c = in.read();
        if (c >= 0) {
            in.unread(c);
        }
        return c;
    }

    @Override
    public void write(LuaString s) throws IOException {
        out.write(s.m_bytes, s.m_offset, s.m_length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public boolean isstdfile() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (status == null) {
            status = child.waitFor();
        }
    }

    @Override
    public boolean isclosed() {
        return status != null;
    }

    @Override
    public int seek(String option, int offset) throws IOException {
        throw Errno.ESPIPE.failure();
    }

    @Override
    public void setvbuf(String mode, int size) {
        // a pipe's buffering changes nothing a script can see here
    }

    @Override
    public int remaining() {
        return -1;
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
        return in.read(b, off, len);
    }
}
