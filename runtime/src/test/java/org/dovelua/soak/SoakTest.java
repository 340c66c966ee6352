package org.dovelua.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.api.Command;
import org.dovelua.api.Dovelua;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak (issue 17): a long-lived instance's requests, sampled, and a verdict on whether heap
 * after GC, descriptors and threads stayed flat. The verdict's rule is checked on given samples;
 * the runs check what they report and that a script which keeps what it is sent is found leaking.
 * No wall-clock figure is asserted.
 */
class SoakTest {
    private static final Path EXAMPLE = Path.of("..", "scripts", "soak").toAbsolutePath().normalize();
    /** The README's mix, as the command line gives it. */
    private static final List<String> MIX = List.of("40*auth http-alice secret", "20*user http-alice",
            "26*auth alice secret", "10*user alice", "1*auth loop x", "1*user loop", "1*auth exit x", "1*user exit");
    private static final long MB = Tolerance.MB;

    @TempDir
    Path dir;

    private static SoakSample sample(long requests, long heapMb, int fds, int threads) {
        return new SoakSample(requests, heapMb * MB, fds, threads, 0);
    }

    private static SoakReport report(SoakSample... samples) {
        return new SoakReport(1000, List.of(samples), Map.of(), new Tolerance(16 * MB, 8, 8));
    }

    @Test
    void growthIsTheRiseOfTheLowestSampleFromTwentyFortyPercentToTheLastTwenty() {
        SoakReport r = report(sample(0, 10, 10, 10), sample(100, 30, 20, 20), sample(200, 40, 30, 30),
                sample(300, 25, 31, 12), sample(400, 60, 29, 40), sample(600, 99, 99, 99), sample(800, 41, 37, 20),
                sample(900, 90, 50, 50), sample(1000, 45, 40, 21));
        assertThat(r.start()).extracting(SoakSample::requests).containsExactly(200L, 300L, 400L);
        assertThat(r.end()).extracting(SoakSample::requests).containsExactly(800L, 900L, 1000L);
        // warm-up before 20% and spikes (a held window, a process being replaced) do not count
        assertThat(r.heapGrowth()).isEqualTo(16 * MB);
        assertThat(r.fdGrowth()).isEqualTo(8);
        assertThat(r.threadGrowth()).isEqualTo(8);
        assertThat(r.flat()).as("growth at the tolerance is flat").isTrue();
    }

    @Test
    void withFewSamplesTheFirstAfterTwentyPercentAndTheLastAreCompared() {
        SoakReport r = report(sample(0, 10, 10, 10), sample(500, 20, 10, 10), sample(1000, 37, 10, 10));
        assertThat(r.start()).extracting(SoakSample::requests).containsExactly(500L);
        assertThat(r.end()).extracting(SoakSample::requests).containsExactly(1000L);
        assertThat(r.heapGrowth()).isEqualTo(17 * MB);
    }

    @Test
    void eachGaugeBeyondItsToleranceIsALeak() {
        SoakReport heap = report(sample(0, 10, 10, 10), sample(200, 20, 10, 10), sample(1000, 37, 10, 10));
        assertThat(heap.flat()).isFalse();
        assertThat(heap.exceeded()).containsExactly("heap after GC +17.0 MB > 16.0 MB");
        SoakReport fds = report(sample(0, 10, 10, 10), sample(250, 20, 10, 10), sample(1000, 20, 19, 10));
        assertThat(fds.exceeded()).containsExactly("open fds +9 > 8");
        SoakReport threads = report(sample(0, 10, 10, 10), sample(250, 20, 10, 10), sample(1000, 20, 10, 19));
        assertThat(threads.exceeded()).containsExactly("threads +9 > 8");
    }

    @Test
    void requestsAreParsedAndInterleavedByWeight() {
        SoakRequest auth = SoakRequest.parse("3*auth alice secret", List.of("service=imap"));
        assertThat(auth.weight()).isEqualTo(3);
        assertThat(auth.label()).isEqualTo("auth alice secret");
        assertThat(auth.command()).isEqualTo(new Command.AuthTest("alice", "secret", List.of("service=imap")));
        assertThat(SoakRequest.parse("user bob", List.of()).command())
                .isEqualTo(new Command.User(List.of("bob"), List.of(), null, true));
        assertThat(SoakRequest.parse("lookup bob", List.of()).command())
                .isEqualTo(new Command.AuthLookup(List.of("bob"), List.of(), null));
        for (String bad : List.of("", "0*auth a b", "auth", "user a b", "doveadm a", "auth a b c")) {
            assertThatThrownBy(() -> SoakRequest.parse(bad, List.of())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[WEIGHT*]auth USER [PASSWORD]");
        }
        SoakMix mix = new SoakMix(List.of(SoakRequest.parse("3*user a", List.of()), SoakRequest.parse("user b", List.of())));
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            order.append(mix.next());
        }
        assertThat(order).hasToString("00100010");
    }

    private static Dovelua example() {
        return Dovelua.builder().config(EXAMPLE.resolve("dovecot.conf")).mount("/etc/dovecot", EXAMPLE)
                .stub("http://backend.example", "static", EXAMPLE.resolve("backend.yaml"))
                .timeout(Duration.ofMillis(20)).build();
    }

