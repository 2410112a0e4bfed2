package io.ipaas.connector.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;

/** JSON Schema 2020-12 checks with format assertions on (they are off by default in 2020-12). */
public final class JsonSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private JsonSchemas() {}

    /** Problems of {@code schema} as a document against the 2020-12 meta-schema; empty when it is a valid schema. */
    public static List<String> metaValidate(Map<String, Object> schema) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return messages(meta.validate(MAPPER.valueToTree(schema)));
    }

    /** Problems of {@code instance} against {@code schema}; empty when it conforms. */
    public static List<String> validate(Map<String, Object> schema, Object instance) {
        JsonNode schemaNode = MAPPER.valueToTree(schema);
        Schema compiled = REGISTRY.getSchema(SchemaLocation.of("urn:connector-settings"), schemaNode);
        return messages(compiled.validate(MAPPER.valueToTree(instance)));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }
}
