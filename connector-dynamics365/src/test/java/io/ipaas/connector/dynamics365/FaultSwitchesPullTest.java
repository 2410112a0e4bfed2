package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pull through every fault switch of the sandbox at once, with BC's per-user limits on: slow answers, a page
 * that stops halfway, reset connections, 429, 503 and 504. The host loop commits only whole polls and polls again
 * after a TRANSIENT failure, as the harness does; at the end every item is stored exactly once (by key) and
 * every failure that reached the host said what happened.
 */
class FaultSwitchesPullTest {

    @Test
    void everyItemArrivesExactlyOnceThroughEveryFault() {
        try (BcSandbox sandbox = BcSandbox.builder()
                .seed(3)
                .items(120)
                .requestLimits(5, 6000)
                .build()
                .start()) {
            sandbox.faults()
                    .retryAfterSeconds(0)
                    .slowNext(1, Duration.ofMillis(200))
                    .truncateNext(1)
                    .resetNext(2)
                    .failNext(1, 429)
                    .failNext(1, 503)
                    .failNext(1, 504);
            Map<String, Integer> stored = new HashMap<>();
            List<String> failures = new ArrayList<>();
            try (Connector connector = WireMockBc.open(
                    SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 10),
                    TestConnectorContext.create())) {
                PollSource source = connector.entity("items").pollSource().orElseThrow();
                Checkpoint checkpoint = Checkpoint.initial();
                boolean more = true;
                int polls = 0;
                while (more && polls++ < 100) {
                    PollBatch batch;
                    try {
                        batch = source.poll(PollRequest.from(checkpoint, 10));
                    } catch (ConnectorException e) {
                        assertEquals(ErrorKind.TRANSIENT, e.kind(), e.getMessage());
                        assertFalse(e.getMessage().contains("bug"), e.getMessage());
                        failures.add(e.getMessage());
                        continue; // the host polls again from the committed checkpoint
                    }
                    batch.records().forEach(r -> stored.merge(r.key(), 1, Integer::sum));
                    assertEquals(List.of(), batch.rejected());
                    checkpoint = batch.next();
                    more = batch.hasMore();
                }
                assertFalse(more, "the pull ends");
                assertTrue(connector.metrics().getOrDefault("dynamics365.http.retries", 0L) > 0, "the client retried");
            }
            assertEquals(new HashSet<>(SandboxData.itemIds(sandbox)), stored.keySet(), "nothing lost: " + failures);
            stored.forEach((key, times) -> assertEquals(1, times, key + " stored once: no committed poll repeats one"));
            assertEquals(0, sandbox.faults().pendingFailures(), "every injected failure was served");
        }
    }
}
