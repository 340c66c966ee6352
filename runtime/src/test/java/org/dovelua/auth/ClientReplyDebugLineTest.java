package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth-client-connection.c reply_line_hide_pass(): the "client passdb out" debug line hides fields named *pass*. */
class ClientReplyDebugLineTest {
    @TempDir
    Path dir;

    private String replyLine(boolean debugPasswords) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'pw', passdb_seen = 'yes', hint = 'pass=x'}",
                "end",
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid = '1000'} end", ""));
        String conf = String.join("\n", "dovecot_config_version = 2.4.1", "auth_debug = yes",
                "auth_debug_passwords = " + (debugPasswords ? "yes" : "no"),
                "passdb lua {", "  lua_file = /etc/dovecot/auth.lua", "}",
                "userdb lua {", "  lua_file = /etc/dovecot/auth.lua", "}", "");
        try (Dovelua d = Dovelua.builder().config(Files.writeString(dir.resolve("dovecot.conf"), conf))
                .mount("/etc/dovecot", dir).version("2.4.1").build()) {
            Result r = d.authTest("alice", "pw");
            return r.logs().stream().filter(l -> l.contains("client passdb out: OK")).findFirst().orElseThrow();
        }
    }

    @Test
    void fieldsNamedPassAreHiddenAndEveryFieldEndsWithATab() throws Exception {
        assertThat(replyLine(false)).endsWith("client passdb out: OK\t1\tuser=alice\tpassdb_seen=<hidden>\thint=pass=x\t");
    }

    @Test
    void authDebugPasswordsShowsTheLineAsSent() throws Exception {
        assertThat(replyLine(true)).endsWith("client passdb out: OK\t1\tuser=alice\tpassdb_seen=yes\thint=pass=x");
    }
}
