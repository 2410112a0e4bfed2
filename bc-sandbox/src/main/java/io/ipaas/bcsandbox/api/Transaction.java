package io.ipaas.bcsandbox.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The writes of one BC transaction: a request on the wire, or a whole {@code $batch} sent with
 * {@code Isolation: snapshot}, which BC rolls back when any of its requests fails (facts §4). Each write leaves how to
 * undo it and the change it tells the change feed; the changes are told only on {@link #commit()}, so a webhook never
 * reports a write BC did not keep. Other requests see the writes before the commit (BC would make them wait on its
 * locks instead). Used by one thread at a time.
 */
public final class Transaction {
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<Runnable> changes = new ArrayList<>();
    private boolean ended;

    /** A write was stored: how to take it back, and how to tell the change feed about it once kept. */
    void written(Runnable undoIt, Runnable tellChange) {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        undo.push(undoIt);
        changes.add(tellChange);
    }

    /** Keeps every write and tells the change feed about them, in the order they were made. */
    public void commit() {
        if (ended) {
            return;
        }
        ended = true;
        changes.forEach(Runnable::run);
        changes.clear();
        undo.clear();
    }

    /** Takes every write back, the last first; the change feed hears of none of them. */
    public void rollback() {
        if (ended) {
            return;
        }
        ended = true;
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        changes.clear();
    }
}
