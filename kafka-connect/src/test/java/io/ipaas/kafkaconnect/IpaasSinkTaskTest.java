package io.ipaas.kafkaconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.Item;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink side against the Business Central sandbox with Connect's own interfaces: platform orders mapped by the
 * default mapping and written in batches, the same records handed again writing nothing twice, refused records to the
 * dead-letter queue with why, throttling as a retriable failure.
 */
class IpaasSinkTaskTest {
    private static final String CLIENT_ID = "8d2f4a6c-1e3b-4d5f-9a7c-2b4d6f8a0c13";
    private static final String SECRET = "kafka-sink-secret-7c1a";
    private static BcSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(40)
                .customers(5)
                .client(CLIENT_ID, SECRET)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Map<String, String> config(BcSandbox sandbox, String clientId, String secret) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(AdapterConfig.FACTORY, "io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory");
        config.put(AdapterConfig.SUBSCRIPTION, "bc-sink-test");
        config.put(AdapterConfig.ENTITY, "salesOrders");
        config.put("apiUrl", sandbox.baseUri().toString());
        config.put("authorityUrl", sandbox.baseUri().toString());
        config.put("tenantId", sandbox.tenantId());
        config.put("environment", sandbox.environment());
        config.put("companyName", sandbox.defaultCompany().name());
        config.put("clientId", clientId);
        config.put("clientSecret", secret);
        return config;
    }

    /** Platform orders as the default mapping reads them, each with one line of an item BC sells. */
    static List<Map<String, Object>> orders(BcSandbox sandbox, String prefix, int count) {
        String customer = (String)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("number");
        List<String> skus = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .map(Item::number)
                .limit(10)
                .toList();
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("externalNumber", prefix + i);
            order.put("customerNumber", customer);
            order.put("lines", List.of(Map.of("type", "item", "sku", skus.get(i % skus.size()), "quantity", 2)));
            orders.add(order);
        }
        return orders;
    }

    /** The dead-letter queue: what was reported, with why. */
    private static final class Queue implements ErrantRecordReporter {
        final Map<SinkRecord, Throwable> reported = new LinkedHashMap<>();

        @Override
        public Future<Void> report(SinkRecord record, Throwable error) {
            reported.put(record, error);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static IpaasSinkTask task(Map<String, String> config, ErrantRecordReporter reporter) {
        IpaasSinkTask task = new IpaasSinkTask();
        task.initialize(new SinkTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public void offset(Map<TopicPartition, Long> offsets) {}

            @Override
            public void offset(TopicPartition tp, long offset) {}

            @Override
            public void timeout(long timeoutMs) {}

            @Override
            public Set<TopicPartition> assignment() {
                return Set.of(new TopicPartition("platform.orders", 0));
            }

            @Override
            public void pause(TopicPartition... partitions) {}

            @Override
            public void resume(TopicPartition... partitions) {}

            @Override
            public void requestCommit() {}

            @Override
            public ErrantRecordReporter errantRecordReporter() {
                return reporter;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        task.start(config);
        return task;
    }

    private static List<SinkRecord> records(List<Map<String, Object>> values, long firstOffset) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> value = new HashMap<>(values.get(i));
            records.add(new SinkRecord(
                    "platform.orders", 0, null, value.get("externalNumber"), null, value, firstOffset + i));
        }
        return records;
    }

    private static long ordersNumbered(String prefix) {
        var orders = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "salesOrders");
        long count = 0;
        for (long p = orders.next(0); p >= 0; p = orders.next(p + 1)) {
            Object number = orders.row(p).get("externalDocumentNumber");
            if (number instanceof String text && text.startsWith(prefix)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void ordersAreMappedAndWrittenInBatchesAndRecordsHandedAgainWriteNothingTwice() {
        Map<String, String> config = config(sandbox, CLIENT_ID, SECRET);
        config.put(AdapterConfig.BATCH, "7");
        Queue queue = new Queue();
        IpaasSinkTask task = task(config, queue);
        List<SinkRecord> records = records(orders(sandbox, "KC-", 25), 0);
        task.put(records);
        assertEquals(25, ordersNumbered("KC-"));
        // a worker died before committing the offsets: the next task is handed the same records
        task.put(records.subList(10, 25));
        task.stop();
        assertEquals(25, ordersNumbered("KC-"), "none created twice");
        assertEquals(0, sandbox.duplicateSalesOrders());
        assertTrue(queue.reported.isEmpty(), queue.reported.toString());
    }

    @Test
    void refusedRecordsGoToTheDeadLetterQueueWithWhyAndTheRestIsWritten() {
        Queue queue = new Queue();
        IpaasSinkTask task = task(config(sandbox, CLIENT_ID, SECRET), queue);
        List<Map<String, Object>> orders = orders(sandbox, "DLQ-", 4);
        orders.get(1).remove("customerNumber");
        orders.get(2).put("lines", List.of(Map.of("type", "item", "sku", "NO-SUCH-SKU", "quantity", 1)));
        List<SinkRecord> records = records(orders, 100);
        records.add(new SinkRecord("platform.orders", 0, null, "x", null, "not an object", 104));
        task.put(records);
        task.stop();
        assertEquals(2, ordersNumbered("DLQ-"));
        assertEquals(3, queue.reported.size(), queue.reported.toString());
        Map<Long, String> why = new HashMap<>();
        queue.reported.forEach((record, error) -> why.put(record.kafkaOffset(), error.getMessage()));
        assertTrue(why.get(101L).contains("customerNumber"), why.toString());
        assertTrue(why.get(102L).contains("NO-SUCH-SKU"), why.toString());
        assertTrue(why.get(104L).contains("not a record"), why.toString());

        IpaasSinkTask strict = task(config(sandbox, CLIENT_ID, SECRET), null);
        ConnectException stopped = assertThrows(ConnectException.class, () -> strict.put(records.subList(1, 2)));
        strict.stop();
        assertTrue(stopped.getMessage().contains("errors.tolerance=all"), stopped.getMessage());
    }

    @Test
    void throttlingIsRetriableAndTheRecordsHandedAgainAreWrittenOnce() {
        IpaasSinkTask task = task(config(sandbox, CLIENT_ID, SECRET), new Queue());
        List<SinkRecord> records = records(orders(sandbox, "THR-", 3), 200);
        sandbox.faults().failNext(50, 429);
        assertThrows(RetriableException.class, () -> task.put(records));
        sandbox.faults().clear();
        task.put(records);
        task.stop();
        assertEquals(3, ordersNumbered("THR-"));
    }
}
