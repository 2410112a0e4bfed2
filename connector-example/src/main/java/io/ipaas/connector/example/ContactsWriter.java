package io.ipaas.connector.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes contacts with {@code PUT /v1/contacts/{id}}, using the platform's idempotency key as the contact id: the
 * API lets clients choose ids, so repeating a write after a crash replaces the same contact instead of creating a
 * second one. An expected version goes in {@code If-Match}. A refused record fails alone; throttling and
 * authentication failures end the call (thrown by {@link ContactsApi}).
 */
final class ContactsWriter implements EntityWriter {
    private final ContactsApi api;
    private final Metrics metrics;

    ContactsWriter(ContactsApi api, Metrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    @Override
    public List<WriteOutcome> write(List<OutboundRecord> records) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (OutboundRecord record : records) {
            outcomes.add(write(record));
        }
        return outcomes;
    }

    private WriteOutcome write(OutboundRecord record) {
        String key = record.idempotencyKey();
        ObjectNode body = ContactsApi.JSON.valueToTree(record.fields());
        body.remove(List.of("id", "updatedAt", "version", "deleted"));
        HttpResponse<String> response = api.put(
                "/v1/contacts/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"),
                body,
                record.expectedVersion());
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            JsonNode stored = api.json(response);
            metrics.recordsWritten.incrementAndGet();
            return new WriteOutcome(
                    key,
                    Optional.of(stored.path("id").asText(key)),
                    Optional.ofNullable(stored.path("version").asText(null)),
                    Optional.empty());
        }
        String reason = switch (status) {
            case 412 ->
                "contact " + key + " changed remotely since version "
                        + record.expectedVersion().orElse("?") + "; read it again before writing";
            case 400, 409, 422 -> "contact " + key + " was refused: " + ContactsApi.errorMessage(response);
            default -> null;
        };
        if (reason == null) {
            throw api.unexpected(response);
        }
        return new WriteOutcome(
                key, Optional.empty(), Optional.empty(), Optional.of(ConnectorException.data(key, reason, null)));
    }
}
