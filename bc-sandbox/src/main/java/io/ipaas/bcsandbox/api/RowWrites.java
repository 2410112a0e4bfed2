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

    /** Text lengths of the tables behind the customer and contact pages (Customer, Contact). */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("number", 20),
            Map.entry("displayName", 100),
            Map.entry("addressLine1", 100),
            Map.entry("addressLine2", 50),
            Map.entry("city", 30),
            Map.entry("state", 30),
            Map.entry("country", 10),
            Map.entry("postalCode", 20),
            Map.entry("phoneNumber", 30),
            Map.entry("mobilePhoneNumber", 30),
            Map.entry("email", 80),
            Map.entry("website", 80),
            Map.entry("jobTitle", 30),
            Map.entry("companyName", 100),
            Map.entry("companyNumber", 20));

    static Result create(
            MasterData data, String entitySet, EntityType<Map<String, Object>> type, byte[] body, Clock clock) {
        Map<String, Object> values = values(type, object(body), READ_ONLY, LENGTHS);
        RowSet rows = data.set(entitySet).orElseThrow();
        UUID id = data.create(entitySet, clock);
        values.forEach((field, value) -> rows.put(id, field, value));
        return new Result(201, rows.find(id));
    }

    static Result update(
            RowSet rows, EntityType<Map<String, Object>> type, UUID id, String ifMatch, byte[] body, Clock clock) {
        Map<String, Object> current = rows.find(id).orElseThrow();
        requireMatch(type, current, ifMatch);
        Map<String, Object> values = values(type, object(body), READ_ONLY, LENGTHS);
        values.forEach((field, value) -> rows.put(id, field, value));
        rows.touch(id, clock);
        return new Result(200, rows.find(id));
    }

    static Result delete(RowSet rows, EntityType<Map<String, Object>> type, UUID id, String ifMatch) {
        requireMatch(type, rows.find(id).orElseThrow(), ifMatch);
        rows.delete(id);
        return new Result(204, Optional.empty());
    }

    static void requireMatch(EntityType<Map<String, Object>> type, Map<String, Object> row, String ifMatch) {
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

    /** The body as a JSON object, or BC's 400. */
    static JsonNode object(byte[] body) {
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
        return json;
    }

    /**
     * The object's properties converted to the row's types, or BC's 400 naming the property: unknown, read-only,
     * mistyped, or longer than its field allows.
     */
    static Map<String, Object> values(
            EntityType<Map<String, Object>> type, JsonNode json, Set<String> readOnly, Map<String, Integer> lengths) {
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
            if (readOnly.contains(property.name())) {
                throw new BcException(
                        400,
                        "BadRequest_InvalidOperation",
                        "The property '" + property.name() + "' is read-only and cannot be set.");
            }
            Object value = convert(property, field.getValue());
            Integer length = lengths.get(property.name());
            if (length != null && value instanceof String text && text.length() > length) {
                throw stringTooLong(text, length);
            }
            values.put(property.name(), value);
        }
        return values;
    }

    /** BC's words when a value is longer than its field (the fixture batch_response.json). */
    static BcException stringTooLong(String text, int length) {
        return new BcException(
                400,
                "Application_StringExceededLength",
                "The length of the string is " + text.length() + ", but it must be less than or equal to " + length
                        + " characters. Value: " + text);
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
