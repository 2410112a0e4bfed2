package io.ipaas.harness.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How serve keeps one entity of a subscription in step.
 *
 * @param mode {@code webhook} or {@code polling}
 * @param reason why, in a line a user reads
 * @param remoteId the remote system's webhook subscription, in webhook mode
 * @param remoteExpires when the remote drops it unless renewed
 * @param remoteAttributes what renewing or removing it needs (never secrets)
 * @param pathToken the unguessable part of its notification URL
 */
public record EntityStatus(
        String subscriptionId,
        String entity,
        String mode,
        String reason,
        Optional<String> remoteId,
        Optional<Instant> remoteExpires,
        Map<String, String> remoteAttributes,
        Optional<String> pathToken,
        Optional<Instant> lastRunAt,
        Optional<Long> lastRecords,
        Optional<String> lastError,
        Optional<Instant> lastNoticeAt) {
    public EntityStatus {
        remoteAttributes = Map.copyOf(remoteAttributes);
    }
}
