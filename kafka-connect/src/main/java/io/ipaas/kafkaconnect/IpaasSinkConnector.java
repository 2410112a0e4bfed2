package io.ipaas.kafkaconnect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Any connector of ours that writes, as a Kafka Connect sink: records of the configured {@code topics} are written to
 * one entity ({@code ipaas.entity}) by the connector's writer, in batches; records it refuses go to Connect's
 * dead-letter queue when {@code errors.tolerance=all} names one, and stop the task otherwise.
 */
public final class IpaasSinkConnector extends SinkConnector {
    private Map<String, String> properties;

    @Override
    public void start(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return IpaasSinkTask.class;
    }

    /** Connect spreads the topics' partitions over the tasks; each task writes its share with the same settings. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        double share = AdapterConfig.sink(properties).getDouble(AdapterConfig.BUDGET_SHARE);
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new LinkedHashMap<>(properties);
            config.put(AdapterConfig.TASK_BUDGET_SHARE, String.valueOf(share / maxTasks));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held: each task opens its own connection
    }

    @Override
    public ConfigDef config() {
        return AdapterConfig.defineSink(new ConfigDef());
    }

    /** Connect's checks, then the connector's own (cross-field rules included), each on its key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigCheck.validate(connectorConfigs, true);
    }

    @Override
    public String version() {
        return new IpaasSourceConnector().version();
    }
}
