package io.ipaas.connector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingGroup;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.SettingType;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateAllTest {
    /** A factory whose cross-field rule needs two values: "from" must be below "to". */
    private static final ConnectorFactory FACTORY = new ConnectorFactory() {
        @Override
        public ConnectorInfo info() {
            return new ConnectorInfo(
                    "ranges", "Ranges", "1.0.0", "A factory for tests.", java.util.Set.of(), List.of());
        }

        @Override
        public SettingsSpec settings() {
            return new SettingsSpec(
                    List.of(new SettingGroup("g", "G", 1)),
                    List.of(
                            number("from", 1),
                            number("to", 2),
                            SettingDefinition.builder("url", SettingType.URL)
                                    .title("URL")
                                    .description("Where the ranges live.")
                                    .required()
                                    .group("g", 3)
                                    .build()),
                    List.of(),
                    List.of());
        }

        @Override
        public List<SettingProblem> validate(Settings settings) {
            List<SettingProblem> problems = new ArrayList<>();
            if (settings.has("from") && settings.has("to") && settings.integer("from") >= settings.integer("to")) {
                problems.add(new SettingProblem("to", "must be greater than from"));
            }
            return problems;
        }

        @Override
        public Connector open(Settings settings, ConnectorContext context) {
            throw new UnsupportedOperationException();
        }
    };

    private static SettingDefinition number(String key, int order) {
        return SettingDefinition.builder(key, SettingType.INTEGER)
                .title(key)
                .description("A bound of the range.")
                .required()
                .group("g", order)
                .build();
    }

    @Test
    void aBadFieldDoesNotHideACrossFieldProblemAmongTheValidOnes() {
        List<SettingProblem> problems = FACTORY.validateAll(Map.of("from", 5, "to", 3, "url", "nope"));
        assertEquals(
                List.of("url", "to"), problems.stream().map(SettingProblem::key).toList(), problems.toString());
    }

    @Test
    void aCrossFieldRuleWhoseInputIsBadIsSkippedNotCrashed() {
        List<SettingProblem> problems = FACTORY.validateAll(Map.of("from", "five", "to", 3, "url", "https://x.test"));
        assertEquals(List.of("from"), problems.stream().map(SettingProblem::key).toList(), problems.toString());
    }
}
