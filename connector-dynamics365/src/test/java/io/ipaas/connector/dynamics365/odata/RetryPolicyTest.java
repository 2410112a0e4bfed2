package io.ipaas.connector.dynamics365.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.error.ConnectorException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = RetryPolicy.STANDARD;

    private static ConnectorException transientFailure(Duration retryAfter) {
        return ConnectorException.transientFailure("Business Central is busy", retryAfter, null);
    }

    @Test
    void backoffDoublesWithJitterBetweenHalfAndAllOfIt() {
        ConnectorException busy = transientFailure(null);
        assertEquals(Optional.of(Duration.ofMillis(125)), POLICY.delay(busy, 1, () -> 0.0));
        assertEquals(Optional.of(Duration.ofMillis(250)), POLICY.delay(busy, 1, () -> 0.999));
        assertEquals(Optional.of(Duration.ofMillis(250)), POLICY.delay(busy, 2, () -> 0.0));
        assertEquals(Optional.of(Duration.ofMillis(500)), POLICY.delay(busy, 3, () -> 0.0));
        assertEquals(Optional.empty(), POLICY.delay(busy, 4, () -> 0.0), "three retries, then the host is told");
    }

    @Test
    void aShortRetryAfterIsHonouredAndALongOneGoesToTheHost() {
        assertEquals(
                Optional.of(Duration.ofSeconds(1)),
                POLICY.delay(transientFailure(Duration.ofSeconds(1)), 1, () -> 0.5));
        assertEquals(Optional.empty(), POLICY.delay(transientFailure(Duration.ofSeconds(30)), 1, () -> 0.5));
    }

    @Test
    void onlyTransientFailuresAreRepeated() {
        assertEquals(Optional.empty(), POLICY.delay(ConnectorException.remote("bad page", null), 1, () -> 0.5));
        assertEquals(Optional.empty(), RetryPolicy.NONE.delay(transientFailure(null), 1, () -> 0.5));
        Duration capped = new RetryPolicy(30, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ZERO)
                .delay(transientFailure(null), 30, () -> 0.999)
                .orElseThrow();
        assertTrue(capped.compareTo(Duration.ofSeconds(4)) <= 0, capped.toString());
    }
}
