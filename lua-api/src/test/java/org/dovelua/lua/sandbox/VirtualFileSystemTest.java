package org.dovelua.lua.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualFileSystemTest {
    @TempDir
    Path base;
    Path fixtures;
    Path users;

    @BeforeEach
    void fixtures() throws IOException {
        fixtures = Files.createDirectories(base.resolve("fixtures"));
        users = Files.writeString(base.resolve("users.txt"), "alice secret\n");
    }

    @Test
    void parsesSpecsRelativeToBaseDir() {
        VirtualFileSystem vfs = VirtualFileSystem.parse(
                List.of("/etc/dovecot=fixtures", "/etc/users=users.txt"), base);

        assertThat(vfs.resolve("/etc/dovecot/lua/x.lua")).contains(fixtures.resolve("lua/x.lua"));
        assertThat(vfs.resolve("/etc/dovecot")).contains(fixtures);
        assertThat(vfs.resolve("/etc/users")).contains(users);
    }

    @Test
    void specWithoutEqualsSaysWhatIsExpected() {
        assertThatThrownBy(() -> VirtualFileSystem.parse(List.of("/etc/dovecot"), base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--mount '/etc/dovecot'")
                .hasMessageContaining("expected ABS_PATH=LOCAL_PATH");
    }

    @Test
    void relativeMountPointIsRefused() {
        assertThatThrownBy(() -> VirtualFileSystem.parse(List.of("etc/dovecot=fixtures"), base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--mount 'etc/dovecot=fixtures'")
                .hasMessageContaining("must be absolute");
    }

    @Test
    void missingLocalPathIsRefusedWithWhereItLooked() {
        assertThatThrownBy(() -> VirtualFileSystem.parse(List.of("/etc/dovecot=nope"), base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--mount '/etc/dovecot=nope'")
                .hasMessageContaining("does not exist")
                .hasMessageContaining(base.resolve("nope").toString());
    }

    @Test
    void emptyLocalPathIsRefused() {
        assertThatThrownBy(() -> VirtualFileSystem.parse(List.of("/etc/dovecot="), base))
                .hasMessageContaining("LOCAL_PATH is empty");
    }

    @Test
    void fileMountMapsExactlyThatPath() {
        VirtualFileSystem vfs = new VirtualFileSystem().mount("/etc/users", users);

        assertThat(vfs.resolve("/etc/users")).contains(users);
        assertThat(vfs.resolve("/etc/users2")).isEmpty();
        assertThat(vfs.resolve("/etc")).isEmpty();
    }

    @Test
    void longestMountWinsAndMatchesWholeComponents() {
        VirtualFileSystem vfs = new VirtualFileSystem()
                .mount("/etc", fixtures)
                .mount("/etc/dovecot/users", users);

        assertThat(vfs.resolve("/etc/dovecot/users")).contains(users);
        assertThat(vfs.resolve("/etc/dovecot/users.bak")).contains(fixtures.resolve("dovecot/users.bak"));
        assertThat(vfs.resolve("/etcetera")).isEmpty();
    }

    @Test
    void dotDotCannotClimbOutOfAMount() {
        VirtualFileSystem vfs = new VirtualFileSystem().mount("/etc/dovecot", fixtures);

        assertThat(vfs.resolve("/etc/dovecot/../passwd")).isEmpty();
        assertThat(vfs.resolve("/etc/dovecot/a/../../dovecot/b")).contains(fixtures.resolve("b"));
        assertThat(vfs.resolve("/etc//dovecot/./c")).contains(fixtures.resolve("c"));
    }

    @Test
    void relativePathsStartAtTheCurrentDirectory() {
        VirtualFileSystem vfs = new VirtualFileSystem().mount("/etc/dovecot", fixtures);

        assertThat(vfs.resolve("etc/dovecot/x")).contains(fixtures.resolve("x"));
        vfs.currentDirectory("/etc/dovecot");
        assertThat(vfs.resolve("x")).contains(fixtures.resolve("x"));
        assertThat(vfs.resolve("./lua/../y")).contains(fixtures.resolve("y"));
    }

    @Test
    void realFileSystemOnlyWhenAllowedAndMountsStillWin() {
        VirtualFileSystem vfs = new VirtualFileSystem().mount("/etc/dovecot", fixtures);
        assertThat(vfs.resolve("/tmp/x")).isEmpty();

        vfs.allowRealFs(true);
        assertThat(vfs.resolve("/tmp/x")).contains(Path.of("/tmp/x"));
        assertThat(vfs.resolve("/etc/dovecot/x")).contains(fixtures.resolve("x"));
    }

    @Test
    void nulEndsThePathAsInC() {
        VirtualFileSystem vfs = new VirtualFileSystem().mount("/etc/users", users);

        assertThat(vfs.resolve("/etc/users\0/../../x")).contains(users);
    }

    @Test
    void rootMountMapsEverything() {
        VirtualFileSystem vfs = new VirtualFileSystem().mount("/", fixtures);

        assertThat(vfs.resolve("/../../a/b")).isEqualTo(Optional.of(fixtures.resolve("a/b")));
    }

    /** A link in a mounted directory does not lead out of it (issue 17: /etc/shadow was readable). */
    @Test
    void symbolicLinksDoNotLeadOutOfAMount() throws IOException {
        Path outside = Files.writeString(base.resolve("secret.txt"), "root:x:0:0\n");
        Path elsewhere = Files.createDirectories(base.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("f"), "x");
        Files.writeString(fixtures.resolve("users"), "alice\n");
        Files.createSymbolicLink(fixtures.resolve("shadow"), outside);
        Files.createSymbolicLink(fixtures.resolve("dir"), elsewhere);
        Files.createSymbolicLink(fixtures.resolve("alias"), fixtures.resolve("users"));
        Files.createSymbolicLink(fixtures.resolve("dangling"), base.resolve("nothing"));
        VirtualFileSystem vfs = new VirtualFileSystem().mount("/etc/dovecot", fixtures);

        assertThat(vfs.resolve("/etc/dovecot/shadow")).isEmpty();
        assertThat(vfs.resolve("/etc/dovecot/dir/f")).isEmpty();
        assertThat(vfs.resolve("/etc/dovecot/dir/new")).isEmpty();
        assertThat(vfs.resolve("/etc/dovecot/dangling")).isEmpty();
        assertThat(vfs.missHint("/etc/dovecot/shadow")).contains("symbolic link leads out of the mounted")
                .contains("--allow-fs");
        // links that stay inside, and plain files, are served as before
        assertThat(vfs.resolve("/etc/dovecot/alias")).contains(fixtures.resolve("alias"));
        assertThat(vfs.resolve("/etc/dovecot/users")).contains(fixtures.resolve("users"));
        assertThat(vfs.resolve("/etc/dovecot/new.txt")).contains(fixtures.resolve("new.txt"));
        // a second mount is inside too; --allow-fs follows any link
        assertThat(new VirtualFileSystem().mount("/etc/dovecot", fixtures).mount("/srv", elsewhere)
                .resolve("/etc/dovecot/dir/f")).contains(fixtures.resolve("dir/f"));
        assertThat(new VirtualFileSystem().mount("/etc/dovecot", fixtures).allowRealFs(true)
                .resolve("/etc/dovecot/shadow")).contains(fixtures.resolve("shadow"));
    }
}
