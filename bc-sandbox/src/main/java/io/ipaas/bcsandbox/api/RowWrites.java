package io.ipaas.bcsandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.data.MasterData;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Property;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * POST, PATCH and DELETE on customers and contacts as BC answers them (facts §3.3): 201 with the created record,
 * 200 with the whole updated record, 204; {@code If-Match} required on PATCH and DELETE (a missing one is
 * {@code BadRequest_InvalidToken}, a stale one {@code Request_EntityChanged} 409, {@code *} always matches); a
 * property the type lacks or one the page does not let clients set is refused, naming it.
 */
final class RowWrites {
    /** Fields BC computes or assigns: a client sending them is refused. */
    private static final Set<String> READ_ONLY =
            Set.of("id", "lastModifiedDateTime", "balanceDue", "taxAreaDisplayName");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a write did: the status and, but for a delete, the record as it now is. */
    record Result(int status, Optional<Map<String, Object>> row) {}

    private RowWrites() {}

    static Result create(
            MasterData data, String entitySet, EntityType<Map<String, Object>> type, byte[] body, Clock clock) {
        Map<String, Object> values = values(type, body);
        RowSet rows = data.set(entitySet).orElseThrow();
        UUID id = data.create(entitySet, clock);
        values.forEach((field, value) -> rows.put(id, field, value));
        return new Result(201, rows.find(id));
    }

    static Result update(
            RowSet rows, EntityType<Map<String, Object>> type, UUID id, String ifMatch, byte[] body, Clock clock) {
        Map<String, Object> current = rows.find(id).orElseThrow();
        requireMatch(type, current, ifMatch);
        Map<String, Object> values = values(type, body);
        values.forEach((field, value) -> rows.put(id, field, value));
        rows.touch(id, clock);
        return new Result(200, rows.find(id));
    }

    static Result delete(RowSet rows, EntityType<Map<String, Object>> type, UUID id, String ifMatch) {
        requireMatch(type, rows.find(id).orElseThrow(), ifMatch);
        rows.delete(id);
        return new Result(204, Optional.empty());
    }

    private static void requireMatch(EntityType<Map<String, Object>> type, Map<String, Object> row, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new BcException(
                    400,
                    "BadRequest_InvalidToken",
                    "Could not validate the client concurrency token required by the service. Please provide a valid"
                            + " token in the client concurrency header.");
        }
        String current = type.etag(row).orElseThrow();
        if (!ifMatch.trim().equals("*") && !ifMatch.trim().equals(current)) {
            throw new BcException(409, "Request_EntityChanged", "Another user has already changed the record.");
        }
    }

    /** The body's properties converted to the row's types, or BC's 400 naming the property. */
    private static Map<String, Object> values(EntityType<Map<String, Object>> type, byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BcException(400, "BadRequest", "The request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw new BcException(400, "BadRequest", "The request body could not be read.");
        }
        if (json == null || !json.isObject()) {
            throw new BcException(400, "BadRequest", "The request body must be a JSON object.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("@odata.")) {
                continue;
            }
            Property<Map<String, Object>> property = type.property(field.getKey())
                    .orElseThrow(() -> new BcException(
                            400,
                            "BadRequest",
                            "The property '" + field.getKey() + "' does not exist on type '" + type.qualifiedName()
                                    + "'. Make sure to only use property names that are defined by the type."));
            if (READ_ONLY.contains(property.name())) {
                throw new BcException(
                        400,
                        "BadRequest_InvalidOperation",
                        "The property '" + property.name() + "' is read-only and cannot be set.");
            }
            values.put(property.name(), convert(property, field.getValue()));
        }
        return values;
    }

    private static Object convert(Property<?> property, JsonNode value) {
        try {
            return switch (property.type()) {
                case STRING, ENUM -> {
                    if (!value.isTextual()) {
                        throw new IllegalArgumentException();
                    }
                    yield value.asText();
                }
                case DECIMAL -> {
                    if (!value.isNumber()) {
                        throw new IllegalArgumentException();
                    }
                    yield value.decimalValue();
                }
                case INT32, INT64 -> {
                    if (!value.canConvertToLong()) {
                        throw new IllegalArgumentException();
                    }
                    yield value.asLong();
                }
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        throw new IllegalArgumentException();
                    }
                    yield value.asBoolean();
                }
                case GUID -> UUID.fromString(value.asText());
                case DATE -> LocalDate.parse(value.asText());
                case DATETIMEOFFSET -> Instant.parse(value.asText()).truncatedTo(ChronoUnit.MILLIS);
            };
        } catch (RuntimeException e) {
            throw new BcException(
                    400,
                    "BadRequest",
                    "Cannot convert the literal '" + value + "' to the expected type '"
                            + property.type().edmName() + "' of the property '" + property.name() + "'.");
        }
    }
}