    @Test
    void theExampleMixIsAnsweredThroughRestartsAndTimeouts() {
        List<SoakRequest> mix = new ArrayList<>();
        MIX.forEach(m -> mix.add(SoakRequest.parse(m, List.of())));
        List<SoakSample> seen = new ArrayList<>();
        SoakReport r;
        try (Dovelua d = example()) {
            r = new Soak(d, new SoakMix(mix), Gauges.jvm()).run(2000, 10, Tolerance.DEFAULT, seen::add);
        }
        assertThat(r.samples()).hasSize(11).isEqualTo(seen);
        assertThat(r.samples()).extracting(SoakSample::requests)
                .containsExactly(0L, 200L, 400L, 600L, 800L, 1000L, 1200L, 1400L, 1600L, 1800L, 2000L);
        assertThat(r.samples()).allSatisfy(s -> {
            assertThat(s.heapAfterGc()).isPositive();
            assertThat(s.openFds()).isPositive();
            assertThat(s.threads()).isPositive();
        });
        assertThat(r.start()).extracting(SoakSample::requests).containsExactly(400L, 600L, 800L);
        assertThat(r.end()).extracting(SoakSample::requests).containsExactly(1600L, 1800L, 2000L);
        // every cycle of 100 requests holds each kind its weight's times; the plain and HTTP ones all
        // succeed although the process before them was killed or hung: it was restarted
        assertThat(r.outcomes()).containsExactly(
                Map.entry("auth http-alice secret", Map.of("ok", 800L)),
                Map.entry("user http-alice", Map.of("found", 400L)),
                Map.entry("auth alice secret", Map.of("ok", 520L)),
                Map.entry("user alice", Map.of("found", 200L)),
                Map.entry("auth loop x", Map.of("internal_failure", 20L)),
                Map.entry("user loop", Map.of("failed", 20L)),
                Map.entry("auth exit x", Map.of("internal_failure", 20L)),
                Map.entry("user exit", Map.of("failed", 20L)));
        StringWriter text = new StringWriter();
        r.summary(new PrintWriter(text, true));
        assertThat(text.toString()).contains("  auth loop x: internal_failure=20\n")
                .containsPattern("growth of the lowest sample from requests 400-800 to 1600-2000: heap after GC [-+][0-9.]+ MB \\(tolerance 8.0 MB\\), "
                        + "open fds [-+][0-9]+ \\(tolerance 8\\), threads [-+][0-9]+ \\(tolerance 8\\)\n")
                .containsPattern("verdict: (flat|LEAK: .+)\n$");
    }

    @Test
    void aScriptThatKeepsWhatItIsSentIsFoundLeaking() throws Exception {
        // each request adds a distinct 16 KB string to a global table: 2000 requests keep 32 MB
        Path script = Files.writeString(dir.resolve("leak.lua"), String.join("\n",
                "kept = {}",
                "function auth_passdb_lookup(req)",
                "  kept[#kept + 1] = string.rep('x', 16384) .. #kept",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'",
                "end", ""));
        SoakReport r;
        try (Dovelua d = Dovelua.builder().script(script).build()) {
            r = new Soak(d, new SoakMix(List.of(SoakRequest.parse("auth alice pw", List.of()))), Gauges.jvm())
                    .run(2000, 10, new Tolerance(8 * MB, 8, 8), s -> { });
        }
        assertThat(r.outcomes()).containsExactly(Map.entry("auth alice pw", Map.of("ok", 2000L)));
        assertThat(r.heapGrowth()).as("the strings of the 800 requests between the windows' lowest samples")
                .isGreaterThan(12 * MB);
        assertThat(r.flat()).isFalse();
        assertThat(r.exceeded()).hasSize(1).allMatch(e -> e.startsWith("heap after GC +"));
    }

    @Test
    void aStubKeepsNoRequestItAnswered() throws Exception {
        // MockWebServer queues every request it reads (for takeRequest) until someone takes it:
        // 32 KB bodies, 1500 requests, kept 47 MB before the stubs took them. The windows start
        // after 300 requests, when the router's window of 256 exchanges is full
        // (HttpRouterTest shows it stays at 256)
        Path script = Files.writeString(dir.resolve("post.lua"), String.join("\n",
                "local client = dovecot.http.client({timeout = 2000})",
                "local body = string.rep('x', 32768)",
                "function auth_passdb_lookup(req)",
                "  local r = client:request({url = 'http://stub.example/x', method = 'POST'})",
                "  r:set_payload(body)",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw status=' .. r:submit():status()",
                "end", ""));
        Path stub = Files.writeString(dir.resolve("stub.yaml"), "responses:\n  - body: ok\n");
        SoakReport r;
        try (Dovelua d = Dovelua.builder().script(script).stub("http://stub.example", "static", stub).build()) {
            r = new Soak(d, new SoakMix(List.of(SoakRequest.parse("auth alice pw", List.of()))), Gauges.jvm())
                    .run(1500, 10, new Tolerance(8 * MB, 8, 8), s -> { });
        }
        assertThat(r.outcomes()).containsExactly(Map.entry("auth alice pw", Map.of("ok", 1500L)));
        assertThat(r.exceeded()).isEmpty();
    }
}
