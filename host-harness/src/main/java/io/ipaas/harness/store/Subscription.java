package io.ipaas.harness.store;

import java.time.Instant;
import java.util.Map;

/**
 * A stored subscription: which plugin, with which non-secret settings (secrets live encrypted elsewhere).
 *
 * @param id short id shown to users
 * @param pluginId the connector plugin
 * @param name user-chosen name, unique per plugin
 * @param settings non-secret settings as submitted
 * @param status ACTIVE, or NEEDS_REAUTH when a sign-in lapsed
 * @param createdAt when it was first stored
 */
public record Subscription(
        String id, String pluginId, String name, Map<String, Object> settings, String status, Instant createdAt) {}
