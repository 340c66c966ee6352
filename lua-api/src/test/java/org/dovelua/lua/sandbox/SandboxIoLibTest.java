package org.dovelua.lua.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.lua.LuaRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaError;

/** io.* through the sandbox, with Lua 5.4's results (checked against Debian 12's lua5.4). */
class SandboxIoLibTest {
    @TempDir
    Path tmp;
    Path fixtures;
    Path users;
    VirtualFileSystem vfs;
    LuaRunner lua;

    @BeforeEach
    void setUp() throws IOException {
        fixtures = Files.createDirectories(tmp.resolve("fixtures"));
        Files.createDirectories(fixtures.resolve("sub"));
        Files.writeString(fixtures.resolve("data.txt"), "  42 3.5e2 0x10 abc\nline2\r\nlast");
        users = Files.writeString(tmp.resolve("users"), "alice secret one\nbob hunter2\n");
        vfs = new VirtualFileSystem().mount("/etc/dovecot", fixtures).mount("/path/to/file", users);
        lua = new LuaRunner(vfs);
    }

    @Test
    void dovecotDocsScriptReadsAMountedFileWithIoLines() {
        // the passwd-file style lookup from Dovecot's Lua auth documentation
        assertThat(lua.run("""
                local users = {}
                for line in io.lines("/path/to/file") do
                  for user, pass in string.gmatch(line, "(%w+)%s(.+)") do users[user] = pass end
                end
                return users.alice, users.bob
                """)).containsExactly("secret one", "hunter2");
        assertThat(lua.hints).isEmpty();
    }

    @Test
    void openedFilesReadLua54Formats() {
        assertThat(lua.run("""
                local f = assert(io.open("/etc/dovecot/data.txt"))
                local a, b, c, d = f:read("n", "*n", "n", "n")
                local L, l, rest, eof, none = f:read("L"), f:read("l"), f:read("a"), f:read("*a"), f:read("l")
                f:close()
                return a, b, c, d, L, l, rest, eof, none, io.type(f), tostring(f)
                """)).containsExactly("42", "350.0", "16", "nil", "abc\n", "line2\r", "last", "", "nil",
                "closed file", "file (closed)");
    }

    @Test
    void readCountsAndFileLines() {
        assertThat(lua.run("""
                local f = io.open("/etc/dovecot/data.txt", "rb")
                local two, t = f:read(2), io.type(f)
                local n = 0
                for l in f:lines() do n = n + 1 end
                return two, t, n, f:read(0), f:read(1)
                """)).containsExactly("  ", "file", "3", "nil", "nil");
    }

    @Test
    void ioLinesTakesFormatsAndClosesAtTheEnd() {
        assertThat(lua.run("""
                local out = {}
                for a, b in io.lines("/etc/dovecot/data.txt", 1, "l") do out[#out + 1] = a .. "|" .. b end
                return table.concat(out, ","), select("#", io.lines("/etc/dovecot/data.txt"))
                """)).containsExactly(" | 42 3.5e2 0x10 abc,l|ine2\r,l|ast", "4");
    }

    @Test
    void missingFileGivesTheErrnoTripleAndOneHint() {
        assertThat(lua.run("return io.open('/etc/dovecot/missing.txt')"))
                .containsExactly("nil", "/etc/dovecot/missing.txt: No such file or directory", "2");
        assertThat(lua.run("return io.open('/etc/other/file', 'r')"))
                .containsExactly("nil", "/etc/other/file: No such file or directory", "2");
        lua.run("io.open('/etc/other/file'); io.open('/etc/other/file')");

        assertThat(lua.hints).containsExactly(
                "/etc/dovecot/missing.txt is not in " + fixtures + " (mounted at /etc/dovecot)",
                "/etc/other/file is not mounted: add --mount /etc/other/file=LOCAL_FILE (or --allow-fs)");
    }

    @Test
    void aLinkOutOfTheMountReadsAsAMissingFile() throws IOException {
        Files.createSymbolicLink(fixtures.resolve("passwd"), Path.of("/etc/passwd"));
        assertThat(lua.run("""
                local f, err, code = io.open("/etc/dovecot/passwd")
                return tostring(f), err, code, pcall(io.lines, "/etc/dovecot/passwd")
                """)).containsExactly("nil", "/etc/dovecot/passwd: No such file or directory", "2", "false",
                "cannot open file '/etc/dovecot/passwd' (No such file or directory)");
        assertThat(lua.hints).singleElement().asString().contains("symbolic link leads out of the mounted");
    }

    @Test
    void dotDotOutOfAMountIsNotTheMount() {
        assertThat(lua.run("return io.open('/etc/dovecot/../passwd')"))
                .containsExactly("nil", "/etc/dovecot/../passwd: No such file or directory", "2");
        assertThat(lua.hints).containsExactly(
                "/etc/passwd is not mounted: add --mount /etc/passwd=LOCAL_FILE (or --allow-fs)");
        assertThat(lua.run("return io.open('/etc/dovecot/sub/../data.txt'):read('n')")).containsExactly("42");
    }

