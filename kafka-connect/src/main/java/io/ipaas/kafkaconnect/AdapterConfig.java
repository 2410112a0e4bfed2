package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The adapter's own configuration keys, next to the connector's settings in one Connect configuration. */
final class AdapterConfig {
    /** The connector's factory class, on the worker's plugin path beside this adapter. */
    static final String FACTORY = "ipaas.factory.class";
    /** Names the subscription: the connector's instance id, the first part of each source partition. */
    static final String SUBSCRIPTION = "ipaas.subscription";
    /** Records of a unit go to {@code PREFIX + unit id} (e.g. {@code bc.items}, {@code bc.items@CRONUS Canada}). */
    static final String TOPIC_PREFIX = "topic.prefix";
    /** The work units a task reads, comma-separated: set by the connector, not by users. */
    static final String TASK_UNITS = "ipaas.task.units";
    /** Most records a task hands Connect per poll. */
    static final String BATCH = "ipaas.batch.records";

    private AdapterConfig() {}

    static ConfigDef define(ConfigDef settings) {
        return settings.define(
                        FACTORY,
                        ConfigDef.Type.CLASS,
                        ConfigDef.Importance.HIGH,
                        "The connector's ConnectorFactory class, e.g."
                                + " io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory")
                .define(
                        SUBSCRIPTION,
                        ConfigDef.Type.STRING,
                        ConfigDef.Importance.HIGH,
                        "A stable name for this subscription; offsets are kept under it")
                .define(
                        TOPIC_PREFIX,
                        ConfigDef.Type.STRING,
                        ConfigDef.Importance.HIGH,
                        "Topic names are this prefix and the entity (entity@company in further companies)")
                .define(
                        BATCH,
                        ConfigDef.Type.INT,
                        2_000,
                        ConfigDef.Range.between(1, 100_000),
                        ConfigDef.Importance.LOW,
                        "Most records a task hands Connect per poll");
    }

    /** The factory named by {@link #FACTORY}, made with its no-argument constructor. */
    static ConnectorFactory factory(Map<String, String> properties) {
        String name = properties.get(FACTORY);
        if (name == null || name.isBlank()) {
            throw new ConfigException(FACTORY, name, "name the connector's ConnectorFactory class");
        }
        try {
            Class<?> type = Class.forName(name, true, AdapterConfig.class.getClassLoader());
            return (ConnectorFactory) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConfigException(FACTORY, name, "not a ConnectorFactory on the plugin path: " + e);
        }
    }

    static SettingsSpec spec(Map<String, String> properties) {
        return factory(properties).settings();
    }
}
