package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Any connector of ours as a Kafka Connect source: its settings are the configuration (validated by the connector's
 * own rules), and its work units (entity × company) that read are spread round-robin over the tasks.
 */
public final class IpaasSourceConnector extends SourceConnector {
    private Map<String, String> properties;
    private List<String> units;
    private double budgetShare;

    @Override
    public void start(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
        AbstractConfig adapter = AdapterConfig.source(properties);
        this.budgetShare = adapter.getDouble(AdapterConfig.BUDGET_SHARE);
        ConnectorFactory factory = AdapterConfig.factory(properties);
        SettingsSpec spec = factory.settings();
        try (Connector connector = factory.open(
                spec.parse(SettingsConfigDef.settings(spec, properties)),
                new UnitContext(properties.get(AdapterConfig.SUBSCRIPTION)))) {
            this.units = SourceUnits.toRead(connector, adapter.getList(AdapterConfig.UNITS));
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return IpaasSourceTask.class;
    }

    /** Each task gets every n-th unit; never more tasks than units. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int tasks = Math.max(1, Math.min(maxTasks, units.size()));
        List<List<String>> assigned = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            assigned.add(new ArrayList<>());
        }
        for (int i = 0; i < units.size(); i++) {
            assigned.get(i % tasks).add(units.get(i));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> share : assigned) {
            Map<String, String> config = new LinkedHashMap<>(properties);
            config.put(AdapterConfig.TASK_UNITS, String.join(",", share));
            // the tasks may run on as many workers: each keeps to its part of the account's budget
            config.put(AdapterConfig.TASK_BUDGET_SHARE, String.valueOf(budgetShare / tasks));
            configs.add(config);
        }
        return configs;
    }

    /**
     * Supported: a task read again from a committed offset reads the same records from there (or newer versions of
     * them), so a worker that commits offsets with the records in one transaction delivers each exactly once.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {
        // nothing held: each task opens its own connection
    }

    @Override
    public ConfigDef config() {
        // the factory is known only once configured; Connect asks for the definition with the configuration
        return AdapterConfig.defineSource(new ConfigDef());
    }

    /** Connect's checks, then the connector's own (cross-field rules included), each on its key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigCheck.validate(connectorConfigs, false);
    }

    @Override
    public String version() {
        return IpaasSourceConnector.class.getPackage().getImplementationVersion() == null
                ? "1.0.0-SNAPSHOT"
                : IpaasSourceConnector.class.getPackage().getImplementationVersion();
    }
}
