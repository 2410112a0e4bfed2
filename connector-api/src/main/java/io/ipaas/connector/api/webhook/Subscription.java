package io.ipaas.connector.api.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A live subscription at the remote system.
 *
 * @param id the remote system's subscription id
 * @param entity the entity it reports on
 * @param expiresAt when the remote system drops it unless renewed
 * @param attributes connector-specific facts needed to renew or remove it (never secrets)
 */
public record Subscription(String id, String entity, Instant expiresAt, Map<String, String> attributes) {
    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(expiresAt, "expiresAt");
        attributes = Map.copyOf(attributes);
    }
}
