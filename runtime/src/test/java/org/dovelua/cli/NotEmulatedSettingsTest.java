package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known auth settings dovelua does not act on are said once, as a {@code dovelua: note:} (issue 18). */
class NotEmulatedSettingsTest {
    @TempDir
    Path dir;

    private Main.Result run(String settings) throws Exception {
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), settings + "passdb {\n  driver = static\n"
                + "  args = password=pw\n}\nuserdb {\n  driver = static\n  args = uid=1 gid=1 allow_all_users=yes\n}\n");
        return Main.capture("-c", conf.toString(), "auth", "test", "alice", "pw");
    }

    @Test
    void unemulatedSettingsAreNotedButThe23AuthCacheIsEmulated() throws Exception {
        Main.Result r = run("auth_cache_size = 10M\nauth_cache_ttl = 1 hour\nauth_cache_negative_ttl = 1 min\n"
                + "auth_cache_verify_password_with_worker = yes\nauth_failure_delay = 2 secs\n"
                + "auth_verbose = yes\nmail_location = maildir:~/Maildir\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr().lines().filter(l -> l.startsWith("dovelua: note: "))).containsExactly(
                "dovelua: note: auth_cache_verify_password_with_worker, auth_failure_delay are set but not emulated:"
                        + " dovelua answers as without them");
    }

    @Test
    void the24AuthCacheIsEmulatedToo() throws Exception {
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "dovecot_config_version = 2.4.1\n"
                + "dovecot_storage_version = 2.4.1\nauth_cache_size = 10M\nauth_cache_ttl = 2s\n"
                + "passdb static {\n  password = pw\n}\nuserdb static {\n  fields {\n    uid = 1\n    gid = 1\n  }\n}\n");
        Main.Result r = Main.capture("-c", conf.toString(), "auth", "test", "alice", "pw");
        assertThat(r.stderr()).doesNotContain("dovelua: note:");
    }

    @Test
    void emulatedOrUnrelatedSettingsAloneSayNothing() throws Exception {
        Main.Result r = run("auth_verbose = yes\nauth_username_format = %Lu\nauth_proxy_self = 192.0.2.1\n"
                + "mail_location = maildir:~/Maildir\n");
        assertThat(r.stderr()).doesNotContain("dovelua: note:");
        assertThat(run("auth_worker_max_count = 3\n").stderr())
                .contains("dovelua: note: auth_worker_max_count is set but not emulated: dovelua answers as without it\n");
    }
}
