package org.dovelua.conformance.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept real answers: any output survives the file, and a kept answer is reused only for its own command. */
class RealAnswersTest {
    @TempDir
    Path tmp;

    @Test
    void anyAnswerReadsBackAsWritten() {
        Random rnd = new Random(20261206L);
        for (int i = 0; i < 500; i++) {
            Command.Result r = new Command.Result(rnd.nextInt(256), text(rnd), text(rnd));
            assertEquals(r, RealAnswers.parse(RealAnswers.format(r, "doveadm pw -t " + text(rnd))));
        }
    }

    @Test
    void aFileThatIsNotAnAnswerIsRunAgain() {
        assertNull(RealAnswers.parse(""));
        assertNull(RealAnswers.parse("0\nnot base64!\n\nwhat\n"));
        assertNull(RealAnswers.parse("x\n\n\nwhat\n"));
    }

    @Test
    void theSecondRunOfACommandIsTheKeptAnswer() throws Exception {
        DovecotRoot host = DovecotRoot.host();
        Assumptions.assumeTrue(knowsIdentity(host), "dovecot --version or dpkg-query is not available");
        RealAnswers answers = RealAnswers.of(tmp.toString());
        // the shell's pid differs from run to run: only a kept answer repeats it
        List<String> cmd = List.of("sh", "-c", "echo $$");
        Command.Result first = answers.run(host, cmd, Duration.ofSeconds(30));
        assertEquals(first, answers.run(host, cmd, Duration.ofSeconds(30)));
        assertNotEquals(first, answers.run(host, List.of("sh", "-c", "echo $$ "), Duration.ofSeconds(30)));
        try (Stream<Path> s = Files.list(tmp.resolve("real-answers"))) {
            assertEquals(2, s.count());
        }
        assertNotEquals(first, RealAnswers.of("off").run(host, cmd, Duration.ofSeconds(30)));
    }

    private static boolean knowsIdentity(DovecotRoot root) {
        try {
            RealSideIdentity.dovecotOf(root);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Text with newlines, non-ASCII and every control character Base64 must carry. */
    private static String text(Random rnd) {
        StringBuilder b = new StringBuilder();
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(32);
                case 1 -> 'a' + rnd.nextInt(26);
                case 2 -> 0xe4 + rnd.nextInt(0x300);
                default -> '\n';
            });
        }
        return b.toString();
    }
}
