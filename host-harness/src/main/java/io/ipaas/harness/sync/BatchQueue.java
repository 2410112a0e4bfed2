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
    /** The polling thread waits for room: gathering more for a group would only stall both sides. */
    private boolean producerWaiting;

    BatchQueue(long maxQueuedRecords) {
        this.maxQueuedRecords = maxQueuedRecords;
    }

    /** Waits while the queue is full, then adds the batch. */
    synchronized void put(MappedBatch batch) throws InterruptedException {
        while (!items.isEmpty() && queuedRecords + batch.received() > maxQueuedRecords) {
            producerWaiting = true;
            notifyAll();
            wait();
        }
        producerWaiting = false;
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
     * Waits for the next batch and takes it with the batches queued behind it, up to {@code maxRecords} in all (at
     * least one batch). Once a batch is there it lingers up to {@code lingerMillis} for more, unless the group is
     * full, the last batch or a failure is queued, or the polling thread waits for room: fewer, larger transactions
     * cost the store much less per record.
     *
     * @throws RuntimeException the polling thread's failure, once every batch before it was taken
     */
    synchronized List<MappedBatch> takeGroup(long maxRecords, long lingerMillis) throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        long deadline = System.nanoTime() + lingerMillis * 1_000_000;
        while (queuedRecords < maxRecords && !producerWaiting && !endQueued()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        if (items.peek() instanceof Throwable failure) {
            items.poll();
            notifyAll();
            throw rethrow(failure);
        }
        return pollGroup(maxRecords);
    }

    /**
     * The batches queued now, up to {@code maxRecords} (at least one batch), without waiting; none when the queue is
     * empty or a failure comes first (the next {@link #takeGroup} reports it).
     */
    synchronized List<MappedBatch> pollGroup(long maxRecords) {
        List<MappedBatch> group = new ArrayList<>();
        long records = 0;
        while (!items.isEmpty() && items.peek() instanceof MappedBatch batch) {
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
        if (!group.isEmpty()) {
            notifyAll();
        }
        return group;
    }

    /** Whether the last batch or a failure is queued: nothing more will come. */
    private boolean endQueued() {
        Object last = items.peekLast();
        return last instanceof Throwable || (last instanceof MappedBatch batch && !batch.hasMore());
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
