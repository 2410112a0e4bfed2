package io.ipaas.connector.dynamics365.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of BC's notification body (facts §5.4), checked field by field before anything in it is used:
 * {@code {"value":[{subscriptionId, clientState, expirationDateTime, resource, changeType, lastModifiedDateTime}]}}.
 */
final class Notifications {
    /** BC sends at most 1,000 entries per subscription before it collapses them; a body beyond this is not BC's. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted", "collection");

    private Notifications() {}

    /** One entry, its strings as sent (not trusted yet). */
    record Entry(
            String subscriptionId,
            String clientState,
            String resource,
            String changeType,
            Optional<Instant> lastModified) {}

    /** The entries, or empty when the body is not BC's shape (then nothing in it is used). */
    static Optional<List<Entry>> parse(byte[] body) {
        if (body.length == 0 || body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null
                || !root.isObject()
                || !root.path("value").isArray()
                || root.get("value").isEmpty()) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : root.get("value")) {
            if (!entry.isObject()
                    || !text(entry, "subscriptionId")
                    || !text(entry, "clientState")
                    || !text(entry, "resource")
                    || !text(entry, "changeType")
                    || !CHANGE_TYPES.contains(entry.get("changeType").asText())) {
                return Optional.empty();
            }
            Optional<Instant> at = Optional.empty();
            if (text(entry, "lastModifiedDateTime")) {
                try {
                    at = Optional.of(
                            Instant.parse(entry.get("lastModifiedDateTime").asText()));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
            entries.add(new Entry(
                    entry.get("subscriptionId").asText(),
                    entry.get("clientState").asText(),
                    entry.get("resource").asText(),
                    entry.get("changeType").asText(),
                    at));
        }
        return Optional.of(entries);
    }

    private static boolean text(JsonNode entry, String field) {
        return entry.path(field).isTextual() && entry.get(field).asText().length() <= 4096;
    }
}
