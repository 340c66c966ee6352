package org.dovelua.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link KnownDivergence} on plain test methods, run in a nested Jupiter engine so the outcome of
 * the marked test itself can be checked. The sample classes are static nested ones, which neither
 * Surefire (it skips {@code *$*}) nor a class selector for this class runs on their own.
 */
class KnownDivergenceExtensionTest {
    private static final String STILL = StillDiffers.class.getName() + "#realBehaviour";

    static class StillDiffers {
        @Test
        @KnownDivergence("dovelua says 1, the real one 2")
        void realBehaviour() {
            assertEquals(2, 1);
        }
    }

    static class NowAgrees {
        @Test
        @KnownDivergence("dovelua said 1, the real one 2")
        void realBehaviour() {
            assertEquals(2, 2);
        }
    }

    static class Broken {
        @Test
        @KnownDivergence("a test that cannot even run shows nothing")
        void realBehaviour() {
            throw new IllegalStateException("no such fixture");
        }
    }

    @AfterEach
    void keepSamplesOutOfTheReport() {
        for (Class<?> c : List.of(StillDiffers.class, NowAgrees.class, Broken.class)) {
            KnownDivergences.forget(c.getName() + "#realBehaviour");
        }
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    private static Throwable failure(Events events) {
        return events.failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    @Test
    void aFailingRealAssertionPassesAndIsRecordedAsOpen() {
        run(StillDiffers.class).assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        List<Divergence> open = KnownDivergences.open().stream().filter(d -> d.where().equals(STILL)).toList();
        assertEquals(List.of(new Divergence(KnownDivergences.module(), STILL, "dovelua says 1, the real one 2", null)),
                open);
    }

    @Test
    void aPassingRealAssertionFailsSayingTheDivergenceIsFixed() {
        Events events = run(NowAgrees.class);
        events.assertStatistics(s -> s.started(1).succeeded(0).failed(1));
        Throwable t = failure(events);
        assertInstanceOf(KnownDivergenceFixed.class, t);
        assertTrue(t.getMessage().startsWith(NowAgrees.class.getName() + "#realBehaviour: known divergence is fixed"),
                t.getMessage());
        assertTrue(t.getMessage().contains("remove its marker"), t.getMessage());
        assertTrue(KnownDivergences.open().stream().noneMatch(d -> d.where().contains("NowAgrees")));
    }

    @Test
    void anErrorOtherThanAFailedAssertionStillFails() {
        Events events = run(Broken.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        assertInstanceOf(IllegalStateException.class, failure(events));
        assertTrue(KnownDivergences.open().stream().noneMatch(d -> d.where().contains("Broken")));
    }
}
