package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/** auth-penalty.c over anvil's penalty.c, on a clock the test moves (seen on 2.4.5, cases 490/491). */
class AuthPenaltyTest {
    private long now = 1_000_000;
    private final AuthPenalty penalty = new AuthPenalty(() -> now);
    private final List<String> logged = new ArrayList<>();

    private AuthRequest request(String rip, String user, String password) {
        AuthSettings s = new AuthSettings();
        s.version = DovecotVersion.parse("2.4.5");
        AuthRequest r = new AuthRequest(s);
        r.event = DovecotEvent.root("auth", (p, level, msg) -> logged.add(msg), true);
        r.remoteIp = rip;
        r.user = user;
        r.mechPassword = password;
        return r;
    }

    /** A failed login: the lookup, then the delayed failure's update. Returns the seconds logged. */
    private String fail(String rip, String user, String password) {
        AuthRequest r = request(rip, user, password);
        int last = penalty.lookup(r);
        penalty.update(r, last + 1);
        return logged.get(logged.size() - 1);
    }

    @Test
    void eachNewFailureDoublesTheDelayUpTo15Seconds() {
        assertThat(fail("192.0.2.7", "alice", "a")).isEqualTo("penalty(192.0.2.7): Delaying response for 0 seconds");
        assertThat(fail("192.0.2.7", "alice", "b")).endsWith("for 4 seconds");
        assertThat(fail("192.0.2.7", "alice", "c")).endsWith("for 8 seconds");
        assertThat(fail("192.0.2.7", "alice", "d")).endsWith("for 15 seconds");
        assertThat(fail("192.0.2.7", "alice", "e")).endsWith("for 15 seconds");
    }

    @Test
    void theSameUserAndPasswordAgainDoesNotRaiseIt() {
        fail("192.0.2.7", "alice", "wrong");
        assertThat(fail("192.0.2.7", "alice", "wrong")).endsWith("for 4 seconds");
        assertThat(fail("192.0.2.7", "alice", "wrong")).endsWith("for 4 seconds");
        assertThat(fail("192.0.2.7", "alice", "other")).endsWith("for 4 seconds");
        assertThat(fail("192.0.2.7", "alice", "third")).endsWith("for 8 seconds");
    }

    @Test
    void aSuccessResetsItAndItFadesWithTime() {
        fail("192.0.2.7", "alice", "a");
        fail("192.0.2.7", "alice", "b");
        now += 14;
        assertThat(penalty.lookup(request("192.0.2.7", "alice", "x"))).isEqualTo(2);
        now += 1; // 15 s since the last raise: the steps of 15 s (4, 3) and of 8 s (2) and 4 s (1) are gone
        assertThat(fail("192.0.2.7", "alice", "c")).endsWith("for 0 seconds");
        AuthRequest ok = request("192.0.2.7", "alice", "secret");
        assertThat(penalty.lookup(ok)).isEqualTo(1);
        penalty.update(ok, 0);
        assertThat(penalty.lookup(request("192.0.2.7", "alice", "x"))).isZero();
    }

    @Test
    void identsAreTheIpWithIpv6MaskedTo48Bits() {
        assertThat(fail(null, "alice", "a")).isEqualTo("penalty(): Delaying response for 0 seconds");
        assertThat(fail("2001:db8:1:2::5", "ghost", "a")).isEqualTo("penalty(2001:db8:1::): Delaying response for 0 seconds");
        // the other IPv6 address of the same /48 shares the raised penalty; no IP is its own ident
        assertThat(fail("2001:db8:1:ffff::9", "ghost", "b")).endsWith("for 4 seconds");
        assertThat(AuthPenalty.ident("2001:db8::1")).isEqualTo("2001:db8::");
        assertThat(AuthPenalty.ident("::1")).isEqualTo("::");
    }
}
