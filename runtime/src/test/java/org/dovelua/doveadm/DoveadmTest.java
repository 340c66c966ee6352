package org.dovelua.doveadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.dovelua.auth.AuthEngine;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/** What doveadm 2.3.19 and 2.4.1 print for the same replies (docs/real-dovecot-2.4.1.md). */
class DoveadmTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Doveadm doveadm(String version) {
        return new Doveadm(new PrintWriter(out, true), new PrintWriter(err, true)).version(DovecotVersion.parse(version));
    }

    private static final AuthEngine.AuthReply TEMPFAIL = new AuthEngine.AuthReply(false,
            List.of("user=alice", "code=temp_fail"), "internal_failure");
    private static final AuthEngine.AuthReply DENIED = new AuthEngine.AuthReply(false, List.of("user=alice"),
            "password_mismatch");

    @Test
    void aTemporaryFailureIn23IsAFailedAuth() {
        assertThat(doveadm("2.3.19").authTest("alice", TEMPFAIL)).isEqualTo(Exits.NOPERM);
        assertThat(out.toString()).isEqualTo("passdb: alice auth failed\nextra fields:\n  user=alice\n  code=temp_fail\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aTemporaryFailureIn24IsLoggedAndExits75() {
        assertThat(doveadm("2.4.1").authTest("alice", TEMPFAIL)).isEqualTo(Exits.TEMPFAIL);
        assertThat(out.toString()).isEqualTo("extra fields:\n  user=alice\n  code=temp_fail\n");
        assertThat(err.toString()).isEqualTo("Error: cmd auth test: user alice: internal auth failure\n");
    }

    @Test
    void aDenialIsTheSameInBoth() {
        assertThat(doveadm("2.4.1").authTest("alice", DENIED)).isEqualTo(Exits.NOPERM);
        assertThat(doveadm("2.3.19").authTest("alice", DENIED)).isEqualTo(Exits.NOPERM);
        assertThat(out.toString()).isEqualTo("passdb: alice auth failed\nextra fields:\n  user=alice\n".repeat(2));
    }

    @Test
    void failedLookupsIn24PrintNothingAndLogTheCommand() {
        assertThat(doveadm("2.4.1").passLookup("alice", new AuthEngine.LookupReply("FAIL", List.of("reason=down")), null))
                .isEqualTo(Exits.TEMPFAIL);
        assertThat(doveadm("2.4.1").userdbLookup("alice", new AuthEngine.UserReply("FAIL", "alice", List.of()), null))
                .isEqualTo(Exits.TEMPFAIL);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("Error: cmd auth lookup: passdb lookup failed for alice\n"
                + "Error: cmd user: userdb lookup failed for alice\n");
    }

    @Test
    void theMailUserTableHasMailIn23AndMailPathIn24() {
        AuthEngine.UserReply r = new AuthEngine.UserReply("OK", "alice",
                List.of("uid=1000", "gid=1000", "home=/home/alice", "mail=maildir:~/Maildir", "quota_rule=*:storage=1G"));
        doveadm("2.3.19").mailUser("alice", r, null);
        assertThat(out.toString()).isEqualTo("uid\t1000\ngid\t1000\nhome\t/home/alice\nmail\tmaildir:~/Maildir\n"
                + "quota_rule\t*:storage=1G\n");
        out.getBuffer().setLength(0);
        doveadm("2.4.1").mailUser("alice", r, null);
        assertThat(out.toString()).isEqualTo("uid\t1000\ngid\t1000\nhome\t/home/alice\nmail_path\t\n"
                + "mail\tmaildir:~/Maildir\nquota_rule\t*:storage=1G\n");
    }
}
