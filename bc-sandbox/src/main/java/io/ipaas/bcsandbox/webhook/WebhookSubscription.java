package io.ipaas.bcsandbox.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One subscription as BC keeps it, with what is waiting to be sent on it. Guarded by {@link Subscriptions}. */
final class WebhookSubscription {
    final String id;
    final UUID companyId;
    final String entitySet;
    final UUID userId;
    final Instant createdAt;
    String notificationUrl;
    String resource;
    String clientState;
    Instant modifiedAt;
    Instant expiresAt;
    /** Failed sends in a row; above five the subscription is deleted. */
    int attempts;

    Instant nextAttemptAt = Instant.MIN;
    /** Pending changes by record id: repeated updates of one record merge into one. */
    final Map<UUID, Pending> pending = new LinkedHashMap<>();

    /** A change waiting to be sent. */
    record Pending(UUID id, String changeType, Instant at) {}

    WebhookSubscription(
            String id,
            UUID companyId,
            String entitySet,
            UUID userId,
            Instant createdAt,
            String notificationUrl,
            String resource,
            String clientState,
            Instant expiresAt) {
        this.id = id;
        this.companyId = companyId;
        this.entitySet = entitySet;
        this.userId = userId;
        this.createdAt = createdAt;
        this.notificationUrl = notificationUrl;
        this.resource = resource;
        this.clientState = clientState;
        this.modifiedAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Merges a change into what is pending: a create stays a create, a delete wins. */
    void queue(UUID record, String changeType, Instant at) {
        Pending before = pending.get(record);
        String merged = changeType;
        if (before != null && before.changeType().equals("created") && changeType.equals("updated")) {
            merged = "created";
        }
        pending.put(record, new Pending(record, merged, at));
    }
}
