package io.ipaas.harness.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsFormTest {
    private static final Map<String, Object> SCHEMA = Map.of(
            "x-groups",
            List.of(Map.of("key", "auth", "title", "Sign-in", "order", 1)),
            "properties",
            Map.of(
                    "grant",
                    Map.of(
                            "type",
                            "string",
                            "enum",
                            List.of("secret", "certificate"),
                            "default",
                            "secret",
                            "x-group",
                            "auth",
                            "x-order",
                            1),
                    "secret",
                    Map.of(
                            "type",
                            "string",
                            "writeOnly",
                            true,
                            "x-group",
                            "auth",
                            "x-order",
                            2,
                            "x-visibleWhen",
                            Map.of("grant", List.of("secret"))),
                    "pageSize",
                    Map.of("type", "integer", "x-group", "auth", "x-order", 3),
                    "tags",
                    Map.of("type", "array", "x-group", "auth", "x-order", 4)));

    @Test
    void postedValuesTakeTheirSchemaTypesAndAHiddenFieldIsDropped() {
        SettingsForm form = new SettingsForm(SCHEMA);
        Map<String, Object> shown = form.values(Map.of(
                "grant", List.of("secret"),
                "secret", List.of("s3cr3t"),
                "pageSize", List.of(" 500 "),
                "tags", List.of("a", " ", "b")));
        assertEquals(Map.of("grant", "secret", "secret", "s3cr3t", "pageSize", 500, "tags", List.of("a", "b")), shown);
        Map<String, Object> hidden = form.values(
                Map.of("grant", List.of("certificate"), "secret", List.of("s3cr3t"), "pageSize", List.of("many")));
        assertEquals(Map.of("grant", "certificate", "pageSize", "many"), hidden, "an unparsable number stays text");
    }

    @Test
    void aSecretIsNeverRenderedBackAndTheRuleTravelsWithItsField() {
        String html =
                new SettingsForm(SCHEMA).fields(Map.of("secret", "s3cr3t"), Map.of("secret", List.of("too short")));
        assertFalse(html.contains("s3cr3t"), html);
        assertTrue(html.contains("type=\"password\""), html);
        assertTrue(html.contains("data-visible-when=\"{&quot;grant&quot;:[&quot;secret&quot;]}\""), html);
        assertTrue(html.contains("id=\"error-secret\">too short<"), html);
    }
}
