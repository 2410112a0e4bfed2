package io.ipaas.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Validates mapping documents against {@code mapping.schema.json} (JSON Schema 2020-12). */
public final class MappingSchema {
    /** Classpath location of the schema. */
    public static final String RESOURCE = "/io/ipaas/mappings/mapping.schema.json";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final Schema SCHEMA = load();

    private MappingSchema() {}

    /** The schema text, for tools that want to show or publish it. */
    public static String text() {
        try (InputStream in = MappingSchema.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every problem of a document, each as {@code location: message}; malformed JSON gives one problem with line
     * and column. Empty when the document conforms.
     */
    public static List<String> validate(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(malformed(e));
        }
        return validate(node);
    }

    static List<String> validate(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return List.of("document is empty");
        }
        return SCHEMA.validate(node).stream().map(MappingSchema::describe).toList();
    }

    static String malformed(JsonProcessingException e) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "invalid JSON" + where + ": " + e.getOriginalMessage();
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() ? "$" : location) + ": " + error.getMessage();
    }

    private static Schema load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (InputStream in = MappingSchema.class.getResourceAsStream(RESOURCE)) {
            return registry.getSchema(
                    SchemaLocation.of("https://schemas.ipaas.io/mapping/1/mapping.schema.json"), MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
