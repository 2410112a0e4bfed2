package io.ipaas.harness.store;

import java.time.Instant;
import java.util.Optional;

/** A change notice as stored: received, and handled once the pull it started committed. */
public record Notice(
        long id,
        String subscriptionId,
        String entity,
        String changeType,
        Optional<String> recordKey,
        Optional<Instant> changedSince,
        Instant receivedAt) {}