    @Test
    void directoryOpensButReadingItFails() {
        assertThat(lua.run("""
                local f = assert(io.open("/etc/dovecot/sub"))
                return f:read("a")
                """)).containsExactly("nil", "Is a directory", "21");
        assertThatThrownBy(() -> lua.run("for l in io.lines('/etc/dovecot') do end"))
                .isInstanceOf(LuaError.class).hasMessageContaining("Is a directory");
    }

    @Test
    void writesAreRefusedAsAReadOnlyFileSystem() {
        assertThat(lua.run("return io.open('/etc/dovecot/data.txt', 'w')"))
                .containsExactly("nil", "/etc/dovecot/data.txt: Read-only file system", "30");
        assertThat(lua.run("return io.open('/var/log/auth.log', 'a')"))
                .containsExactly("nil", "/var/log/auth.log: Read-only file system", "30");
        assertThat(lua.run("return io.open('/etc/dovecot/data.txt', 'r+')"))
                .containsExactly("nil", "/etc/dovecot/data.txt: Read-only file system", "30");
        assertThat(lua.run("return io.open('/etc/dovecot/data.txt'):write('x')"))
                .containsExactly("nil", "Bad file descriptor", "9");
        assertThat(fixtures.resolve("data.txt")).content().startsWith("  42");
    }

    @Test
    void withRealFsWritesGoThereButMountsStayReadOnly() throws IOException {
        vfs.allowRealFs(true);
        Path out = tmp.resolve("out.txt");

        assertThat(lua.run("""
                local f = assert(io.open("%s", "w"))
                f:write("hello ", 42, "\\n")
                f:close()
                local g = assert(io.open("%s", "r+"))
                g:write("J")
                g:close()
                return io.open("%s"):read("a")
                """.formatted(out, out, out))).containsExactly("Jello 42\n");
        assertThat(lua.run("return io.open('/etc/dovecot/data.txt', 'a')"))
                .containsExactly("nil", "/etc/dovecot/data.txt: Read-only file system", "30");
        assertThat(lua.run("return io.open('%s', 'w')".formatted(tmp.resolve("no/such/dir"))))
                .containsExactly("nil", tmp.resolve("no/such/dir") + ": No such file or directory", "2");
    }

    @Test
    void badModeIsAnArgumentError() {
        assertThatThrownBy(() -> lua.run("io.open('/etc/dovecot/data.txt', 'rw')"))
                .isInstanceOf(LuaError.class).hasMessageContaining("bad argument #2 to 'open' (invalid mode)");
        assertThatThrownBy(() -> lua.run("io.open({})"))
                .hasMessageContaining("bad argument #1 to 'open' (string expected, got table)");
        assertThatThrownBy(() -> lua.run("io.open('/etc/dovecot/data.txt'):read('x')"))
                .hasMessageContaining("bad argument #1 to 'read' (invalid format)");
    }

    @Test
    void ioLinesOfAMissingFileRaisesLua54sMessage() {
        assertThatThrownBy(() -> lua.run("for l in io.lines('/path/to/nothing') do end"))
                .isInstanceOf(LuaError.class)
                .hasMessageContaining("cannot open file '/path/to/nothing' (No such file or directory)");
    }

    @Test
    void ioInputAndOutputByName() {
        assertThat(lua.run("io.input('/path/to/file'); return io.read('l'), io.read()"))
                .containsExactly("alice secret one", "bob hunter2");
        assertThatThrownBy(() -> lua.run("io.input('/nope')"))
                .hasMessageContaining("cannot open file '/nope' (No such file or directory)");
        assertThatThrownBy(() -> lua.run("io.output('/etc/dovecot/x.log')"))
                .hasMessageContaining("cannot open file '/etc/dovecot/x.log' (Read-only file system)");
    }

    @Test
    void stdinIsEmpty() {
        assertThat(lua.run("""
                local n = 0
                for l in io.lines() do n = n + 1 end
                return n, io.read("l"), io.read("a")
                """)).containsExactly("0", "nil", "");
    }

    @Test
    void stdoutCannotBeRead() {
        assertThat(lua.run("return io.stdout:read('l')")).containsExactly("nil", "Bad file descriptor", "9");
    }

    @Test
    void popenOfAnUnstubbedCommandIsAMissingProgram() {
        assertThat(lua.run("local f = io.popen('ls /') return f:read('a'), f:close()"))
                .containsExactly("", "nil", "exit", "127");
        assertThat(lua.hints).singleElement().asString().contains("`ls /`", "--exec 'ls /'=", "--allow-exec");
    }
}
