package io.ipaas.connector.api.webhook;

import io.ipaas.connector.api.poll.ChangeHint;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated notice that something changed. The host queues it durably and turns it into a poll.
 *
 * @param entity the entity that changed
 * @param type what changed
 * @param hint where to look
 * @param subscriptionId the subscription it arrived on
 */
public record ChangeNotice(String entity, ChangeType type, ChangeHint hint, Optional<String> subscriptionId) {
    public ChangeNotice {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
    }
}
