package io.ipaas.harness.sync;

/**
 * Records polled but not yet mapped: the heavy part of a pull's memory. Polling the next batch while the previous
 * one is mapped is allowed only within the budget, so small pages overlap and pages as large as the budget do not
 * (one batch is always allowed, however large).
 */
final class RecordBudget {
    private final long limit;
    private long inUse;

    RecordBudget(long limit) {
        this.limit = limit;
    }

    /** Waits until {@code records} more fit, or nothing is held. */
    synchronized void acquire(long records) throws InterruptedException {
        while (inUse > 0 && inUse + records > limit) {
            wait();
        }
        inUse += records;
    }

    synchronized void release(long records) {
        inUse -= records;
        notifyAll();
    }
}
