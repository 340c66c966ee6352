package org.dovelua.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dovelua.lua.ProcessDeath;
import org.junit.jupiter.api.Test;

/**
 * Seeded: a server answering with generated reply lines, valid and invalid. Whatever it sends, a
 * lookup ends found, not found or failed, or ends the worker as real 2.3.19 does (SEGFAULT for
 * an unknown lookup reply code); an iteration ends with rows, an error, or the PANIC of its
 * broken-reply path. Never any other exception.
 */
class ProxyDictPropertyTest {
    private static final long SEED = 0x2319_0001L;
    private static final String[] PIECES = {"*1", "*2", "*0", "*x", "+1", "+2", "+0", "+x", "O", "M", "N", "F", "X", "W",
        "A", "", "\t", "\001", "\001t", "v", "shared/u/a", "1700000000", "999", "-5", "\r", " "};

    private static String line(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[rnd.nextInt(PIECES.length)]);
            if (rnd.nextInt(3) == 0) {
                sb.append('\t');
            }
        }
        return sb.toString();
    }

    @Test
    void generatedRepliesNeverEscapeTheModel() throws Exception {
        Random rnd = new Random(SEED);
        int[] seen = new int[6];
        for (int round = 0; round < 300; round++) {
            List<String> reply = new ArrayList<>();
            int lines = 1 + rnd.nextInt(4);
            for (int i = 0; i < lines; i++) {
                reply.add(line(rnd));
            }
            boolean iterate = rnd.nextBoolean();
            TestDictContext ctx = new TestDictContext();
            try (FakeDictServer s = new FakeDictServer(new java.util.function.Function<>() {
                boolean answered;

                @Override
                public List<String> apply(String l) {
                    if (answered) {
                        return null;
                    }
                    answered = true;
                    // the generated lines once; a retried command finds the connection closed
                    return reply;
                }
            }); ProxyDict d = new ProxyDict(ProxyUri.parse("/s:authdb", "/run"),
                    new ProxyDict.Endpoint(s.socket, null, null), ctx).timeoutMsecs(100)) {
                try {
                    if (iterate) {
                        Dict.DictIteration it = d.iterate("shared/u/", "*");
                        seen[it.ok() ? 0 : 1]++;
                    } else {
                        Dict.DictLookup r = d.lookup("shared/k", "u");
                        assertTrue(r.ret() >= -1 && r.ret() <= 1, String.valueOf(r));
                        assertEquals(r.ret() == -1, r.error() != null, String.valueOf(r));
                        seen[3 + r.ret()]++;
                    }
                } catch (ProcessDeath death) {
                    seen[5]++;
                    if (iterate) {
                        assertTrue(death.kind() == ProcessDeath.Kind.PANIC || death.kind() == ProcessDeath.Kind.TIMEOUT,
                                reply + ": " + death.kind());
                    } else {
                        assertTrue(death.kind() == ProcessDeath.Kind.SEGFAULT || death.kind() == ProcessDeath.Kind.TIMEOUT,
                                reply + ": " + death.kind());
                    }
                } catch (RuntimeException e) {
                    fail("round " + round + " reply " + reply + " iterate=" + iterate + ": " + e, e);
                }
            }
        }
        // the generator reaches every ending, so the property is not vacuous
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i] > 0, "ending " + i + " never reached: " + java.util.Arrays.toString(seen));
        }
    }
}
