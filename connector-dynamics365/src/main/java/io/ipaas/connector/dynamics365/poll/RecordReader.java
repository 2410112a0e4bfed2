package io.ipaas.connector.dynamics365.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.entity.Expansion;
import io.ipaas.connector.dynamics365.odata.ODataEntity;
import io.ipaas.connector.dynamics365.odata.UtcTimestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the entities of one page into records, and the ones that cannot be records (no id, no readable
 * modification time) into rejected records the host quarantines, so one bad record never stops a pull.
 */
final class RecordReader {
    /** Enough of a rejected record for whoever fixes it, without storing a huge one whole. */
    static final int MAX_RAW_CHARS = 8_000;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final EntityDefinition entity;
    private final Set<String> excludedChildren;
    private final Consumer<Record> records;
    private final List<RejectedRecord> rejected = new ArrayList<>();
    private int read;

    /**
     * @param excludedChildren values of the expansion's {@code excludeBy} field whose children are dropped
     * @param records where each record goes as soon as it is read
     */
    RecordReader(EntityDefinition entity, Set<String> excludedChildren, Consumer<Record> records) {
        this.entity = entity;
        this.excludedChildren = Set.copyOf(excludedChildren);
        this.records = records;
    }

    RecordReader(EntityDefinition entity, Consumer<Record> records) {
        this(entity, Set.of(), records);
    }

    void accept(ODataEntity parsed) {
        Map<String, Object> fields = parsed.fields();
        Object id = fields.get(entity.key());
        if (!(id instanceof String key) || key.isBlank()) {
            reject(
                    "?",
                    entity.name() + " record without its key " + entity.key() + " (got " + describe(id)
                            + "); it cannot be stored " + "without its key",
                    parsed);
            return;
        }
        if (entity.cursorField().isEmpty()) {
            // a set read whole has no modification time to check
            dropExcludedChildren(fields);
            read++;
            records.accept(
                    Record.handOver(entity.name(), key, Operation.UPSERT, fields, Optional.empty(), parsed.etag()));
            return;
        }
        Object modified = fields.get(entity.cursorField());
        if (!(modified instanceof String text)) {
            reject(
                    key,
                    entity.name() + " " + key + " has no " + entity.cursorField() + " (got " + describe(modified) + ")",
                    parsed);
            return;
        }
        Instant modifiedAt;
        try {
            modifiedAt = UtcTimestamps.parse(text);
        } catch (DateTimeParseException e) {
            reject(
                    key,
                    entity.name() + " " + key + " has " + entity.cursorField() + " '" + shorten(text)
                            + "', which is not a date-time",
                    parsed);
            return;
        }
        dropExcludedChildren(fields);
        read++;
        // the page reader builds a fresh map per entity and never touches it again: hand it over, do not copy it
        records.accept(
                Record.handOver(entity.name(), key, Operation.UPSERT, fields, Optional.of(modifiedAt), parsed.etag()));
    }

    /** Drops the children (document lines) whose excludeBy value is listed, before any mapping sees them. */
    private void dropExcludedChildren(Map<String, Object> fields) {
        if (excludedChildren.isEmpty() || entity.expand().isEmpty()) {
            return;
        }
        Expansion expansion = entity.expand().get();
        if (expansion.excludeBy().isEmpty() || !(fields.get(expansion.navigation()) instanceof List<?> children)) {
            return;
        }
        String field = expansion.excludeBy().get();
        List<Object> kept = new ArrayList<>(children.size());
        for (Object child : children) {
            if (!(child instanceof Map<?, ?> map
                    && map.get(field) instanceof String value
                    && excludedChildren.contains(value))) {
                kept.add(child);
            }
        }
        fields.put(expansion.navigation(), kept);
    }

    /** Rejects a whole record for a reason found outside it (its children could not be read). */
    void reject(ODataEntity parsed, String reason) {
        Object id = parsed.fields().get(entity.key());
        reject(id instanceof String key ? key : "?", reason, parsed);
    }

    /** Records handed over so far. */
    int read() {
        return read;
    }

    List<RejectedRecord> rejected() {
        return rejected;
    }

    private void reject(String key, String reason, ODataEntity parsed) {
        rejected.add(new RejectedRecord(key, reason, raw(parsed)));
    }

    /** The entity as JSON again, with its ETag (the only annotation kept while parsing). */
    private static String raw(ODataEntity parsed) {
        Map<String, Object> json = new LinkedHashMap<>();
        parsed.etag().ifPresent(etag -> json.put("@odata.etag", etag));
        json.putAll(parsed.fields());
        try {
            String text = JSON.writeValueAsString(json);
            return text.length() > MAX_RAW_CHARS ? text.substring(0, MAX_RAW_CHARS) + "…(truncated)" : text;
        } catch (JsonProcessingException e) {
            return String.valueOf(json.keySet());
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String text
                ? "'" + shorten(text) + "'"
                : value.getClass().getSimpleName();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
