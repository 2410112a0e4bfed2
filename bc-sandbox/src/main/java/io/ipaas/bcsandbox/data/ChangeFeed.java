package io.ipaas.bcsandbox.data;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every change to a record, as BC's change log sees it: what webhook subscriptions are told about. Writers publish
 * after the change is stored; listeners must be quick (they queue, they do not send).
 */
public final class ChangeFeed {
    /**
     * One change.
     *
     * @param changeType {@code created}, {@code updated} or {@code deleted}, as BC's notifications spell them
     * @param at the record's new lastModifiedDateTime (the time of the delete for a delete)
     */
    public record Change(UUID companyId, String entitySet, UUID id, String changeType, Instant at) {}

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    public void listen(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void publish(UUID companyId, String entitySet, UUID id, String changeType, Instant at) {
        Change change = new Change(companyId, entitySet, id, changeType, at);
        listeners.forEach(listener -> listener.accept(change));
    }
}
