package io.ipaas.connector.example;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads contacts page by page: {@code GET /v1/contacts?updatedSince=W&cursor=C&limit=N}, ordered by
 * {@code (updatedAt, id)}. A sync starts at the watermark and follows the API's cursor; after its last page the
 * latest {@code updatedAt} it saw becomes the next watermark. {@code updatedSince} is inclusive, so contacts sharing
 * the watermark's instant are read again rather than missed (the host upserts by key). Stateless between calls.
 */
final class ContactsPoller implements PollSource {
    static final String ENTITY = "contacts";
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {};
    private static final int RAW_LIMIT = 2_000;

    private final ContactsApi api;
    private final int pageSize;
    private final Metrics metrics;

    ContactsPoller(ContactsApi api, int pageSize, Metrics metrics) {
        this.api = api;
        this.pageSize = pageSize;
        this.metrics = metrics;
    }

    @Override
    public PollBatch poll(PollRequest request) {
        ContactsCheckpoint from = ContactsCheckpoint.of(request.from());
        int limit = Math.min(pageSize, request.maxRecords());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(limit));
        from.watermark().ifPresent(w -> query.put("updatedSince", w.toString()));
        from.cursor().ifPresent(c -> query.put("cursor", c));

        JsonNode page = api.get("/v1/contacts", query);
        JsonNode data = page.get("data");
        if (data == null || !data.isArray()) {
            throw ConnectorException.remote(
                    "GET /v1/contacts answered without a data list: " + ContactsApi.excerpt(page.toString()), null);
        }
        if (data.size() > limit) {
            throw ConnectorException.remote(
                    "GET /v1/contacts answered " + data.size() + " contacts for limit " + limit, null);
        }
        List<Record> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        Optional<Instant> latest = Optional.empty();
        for (JsonNode contact : data) {
            String id = contact.path("id").isTextual() ? contact.get("id").asText() : "";
            if (id.isBlank()) {
                rejected.add(new RejectedRecord("?", "contact without an id", raw(contact)));
                continue;
            }
            Instant updatedAt;
            try {
                updatedAt = Instant.parse(contact.path("updatedAt").asText());
            } catch (DateTimeParseException e) {
                rejected.add(new RejectedRecord(
                        id,
                        "contact " + id + ": updatedAt '"
                                + contact.path("updatedAt").asText() + "' is not an ISO-8601 instant",
                        raw(contact)));
                continue;
            }
            latest = Optional.of(latest.filter(l -> l.isAfter(updatedAt)).orElse(updatedAt));
            records.add(new Record(
                    ENTITY,
                    id,
                    contact.path("deleted").asBoolean(false) ? Operation.DELETE : Operation.UPSERT,
                    ContactsApi.JSON.convertValue(contact, FIELDS),
                    Optional.of(updatedAt),
                    contact.hasNonNull("version")
                            ? Optional.of(contact.get("version").asText())
                            : Optional.empty()));
        }
        JsonNode next = page.path("nextCursor");
        Optional<String> nextCursor =
                next.isTextual() && !next.asText().isEmpty() ? Optional.of(next.asText()) : Optional.empty();
        if (nextCursor.isPresent() && nextCursor.equals(from.cursor()) && data.isEmpty()) {
            // an API that hands back the cursor it was given would keep the host polling forever
            throw ConnectorException.remote(
                    "GET /v1/contacts returned an empty page with the cursor it was given; the API is stuck", null);
        }
        metrics.recordsRead.addAndGet(records.size());
        metrics.recordsRejected.addAndGet(rejected.size());
        ContactsCheckpoint after = from.after(latest, nextCursor);
        return new PollBatch(records, rejected, after.toCheckpoint(), nextCursor.isPresent());
    }

    private static String raw(JsonNode contact) {
        String text = contact.toString();
        return text.length() > RAW_LIMIT ? text.substring(0, RAW_LIMIT) : text;
    }
}
