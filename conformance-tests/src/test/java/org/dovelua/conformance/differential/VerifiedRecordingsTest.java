package org.dovelua.conformance.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verified-recordings cache: what its key covers, and that a marker only answers for its own key. */
class VerifiedRecordingsTest {
    private static final String CASE = "script: return 1\nruns:\n- args: [auth, test, alice, pw]\n  exit: 0\n";

    @TempDir
    Path tmp;

    private DifferentialCase write(String name, String text) throws Exception {
        Path f = Files.writeString(tmp.resolve(name), text);
        return CaseFiles.read(f);
    }

    @Test
    void keyChangesWithAnyByteOfTheCaseFileAndWithTheIdentity() throws Exception {
        DifferentialCase c = write("001-a.yaml", CASE);
        String k = VerifiedRecordings.key(c, "dovecot 2.3.19.1\n");
        assertEquals(k, VerifiedRecordings.key(write("001-a.yaml", CASE), "dovecot 2.3.19.1\n"));
        assertNotEquals(k, VerifiedRecordings.key(write("001-a.yaml", CASE.replace("exit: 0", "exit: 1")), "dovecot 2.3.19.1\n"));
        assertNotEquals(k, VerifiedRecordings.key(write("001-a.yaml", CASE + "\n"), "dovecot 2.3.19.1\n"));
        assertNotEquals(k, VerifiedRecordings.key(write("001-a.yaml", CASE), "dovecot 2.3.21\n"));
        assertNotEquals(k, VerifiedRecordings.key(write("002-a.yaml", CASE), "dovecot 2.3.19.1\n"));
    }

    @Test
    void markerAnswersOnlyForItsKeyWithTheDayItWasWritten() throws Exception {
        VerifiedRecordings cache = VerifiedRecordings.of(tmp.resolve("cache").toString());
        assertEquals(Optional.empty(), cache.verifiedOn("k1"));
        cache.markVerified("k1", "001-a.yaml on Dovecot 2.3.19 on this host");
        assertEquals(Optional.of(LocalDate.now(ZoneOffset.UTC).toString()), cache.verifiedOn("k1"));
        assertEquals(Optional.empty(), cache.verifiedOn("k2"));
    }

    @Test
    void onlyACaseWhoseEveryRunAgreesCountsAsVerified() throws Exception {
        DifferentialCase c = write("004-two.yaml", CASE + "- args: [auth, test, bob, pw]\n  exit: 77\n");
        Outcome ok = new Outcome(0, "", List.of());
        assertTrue(RealRuns.agree(c, List.of(ok, new Outcome(77, "", List.of()))));
        assertFalse(RealRuns.agree(c, List.of(ok, new Outcome(0, "", List.of()))));
        assertFalse(RealRuns.agree(c, List.of(ok, new Outcome(77, "", List.of("auth: Error: x")))));
    }

    @Test
    void aDovecotWhoseIdentityCannotBeFoundOutIsNeverCached() throws Exception {
        VerifiedRecordings cache = VerifiedRecordings.of(tmp.resolve("cache").toString());
        DifferentialCase c = write("201-a.yaml", CASE);
        DovecotRoot nowhere = DovecotRoot.chroot(tmp.resolve("no-such-chroot"), "2.4.1");
        cache.markVerified(c, nowhere);
        assertFalse(Files.exists(tmp.resolve("cache")));
        assertEquals(Optional.empty(), cache.verifiedOn(c, nowhere));
    }

    @Test
    void offKeepsNothing() throws Exception {
        VerifiedRecordings cache = VerifiedRecordings.of("off");
        assertFalse(cache.enabled());
        cache.markVerified("k1", "x");
        assertEquals(Optional.empty(), cache.verifiedOn("k1"));
    }

    @Test
    void defaultDirectoryIsOutsideTheCheckout() {
        String dir = VerifiedRecordings.of("").toString();
        assertTrue(dir.endsWith("dovelua/differential-verified"), dir);
        assertFalse(Path.of(dir).toAbsolutePath().startsWith(Path.of("").toAbsolutePath()), dir);
    }

    @Test
    void identityNamesDovecotAndWhatEachCaseAddsToIt() throws Exception {
        DovecotRoot host = DovecotRoot.host();
        Assumptions.assumeTrue(host.hasDoveadm(), "no Dovecot installed");
        String plain = RealSideIdentity.of(write("001-a.yaml", CASE), host);
        assertTrue(plain.contains("harness " + RealSideIdentity.HARNESS_VERSION + "\n"), plain);
        assertTrue(plain.matches("(?s).*harness-classes [0-9a-f]{64}\n.*"), plain);
        assertTrue(plain.contains("\ndovecot 2."), plain);
        assertTrue(plain.contains("package dovecot-core "), plain);
        assertFalse(plain.contains("redis-server"), plain);
        assertFalse(plain.contains("package lua-"), plain);

        String redis = RealSideIdentity.of(write("002-r.yaml", CASE + "redis:\n  k: v\n"), host);
        assertTrue(redis.startsWith(plain) && redis.contains("\nredis-server "), redis);
        String corpus = RealSideIdentity.of(write("301-corpus-x.yaml", CASE), host);
        assertTrue(corpus.startsWith(plain) && corpus.length() > plain.length(), corpus);
        String http = RealSideIdentity.of(write("003-h.yaml", CASE + "http:\n  /x: y\n"), host);
        assertTrue(http.matches("(?s).*stub-classes [0-9a-f]{64}\n"), http);
    }
}
