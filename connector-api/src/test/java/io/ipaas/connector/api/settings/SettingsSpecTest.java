package io.ipaas.connector.api.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSpecTest {
    private static final SettingsSpec SPEC = new SettingsSpec(
            List.of(new SettingGroup("b", "Second", 2), new SettingGroup("a", "First", 1)),
            List.of(
                    SettingDefinition.builder("mode", SettingType.CHOICE)
                            .title("Mode")
                            .description("How to sign in.")
                            .enumValues("secret", "interactive")
                            .defaultValue("secret")
                            .group("a", 1)
                            .build(),
                    SettingDefinition.builder("password", SettingType.SECRET)
                            .title("Password")
                            .description("The secret value.")
                            .group("a", 2)
                            .build(),
                    SettingDefinition.builder("url", SettingType.URL)
                            .title("URL")
                            .description("Where to go.")
                            .defaultValue("https://example.com")
                            .group("b", 1)
                            .build(),
                    SettingDefinition.builder("size", SettingType.INTEGER)
                            .title("Size")
                            .description("Page size.")
                            .defaultValue(100)
                            .range(1, 1000)
                            .group("b", 2)
                            .build(),
                    SettingDefinition.builder("clientId", SettingType.STRING)
                            .title("Client")
                            .description("A GUID.")
                            .required()
                            .format("uuid")
                            .group("a", 0)
                            .build(),
                    SettingDefinition.builder("codes", SettingType.STRING_LIST)
                            .title("Codes")
                            .description("Some codes.")
                            .length(1, 3)
                            .group("b", 3)
                            .build(),
                    SettingDefinition.builder("enabled", SettingType.BOOLEAN)
                            .title("Enabled")
                            .description("On or off.")
                            .defaultValue(true)
                            .group("b", 4)
                            .build()),
            List.of(new ConditionalRequirement("mode", "secret", List.of("password"))),
            List.of(new SettingsProfile("big", "Big", "Large pages.", Map.of("size", 1000))));

    private static Map<String, Object> valid() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("clientId", "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90");
        raw.put("password", "hunter2-very-secret");
        return raw;
    }

    @Test
    void validSettingsGetDefaultsAndTypes() {
        Settings settings = SPEC.parse(valid());
        assertEquals(100, settings.integer("size"));
        assertEquals("secret", settings.string("mode"));
        assertTrue(settings.bool("enabled"));
        assertEquals(List.of(), settings.list("codes"));
        assertEquals(
                "hunter2-very-secret", settings.secret("password").orElseThrow().reveal());
    }

    @Test
    void definitionsAreInFormOrder() {
        assertEquals(
                List.of("clientId", "mode", "password", "url", "size", "codes", "enabled"),
                SPEC.definitions().stream().map(SettingDefinition::key).toList());
    }

    @Test
    void everyProblemIsReportedByKey() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("clientId", "not-a-guid");
        raw.put("size", 0);
        raw.put("url", "ftp:/nope");
        raw.put("codes", List.of("ok", "toolong"));
        raw.put("enabled", "yes");
        raw.put("sise", 5);
        List<SettingProblem> problems = SPEC.validate(raw);
        assertEquals(
                List.of("sise", "clientId", "url", "size", "codes", "enabled", "password"),
                problems.stream().map(SettingProblem::key).toList(),
                problems.toString());
        assertTrue(
                problems.get(0).message().contains("did you mean 'size'"),
                problems.get(0).message());
    }

    @Test
    void aBadValueDoesNotHideAConditionalProblemNorTheValuesThatAreValidAlone() {
        Map<String, Object> raw = valid();
        raw.remove("password");
        raw.put("url", "ftp:/nope");
        raw.put("size", 250);
        assertEquals(
                List.of("url", "password"),
                SPEC.validate(raw).stream().map(SettingProblem::key).toList());
        Settings validAlone = SPEC.parseValid(raw);
        assertEquals(250, validAlone.integer("size"), "valid values are kept");
        assertFalse(validAlone.has("url"), "a bad value is absent, not replaced by its default");
        assertEquals("secret", validAlone.string("mode"), "defaults apply to values not given");
    }

    @Test
    void conditionalRequirementAppliesToTheDefaultValue() {
        Map<String, Object> raw = valid();
        raw.remove("password");
        List<SettingProblem> problems = SPEC.validate(raw);
        assertEquals(1, problems.size());
        assertEquals("password", problems.get(0).key());
        raw.put("mode", "interactive");
        assertEquals(List.of(), SPEC.validate(raw));
    }

    @Test
    void wholeNumbersFromJsonParsersAreAccepted() {
        Map<String, Object> raw = valid();
        raw.put("size", new BigDecimal("250"));
        assertEquals(250, SPEC.parse(raw).integer("size"));
        raw.put("size", new BigDecimal("2.5"));
        assertEquals("size", SPEC.validate(raw).get(0).key());
    }

    @Test
    void parseFailsAsConfigurationNamingTheFirstKey() {
        Map<String, Object> raw = valid();
        raw.put("size", 5000);
        ConnectorException e = assertThrows(ConnectorException.class, () -> SPEC.parse(raw));
        assertEquals(ErrorKind.CONFIGURATION, e.kind());
        assertEquals("size", e.settingKey().orElseThrow());
    }

    @Test
    void secretsNeverShowInToStringOrNonSecretValues() {
        Settings settings = SPEC.parse(valid());
        assertFalse(settings.toString().contains("hunter2"));
        assertFalse(settings.nonSecretValues().containsKey("password"));
        Map<String, Object> raw = valid();
        raw.put("clientId", "hunter2-not-a-guid");
        raw.put("password", 42);
        // a secret of the wrong type is reported without echoing the value
        assertTrue(SPEC.validate(raw).stream()
                .noneMatch(p -> p.key().equals("password")
                        && p.message().contains("42")
                        && !p.message().startsWith("must be text")));
    }

    @Test
    void profilesMustNameDeclaredSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new SettingsSpec(
                        List.of(new SettingGroup("a", "A", 1)),
                        List.of(),
                        List.of(),
                        List.of(new SettingsProfile("p", "P", "d", Map.of("nope", 1)))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVisibilityRuleNamesADeclaredSettingAndReachesTheSchema() {
        SettingDefinition mode = SettingDefinition.builder("mode", SettingType.CHOICE)
                .title("Mode")
                .description("How.")
                .enumValues("a", "b")
                .group("a", 1)
                .build();
        SettingDefinition onlyForB = SettingDefinition.builder("forB", SettingType.STRING)
                .title("For b")
                .description("Used in mode b.")
                .group("a", 2)
                .visibleWhen("mode", "b")
                .build();
        SettingsSpec spec =
                new SettingsSpec(List.of(new SettingGroup("a", "A", 1)), List.of(mode, onlyForB), List.of(), List.of());
        Map<String, Object> property = (Map<String, Object>)
                ((Map<String, Object>) spec.toJsonSchema("t").get("properties")).get("forB");
        assertEquals(Map.of("mode", List.of("b")), property.get("x-visibleWhen"));
        SettingDefinition dangling = SettingDefinition.builder("x", SettingType.STRING)
                .title("X")
                .description("Shown for a setting nobody declared.")
                .group("a", 3)
                .visibleWhen("nope", "1")
                .build();
        assertThrows(
                IllegalArgumentException.class,
                () -> new SettingsSpec(
                        List.of(new SettingGroup("a", "A", 1)), List.of(dangling), List.of(), List.of()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonSchemaCarriesTypesFormsAndConditionals() {
        Map<String, Object> schema = SPEC.toJsonSchema("Test");
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema"));
        assertEquals(false, schema.get("additionalProperties"));
        assertEquals(List.of("clientId"), schema.get("required"));
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        Map<String, Object> password = (Map<String, Object>) properties.get("password");
        assertEquals(true, password.get("writeOnly"));
        assertEquals("uuid", ((Map<String, Object>) properties.get("clientId")).get("format"));
        assertEquals("uri", ((Map<String, Object>) properties.get("url")).get("format"));
        assertEquals(1000L, ((Map<String, Object>) properties.get("size")).get("maximum"));
        assertEquals("b", ((Map<String, Object>) properties.get("size")).get("x-group"));
        List<Object> allOf = (List<Object>) schema.get("allOf");
        Map<String, Object> rule = (Map<String, Object>) allOf.get(0);
        // 'secret' is the default, so the rule must fire when mode is absent: no 'required' in the if
        assertFalse(((Map<String, Object>) rule.get("if")).containsKey("required"));
        assertEquals(Map.of("required", List.of("password")), rule.get("then"));
        assertEquals(1, ((List<Object>) schema.get("x-profiles")).size());
    }
}
