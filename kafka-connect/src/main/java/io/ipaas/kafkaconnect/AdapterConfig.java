package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
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
    /** The units to read, comma-separated (entity, or entity@company); empty: every unit that can be read. */
    static final String UNITS = "ipaas.units";
    /** The work units a task reads, comma-separated: set by the connector, not by users. */
    static final String TASK_UNITS = "ipaas.task.units";
    /** Most records a task hands Connect per poll. */
    static final String BATCH = "ipaas.batch.records";
    /** {@code mapped}: records pass through the connector's default mappings; {@code raw}: as the connector reads them. */
    static final String RECORDS = "ipaas.records";

    static final String MAPPED = "mapped";
    static final String RAW = "raw";
    /** The entity a sink writes (entity@company for a further company). */
    static final String ENTITY = "ipaas.entity";
    /** How long a source task that has read everything waits before it asks again (a notice wakes it sooner). */
    static final String POLL_INTERVAL = "ipaas.poll.interval.ms";
    /**
     * The part of the remote account's request budget this Connect connector may use, split evenly among its tasks;
     * a source and a sink on the same environment and principal might take 0.5 each.
     */
    static final String BUDGET_SHARE = "ipaas.budget.share";
    /** The topic the webhook relay writes notices to, keyed by unit; a source task reads it to wake. */
    static final String NOTICES_TOPIC = "ipaas.notices.topic";
    /** The Kafka cluster of the notices topic and of the records' topics (a task cannot see its worker's). */
    static final String KAFKA_BOOTSTRAP = "ipaas.kafka.bootstrap.servers";
    /** How often a source compares the keys on its topics with the remote system's, tombstoning the gone (0: never). */
    static final String RECONCILE_INTERVAL = "ipaas.reconcile.interval.ms";
    /** Set by the connector for each task: its part of the budget. */
    static final String TASK_BUDGET_SHARE = "ipaas.task.budget.share";

    private AdapterConfig() {}

    /** The keys a source and a sink both have. */
    private static ConfigDef common(ConfigDef settings) {
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
                        BATCH,
                        ConfigDef.Type.INT,
                        2_000,
                        ConfigDef.Range.between(1, 100_000),
                        ConfigDef.Importance.LOW,
                        "Most records a task hands Connect per poll, or writes per call of the connector's writer")
                .define(
                        RECORDS,
                        ConfigDef.Type.STRING,
                        MAPPED,
                        ConfigDef.ValidString.in(MAPPED, RAW),
                        ConfigDef.Importance.MEDIUM,
                        "mapped: through the connector's default mappings (platform records, one topic per mapping);"
                                + " raw: the remote system's records as read or written")
                .define(
                        BUDGET_SHARE,
                        ConfigDef.Type.DOUBLE,
                        1.0,
                        ConfigDef.Range.between(0.01, 1.0),
                        ConfigDef.Importance.LOW,
                        "The part of the remote account's request budget this connector's tasks use together");
    }

    /** A source's keys, after the connector's settings. */
    static ConfigDef defineSource(ConfigDef settings) {
        return common(settings)
                .define(
                        UNITS,
                        ConfigDef.Type.LIST,
                        "",
                        ConfigDef.Importance.MEDIUM,
                        "The entities to read (entity@company for a further company); empty: all that can be read")
                .define(
                        TOPIC_PREFIX,
                        ConfigDef.Type.STRING,
                        ConfigDef.Importance.HIGH,
                        "Topic names are this prefix and the entity (entity@company in further companies)")
                .define(
                        POLL_INTERVAL,
                        ConfigDef.Type.LONG,
                        1_000L,
                        ConfigDef.Range.between(10, 86_400_000),
                        ConfigDef.Importance.LOW,
                        "How long a source task that has read everything waits before it reads what changed since")
                .define(
                        NOTICES_TOPIC,
                        ConfigDef.Type.STRING,
                        "",
                        ConfigDef.Importance.LOW,
                        "The topic the webhook relay writes change notices to; a task reads a unit at once when one"
                                + " arrives for it (empty: no webhooks, polling only)")
                .define(
                        KAFKA_BOOTSTRAP,
                        ConfigDef.Type.STRING,
                        "",
                        ConfigDef.Importance.MEDIUM,
                        "The Kafka cluster of the notices topic and of the records' topics, host:port[,host:port];"
                                + " needed for webhook notices and for reconciliation")
                .define(
                        RECONCILE_INTERVAL,
                        ConfigDef.Type.LONG,
                        3_600_000L,
                        ConfigDef.Range.atLeast(0),
                        ConfigDef.Importance.LOW,
                        "How often a task compares the keys on its topics with those the remote system lists and"
                                + " tombstones the ones it deleted that no notice told (0: never)");
    }

    /** A sink's keys, after the connector's settings. */
    static ConfigDef defineSink(ConfigDef settings) {
        return common(settings)
                .define(
                        ENTITY,
                        ConfigDef.Type.STRING,
                        ConfigDef.Importance.HIGH,
                        "The entity the records are written to, e.g. salesOrders (salesOrders@COMPANY for a further"
                                + " company)");
    }

    /**
     * A source's adapter keys as Connect parses them: typed, with the defaults {@link #defineSource} gives (one place
     * for them), the connector's own settings left to its spec.
     */
    static AbstractConfig source(Map<String, String> properties) {
        return new AbstractConfig(defineSource(new ConfigDef()), properties, false);
    }

    /** A sink's adapter keys as Connect parses them, with the defaults {@link #defineSink} gives. */
    static AbstractConfig sink(Map<String, String> properties) {
        return new AbstractConfig(defineSink(new ConfigDef()), properties, false);
    }

    /** Whether records go through the default mappings. */
    static boolean mapped(AbstractConfig config) {
        return !RAW.equals(config.getString(RECORDS));
    }

    /** This task's share of the account's request budget. */
    static double taskBudgetShare(Map<String, String> properties) {
        return Double.parseDouble(properties.getOrDefault(TASK_BUDGET_SHARE, "1.0"));
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
