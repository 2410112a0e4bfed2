package io.ipaas.connector.dynamics365.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateGovernorTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration by) {
            now = now.plus(by);
        }
    }

    @Test
    void aProcessWithAShareOfTheBudgetKeepsToThatShareAndSharesItsGovernorWithItsLikes() {
        RateGovernor half = RateGovernor.shared("env-share-test|app", 0.5);
        assertEquals(2, half.maxInFlight(), "two processes with half each: at most four in flight together");
        assertEquals(3_000, half.windowRequests());
        assertEquals(half, RateGovernor.shared("env-share-test|app", 0.5), "tasks of one worker share it");
        RateGovernor tenth = RateGovernor.shared("env-share-test|app", 0.1);
        assertEquals(1, tenth.maxInFlight(), "never none in flight");
        assertEquals(600, tenth.windowRequests());
        assertEquals(5, RateGovernor.shared("env-share-test|app").maxInFlight(), "the whole budget when alone");
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> RateGovernor.shared("env-share-test|app", 0));
    }

    @Test
    void theBudgetIsASlidingWindowOverTheLastRequests() {
        TestClock clock = new TestClock();
        RateGovernor governor = new RateGovernor(5, 3, Duration.ofMinutes(5), clock);
        assertEquals(0, governor.reserve());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, governor.reserve());
        assertEquals(0, governor.reserve());
        // the fourth waits for the first to leave the window, four minutes on
        assertEquals(Duration.ofMinutes(4).toMillis(), governor.reserve());
        clock.advance(Duration.ofMinutes(4));
        assertEquals(0, governor.reserve());
        // now the two sent at minute one are the oldest: the next frees at minute six
        assertEquals(Duration.ofMinutes(1).toMillis(), governor.reserve());
    }

    @Test
    void aWaitLongerThanTheCallerAllowsIsATransientErrorSayingWhenToRetry() {
        TestClock clock = new TestClock();
        RateGovernor governor = new RateGovernor(5, 2, Duration.ofMinutes(5), clock);
        governor.spend(Duration.ZERO);
        governor.spend(Duration.ZERO);
        ConnectorException e = assertThrows(ConnectorException.class, () -> governor.spend(Duration.ofSeconds(30)));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals(Duration.ofMinutes(5), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("may go in 300 s"), e.getMessage());
    }

    @Test
    void aShortWaitIsWaitedOut() {
        RateGovernor governor = new RateGovernor(5, 1, Duration.ofMillis(150), Clock.systemUTC());
        governor.spend(Duration.ZERO);
        Duration waited = governor.spend(Duration.ofSeconds(5));
        assertTrue(waited.toMillis() > 0 && waited.toMillis() <= 150, waited.toString());
    }

    @Test
    void noMoreThanTheLimitAreInFlightAndAFullGovernorFailsAfterItsWait() throws Exception {
        RateGovernor governor = new RateGovernor(2, 100, Duration.ofMinutes(5), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                try (RateGovernor.Slot slot = governor.enter(Duration.ofSeconds(10))) {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(40);
                    inside.decrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(2, most.get());

        RateGovernor.Slot first = governor.enter(Duration.ZERO);
        RateGovernor.Slot second = governor.enter(Duration.ZERO);
        ConnectorException full = assertThrows(ConnectorException.class, () -> governor.enter(Duration.ofMillis(50)));
        assertEquals(ErrorKind.TRANSIENT, full.kind());
        assertTrue(full.getMessage().contains("2 requests"), full.getMessage());
        first.close();
        governor.enter(Duration.ZERO).close();
        second.close();
        assertEquals(0, governor.inFlight());
    }

    @Test
    void connectionsToOneEnvironmentAsOnePrincipalShareOneGovernor() {
        assertSame(
                RateGovernor.shared("host|tenant|production|app"), RateGovernor.shared("host|tenant|production|app"));
        assertTrue(RateGovernor.shared("host|tenant|production|app") != RateGovernor.shared("host|tenant|sandbox|app"));
    }
}
