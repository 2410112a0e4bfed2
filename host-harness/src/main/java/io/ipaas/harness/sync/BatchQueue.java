package io.ipaas.harness.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Mapped batches on their way from the polling thread to the writer, in order, bounded by the records they hold
 * (a batch larger than the bound still passes alone). The polling thread's failure takes a batch's place, so the
 * writer meets it only after every batch before it.
 */
final class BatchQueue {
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final long maxQueuedRecords;
    private long queuedRecords;

    BatchQueue(long maxQueuedRecords) {
        this.maxQueuedRecords = maxQueuedRecords;
    }

    /** Waits while the queue is full, then adds the batch. */
    synchronized void put(MappedBatch batch) throws InterruptedException {
        while (!items.isEmpty() && queuedRecords + batch.received() > maxQueuedRecords) {
            wait();
        }
        items.add(batch);
        queuedRecords += batch.received();
        notifyAll();
    }

    /** Reports the polling thread's failure in place of the next batch; never waits. */
    synchronized void fail(Throwable failure) {
        items.add(failure);
        notifyAll();
    }

    /**
     * Waits for the next batch and takes it with the batches queued right behind it, up to {@code maxRecords} in
     * all (at least one batch), so a writer that fell behind catches up with fewer, larger transactions.
     *
     * @throws RuntimeException the polling thread's failure, once every batch before it was taken
     */
    synchronized List<MappedBatch> takeGroup(long maxRecords) throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        List<MappedBatch> group = new ArrayList<>();
        long records = 0;
        while (!items.isEmpty()) {
            Object next = items.peek();
            if (next instanceof Throwable failure) {
                if (!group.isEmpty()) {
                    break;
                }
                items.poll();
                throw rethrow(failure);
            }
            MappedBatch batch = (MappedBatch) next;
            if (!group.isEmpty() && records + batch.received() > maxRecords) {
                break;
            }
            items.poll();
            group.add(batch);
            records += batch.received();
            queuedRecords -= batch.received();
            if (!batch.hasMore()) {
                break;
            }
        }
        notifyAll();
        return group;
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }
}
