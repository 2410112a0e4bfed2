package io.ipaas.kafkaconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source side against the Business Central sandbox, with Connect's own interfaces and a map standing in for the
 * offset topic: every unit's records arrive keyed by BC id, a task started again from an offset committed mid-batch
 * reads that batch again and loses nothing, and the connector spreads units over tasks and validates with the
 * connector's own rules.
 */
class IpaasSourceTaskTest {
    private static final String CLIENT_ID = "3f1e5d7c-9b2a-4c6e-8a0d-1b3c5e7f9a24";
    private static final String SECRET = "kafka-connect-secret-5d2e";
    private static BcSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(230)
                .customers(20)
                .client(CLIENT_ID, SECRET)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, String> config(String units) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(AdapterConfig.FACTORY, "io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory");
        config.put(AdapterConfig.SUBSCRIPTION, "bc-test");
        config.put(AdapterConfig.TOPIC_PREFIX, "bc.");
        config.put(AdapterConfig.BATCH, "50");
        config.put("apiUrl", sandbox.baseUri().toString());
        config.put("authorityUrl", sandbox.baseUri().toString());
        config.put("tenantId", sandbox.tenantId());
        config.put("environment", sandbox.environment());
        config.put("companyName", sandbox.defaultCompany().name());
        config.put("clientId", CLIENT_ID);
        config.put("clientSecret", SECRET);
        config.put("pageSize", "50");
        config.put(AdapterConfig.RECORDS, AdapterConfig.RAW);
        if (units != null) {
            config.put(AdapterConfig.TASK_UNITS, units);
        }
        return config;
    }

    /** The offset topic: what Connect committed, by source partition. */
    private static final class Offsets implements OffsetStorageReader {
        final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return committed.get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
            partitions.forEach(p -> found.put(p, committed.get(p)));
            return found;
        }
    }

    private static IpaasSourceTask task(Map<String, String> config, Offsets offsets) {
        return task(config, offsets, new IpaasSourceTask());
    }

    private static IpaasSourceTask task(Map<String, String> config, Offsets offsets, IpaasSourceTask task) {
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return offsets;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        task.start(config);
        return task;
    }

    /** Polls until a round brings nothing. */
    private static List<SourceRecord> drain(IpaasSourceTask task) {
        List<SourceRecord> all = new ArrayList<>();
        for (List<SourceRecord> batch = task.poll(); batch != null; batch = task.poll()) {
            all.addAll(batch);
        }
        return all;
    }

    @Test
    void everyUnitArrivesKeyedByItsRemoteIdOnItsTopic() {
        IpaasSourceTask task = task(config("items,customers"), new Offsets());
        List<SourceRecord> records = drain(task);
        task.stop();
        Set<String> items = new HashSet<>();
        Set<String> customers = new HashSet<>();
        for (SourceRecord record : records) {
            (record.topic().equals("bc.items") ? items : customers).add((String) record.key());
            assertTrue(record.topic().equals("bc.items") || record.topic().equals("bc.customers"), record.topic());
        }
        assertEquals(230, items.size());
        assertEquals(20, customers.size());
        assertEquals(250, records.size(), "each record once");
    }

    @Test
    void reconciliationTombstonesTheKeysOnTheTopicThatBusinessCentralNoLongerHas() {
        java.util.UUID added = sandbox.createItem(BcSandbox.CRONUS_USA);
        Map<String, String> config = config("items");
        config.put(AdapterConfig.KAFKA_BOOTSTRAP, "kafka:9092");
        config.put(AdapterConfig.RECONCILE_INTERVAL, "1");
        Set<String> onTopic = new HashSet<>();
        IpaasSourceTask task = task(config, new Offsets(), new IpaasSourceTask(bootstrap -> new LiveKeys() {
            @Override
            public Set<String> of(String topic) {
                assertEquals("bc.items", topic);
                return onTopic;
            }

            @Override
            public void close() {}
        }));
        drain(task).forEach(r -> onTopic.add((String) r.key()));
        assertTrue(onTopic.contains(added.toString()), "read the added item");
        onTopic.add("00000000-0000-0000-0000-00000000dead"); // on the topic, never in BC any more
        sandbox.deleteItem(BcSandbox.CRONUS_USA, added);
        List<SourceRecord> tombstones = null;
        for (int i = 0; i < 5 && tombstones == null; i++) {
            tombstones = task.poll();
        }
        task.stop();
        assertTrue(tombstones != null, "reconciliation found the deletes");
        Set<String> deleted = new HashSet<>();
        tombstones.forEach(r -> {
            assertEquals(null, r.value(), "a tombstone");
            assertEquals("bc.items", r.topic());
            deleted.add((String) r.key());
        });
        assertEquals(Set.of(added.toString(), "00000000-0000-0000-0000-00000000dead"), deleted);
    }

    @Test
    void mappedRecordsAreTheDefaultMappingsPlatformRecordsOnTheMappingsTopic() {
        Map<String, String> config = config("items");
        config.remove(AdapterConfig.RECORDS);
        IpaasSourceTask task = task(config, new Offsets());
        List<SourceRecord> records = drain(task);
        task.stop();
        assertEquals(230, records.size());
        SourceRecord first = records.get(0);
        assertEquals("bc.bc-items-to-products", first.topic());
        Map<?, ?> product = (Map<?, ?>) first.value();
        assertTrue(product.containsKey("sku") && product.containsKey("name"), "a platform product: " + product);
        assertTrue(!product.containsKey("displayName"), "not BC's fields: " + product);
    }

    @Test
    void aTaskStartedAgainFromAnOffsetCommittedMidBatchReadsThatBatchAgainAndLosesNothing() {
        Offsets offsets = new Offsets();
        IpaasSourceTask first = task(config("items"), offsets);
        List<SourceRecord> before = new ArrayList<>();
        before.addAll(first.poll());
        before.addAll(first.poll());
        first.stop();
        // Connect had the first 70 records acknowledged (a batch and a part) and committed their offset, then died
        SourceRecord acknowledged = before.get(69);
        offsets.committed.put(acknowledged.sourcePartition(), (Map<String, Object>) acknowledged.sourceOffset());
        IpaasSourceTask second = task(config("items"), offsets);
        List<SourceRecord> after = drain(second);
        second.stop();
        Set<String> seen = new HashSet<>();
        before.subList(0, 70).forEach(r -> seen.add((String) r.key()));
        after.forEach(r -> seen.add((String) r.key()));
        assertEquals(230, seen.size(), "no item lost");
        assertEquals(230 - 50, after.size(), "the second batch is read again whole, the first not");
    }

    @Test
    void theConnectorSpreadsUnitsOverTasksAndValidatesWithTheConnectorsRules() {
        IpaasSourceConnector connector = new IpaasSourceConnector();
        connector.start(config(null));
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(3, tasks.size());
        Set<String> units = new HashSet<>();
        tasks.forEach(t -> units.addAll(List.of(t.get(AdapterConfig.TASK_UNITS).split(","))));
        assertTrue(
                units.contains("items") && units.contains("customers") && units.contains("companies"),
                units.toString());
        int total = tasks.stream()
                .mapToInt(t -> t.get(AdapterConfig.TASK_UNITS).split(",").length)
                .sum();
        assertEquals(units.size(), total, "each unit in one task");

        Map<String, String> chosen = config(null);
        chosen.put(AdapterConfig.UNITS, "items, customers");
        IpaasSourceConnector two = new IpaasSourceConnector();
        two.start(chosen);
        assertEquals(2, two.taskConfigs(5).size(), "never more tasks than the units chosen");
        chosen.put(AdapterConfig.UNITS, "items, sprockets");
        org.apache.kafka.common.config.ConfigException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.kafka.common.config.ConfigException.class, () -> new IpaasSourceConnector().start(chosen));
        assertTrue(
                unknown.getMessage().contains("sprockets")
                        && unknown.getMessage().contains("customers"),
                unknown.getMessage());

        Map<String, String> bad = config(null);
        bad.put("environment", "not an environment!");
        Config validated = connector.validate(bad);
        ConfigValue environment = validated.configValues().stream()
                .filter(v -> v.name().equals("environment"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                environment.errorMessages().get(0).contains("letters, digits"),
                environment.errorMessages().toString());
        Map<String, String> noticesAlone = config(null);
        noticesAlone.put(AdapterConfig.NOTICES_TOPIC, "ipaas.notices");
        ConfigValue bootstrap = connector.validate(noticesAlone).configValues().stream()
                .filter(v -> v.name().equals(AdapterConfig.KAFKA_BOOTSTRAP))
                .findFirst()
                .orElseThrow();
        assertTrue(
                bootstrap.errorMessages().get(0).contains("ipaas.notices"),
                bootstrap.errorMessages().toString());
        Config good = connector.validate(config(null));
        assertTrue(good.configValues().stream().allMatch(v -> v.errorMessages().isEmpty()));
        ConfigValue secret = good.configValues().stream()
                .filter(v -> v.name().equals("clientSecret"))
                .findFirst()
                .orElseThrow();
        assertTrue(String.valueOf(secret.value()).contains("[hidden]"), "Connect masks the secret: " + secret.value());
    }
}
