package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.ConnectorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/** What Connect's validate endpoint answers for our connectors: Connect's checks, then the connector's own. */
final class ConfigCheck {
    private ConfigCheck() {}

    /**
     * Connect's checks of every key (types, ranges, choices), then, when those hold, the connector's own rules
     * (cross-field ones included), each problem on its key so Connect's REST answer and UIs show it by the field.
     */
    static Config validate(Map<String, String> configs, boolean sink) {
        ConnectorFactory factory;
        try {
            factory = AdapterConfig.factory(configs);
        } catch (ConfigException e) {
            ConfigValue value = new ConfigValue(AdapterConfig.FACTORY);
            value.addErrorMessage(e.getMessage());
            return new Config(List.of(value));
        }
        ConfigDef own = SettingsConfigDef.of(factory.settings());
        ConfigDef definition = sink ? AdapterConfig.defineSink(own) : AdapterConfig.defineSource(own);
        List<ConfigValue> values = definition.validate(configs);
        Map<String, ConfigValue> byName = new LinkedHashMap<>();
        values.forEach(v -> byName.put(v.name(), v));
        String notices = configs.getOrDefault(AdapterConfig.NOTICES_TOPIC, "");
        if (!sink
                && !notices.isBlank()
                && configs.getOrDefault(AdapterConfig.KAFKA_BOOTSTRAP, "").isBlank()) {
            byName.computeIfAbsent(AdapterConfig.KAFKA_BOOTSTRAP, ConfigValue::new)
                    .addErrorMessage("required with " + AdapterConfig.NOTICES_TOPIC + " '" + notices
                            + "': name the Kafka cluster the notices are on (host:port)");
        }
        boolean typesHold = values.stream().allMatch(v -> v.errorMessages().isEmpty());
        if (typesHold) {
            factory.validateAll(SettingsConfigDef.settings(factory.settings(), configs))
                    .forEach(problem -> byName.computeIfAbsent(problem.key(), ConfigValue::new)
                            .addErrorMessage(problem.message()));
        }
        return new Config(new ArrayList<>(byName.values()));
    }
}
