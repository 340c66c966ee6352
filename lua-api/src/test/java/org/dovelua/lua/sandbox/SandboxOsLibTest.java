package org.dovelua.lua.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dovelua.lua.LuaRunner;
import org.dovelua.lua.ProcessDeath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaError;

/** The os.* overrides: nothing reaches the host process or its file system. */
class SandboxOsLibTest {
    @TempDir
    Path tmp;
    Path fixtures;
    VirtualFileSystem vfs;
    LuaRunner lua;

    @BeforeEach
    void setUp() throws IOException {
        fixtures = Files.createDirectories(tmp.resolve("fixtures"));
        Files.writeString(fixtures.resolve("users"), "alice\n");
        vfs = new VirtualFileSystem().mount("/etc/dovecot", fixtures);
        lua = new LuaRunner(vfs, Map.of("HOME", "/var/run/dovecot"));
    }

    @Test
    void exitIsProcessDeathEvenInsidePcall() {
        ProcessDeath death = catchThrowableOfType(() -> lua.run("return pcall(os.exit, 3)"), ProcessDeath.class);

        assertThat(death.kind()).isEqualTo(ProcessDeath.Kind.EXIT);
        assertThat(death.exitCode()).isEqualTo(3);
        assertThat(death.getMessage()).isEqualTo("os.exit(3) called");
    }

    @Test
    void exitCodesFollowLua54() {
        assertThat(exitCode("os.exit()")).isZero();
        assertThat(exitCode("os.exit(true)")).isZero();
        assertThat(exitCode("os.exit(false)")).isEqualTo(1);
        assertThat(exitCode("pcall(function() os.exit('7') end)")).isEqualTo(7);
        assertThatThrownBy(() -> lua.run("os.exit('x')"))
                .isInstanceOf(LuaError.class).hasMessageContaining("bad argument #1 to 'exit' (number expected, got string)");
    }

    private int exitCode(String script) {
        return catchThrowableOfType(() -> lua.run(script), ProcessDeath.class).exitCode();
    }

    @Test
    void getenvReadsTheGivenEnvironmentOnly() {
        assertThat(lua.run("return os.getenv('HOME'), os.getenv('PATH')")).containsExactly("/var/run/dovecot", "nil");
        assertThatThrownBy(() -> lua.run("os.getenv()"))
                .hasMessageContaining("bad argument #1 to 'getenv' (string expected, got no value)");
    }

    @Test
    void executeRunsNothingUnstubbed() {
        assertThat(lua.run("return os.execute()")).containsExactly("true"); // a shell exists, as on a server
        assertThat(lua.run("return os.execute('touch /tmp/pwned')")).containsExactly("nil", "exit", "127");
        assertThat(Files.exists(Path.of("/tmp/pwned"))).isFalse();
        lua.run("os.execute('touch /tmp/pwned')");
        assertThat(lua.hints).singleElement().asString().startsWith("no exec stub answers the command `touch /tmp/pwned`");
    }

    @Test
    void removeAndRenameAreReadOnly() {
        assertThat(lua.run("return os.remove('/etc/dovecot/users')"))
                .containsExactly("nil", "/etc/dovecot/users: Read-only file system", "30");
        assertThat(lua.run("return os.remove('/etc/dovecot/nope')"))
                .containsExactly("nil", "/etc/dovecot/nope: No such file or directory", "2");
        assertThat(lua.run("return os.rename('/etc/dovecot/users', '/etc/dovecot/u2')"))
                .containsExactly("nil", "Read-only file system", "30");
        assertThat(lua.run("return os.rename('/nope', '/x')"))
                .containsExactly("nil", "No such file or directory", "2");
        assertThat(fixtures.resolve("users")).exists();
        assertThatThrownBy(() -> lua.run("os.tmpname()"))
                .hasMessageContaining("unable to generate a unique filename");
    }

    @Test
    void withRealFsRemoveRenameAndTmpnameWork() throws IOException {
        vfs.allowRealFs(true);
        Path a = Files.writeString(tmp.resolve("a"), "x");
        Path b = tmp.resolve("b");

        assertThat(lua.run("return os.rename('%s', '%s')".formatted(a, b))).containsExactly("true");
        assertThat(b).exists();
        assertThat(lua.run("return os.remove('%s')".formatted(b))).containsExactly("true");
        assertThat(b).doesNotExist();
        String name = lua.run("return os.tmpname()").get(0);
        assertThat(Path.of(name)).exists().hasParent(Path.of("/tmp"));
        Files.delete(Path.of(name));
        assertThat(lua.run("return os.remove('/etc/dovecot/users')"))
                .containsExactly("nil", "/etc/dovecot/users: Read-only file system", "30");
    }

    @Test
    void harmlessOsFunctionsStay() {
        assertThat(lua.run("return type(os.time()), type(os.clock()), os.date('!%Y', 0)"))
                .containsExactly("number", "number", "1970");
    }
}
