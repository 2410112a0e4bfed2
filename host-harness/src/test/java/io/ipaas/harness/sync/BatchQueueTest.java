package io.ipaas.harness.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.poll.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchQueueTest {
    static MappedBatch batch(int page, int records, boolean hasMore) {
        return new MappedBatch(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new Checkpoint(1, Map.of("page", page)),
                hasMore,
                records,
                0);
    }

    @Test
    void aGroupTakesTheQueuedBatchesUpToTheLimitAndAlwaysAtLeastOne() throws InterruptedException {
        BatchQueue queue = new BatchQueue(100_000);
        MappedBatch big = batch(1, 30_000, true);
        queue.put(big);
        queue.put(batch(2, 10_000, true));
        queue.put(batch(3, 10_000, true));
        queue.put(batch(4, 10_000, false));
        assertEquals(List.of(big), queue.takeGroup(20_000, 0), "a batch above the limit goes alone");
        assertEquals(2, queue.takeGroup(20_000, 0).size());
        List<MappedBatch> last = queue.takeGroup(20_000, 0);
        assertEquals(1, last.size());
        assertFalse(last.get(0).hasMore());
    }

    @Test
    void aFailureReachesTheWriterOnlyAfterTheBatchesBeforeIt() throws InterruptedException {
        BatchQueue queue = new BatchQueue(100_000);
        queue.put(batch(1, 10, true));
        queue.put(batch(2, 10, true));
        IllegalStateException failure = new IllegalStateException("poll failed");
        queue.fail(failure);
        assertEquals(2, queue.takeGroup(20_000, 0).size());
        assertSame(failure, assertThrows(IllegalStateException.class, () -> queue.takeGroup(20_000, 0)));
    }

    @Test
    void putWaitsWhileTheQueueHoldsTooManyRecords() throws Exception {
        BatchQueue queue = new BatchQueue(15_000);
        queue.put(batch(1, 10_000, true));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                queue.put(batch(2, 10_000, true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(200);
        assertFalse(second.isDone(), "the second batch waits for room");
        assertEquals(1, queue.takeGroup(20_000, 0).size());
        second.get(10, TimeUnit.SECONDS);
        assertTrue(second.isDone());
        assertEquals(1, queue.takeGroup(20_000, 0).size());
    }
}
