package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config's script file that cannot be read: the hint says whether its folder is not mounted
 * or is mounted without the file (issue 18: "not mounted" was said for both).
 */
class ScriptFileHintTest {
    @TempDir
    Path dir;

    private Result authTest(boolean mountFolder) throws Exception {
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "passdb {\n  driver = lua\n"
                + "  args = file=/etc/dovecot/auth.lua\n}\nuserdb {\n  driver = static\n  args = uid=1\n}\n");
        DoveluaBuilder b = Dovelua.builder().config(conf);
        if (mountFolder) {
            b.mount("/etc/dovecot", Files.createDirectories(dir.resolve("etc")));
        }
        try (Dovelua d = b.build()) {
            return d.authTest("alice", "pw");
        }
    }

    @Test
    void aFolderMountedWithoutTheFileIsSaidAsSuch() throws Exception {
        Result r = authTest(true);
        assertThat(r.stderr()).contains("dovelua: hint: /etc/dovecot/auth.lua is not in " + dir.resolve("etc")
                + " (mounted at /etc/dovecot)").doesNotContain("is not mounted");
        assertThat(r.logs()).anySatisfy(l -> assertThat(l).contains("access(/etc/dovecot/auth.lua) failed: No such file or directory"));
    }

    @Test
    void anUnmountedFileNamesTheMountThatWouldServeIt() throws Exception {
        assertThat(authTest(false).stderr()).contains("dovelua: hint: /etc/dovecot/auth.lua is not mounted: "
                + "add --mount /etc/dovecot/auth.lua=LOCAL_FILE (or --allow-fs)");
    }
}
