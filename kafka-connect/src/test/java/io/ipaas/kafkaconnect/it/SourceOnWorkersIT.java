package io.ipaas.kafkaconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Business Central connector on two real Connect workers with exactly-once source support: a worker is stopped
 * while items are being read, another is started, and every item is on the topic exactly once (read committed).
 */
class SourceOnWorkersIT {
    static final String CLIENT_ID = "6a0c2e4f-8b1d-4f3a-9c5e-7d9f1b3a5c71";
    static final String SECRET = "workers-secret-81f3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 8_000;

    private static BcSandbox sandbox;
    private static KafkaAndWorkers cluster;

    @BeforeAll
    static void start() throws Exception {
        sandbox = BcSandbox.builder()
                .items(ITEMS)
                .customers(300)
                .client(CLIENT_ID, SECRET)
                .build()
                .start();
        cluster = KafkaAndWorkers.start(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static Map<String, String> bcSettings(BcSandbox sandbox) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("ipaas.factory.class", "io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory");
        config.put("apiUrl", sandbox.baseUri().toString());
        config.put("authorityUrl", sandbox.baseUri().toString());
        config.put("tenantId", sandbox.tenantId());
        config.put("environment", sandbox.environment());
        config.put("companyName", sandbox.defaultCompany().name());
        config.put("clientId", CLIENT_ID);
        config.put("clientSecret", SECRET);
        return config;
    }

    @Test
    void aWorkerStoppedMidWayLosesNoItemAndWritesNoneTwice() throws Exception {
        int first = cluster.startWorker();
        cluster.startWorker();
        // each page takes a while, so the stop lands while items are still being read
        sandbox.faults().slowNext(100_000, Duration.ofMillis(30));
        Map<String, String> config = bcSettings(sandbox);
        config.put("connector.class", "io.ipaas.kafkaconnect.IpaasSourceConnector");
        config.put("tasks.max", "2");
        config.put("exactly.once.support", "required");
        config.put("ipaas.subscription", "bc-workers");
        config.put("topic.prefix", "bc.");
        config.put("pageSize", "50");
        config.put("ipaas.batch.records", "50");
        cluster.putConnector("bc-source", config);

        KafkaAndWorkers.await(
                () -> "the first items on bc.items; status: " + cluster.status("bc-source"),
                Duration.ofSeconds(90),
                () -> {
                    cluster.assertNotFailed("bc-source");
                    return cluster.readAll("bc.items").size() >= 1_000;
                });
        int holder = workerReading("bc-source", "items");
        int before = cluster.readAll("bc.items").size();
        cluster.stopWorker(holder == -1 ? first : holder);
        assertTrue(before < ITEMS, "the worker was stopped mid-way (" + before + " of " + ITEMS + " read)");
        System.out.println("stopped the worker reading items with " + before + " of " + ITEMS + " on bc.items");
        cluster.startWorker();

        KafkaAndWorkers.await(
                () -> "all items; status: " + cluster.status("bc-source"), Duration.ofSeconds(120), () -> {
                    cluster.assertNotFailed("bc-source");
                    return distinctKeys(cluster.readAll("bc.items")) >= ITEMS;
                });
        Thread.sleep(2_000); // the tasks poll on: a record sent twice would be on the topic by now
        List<ConsumerRecord<String, String>> items = cluster.readAll("bc.items");
        assertEquals(ITEMS, distinctKeys(items), "every item");
        assertEquals(ITEMS, items.size(), "each exactly once");
        JsonNode one = JSON.readTree(items.get(0).value());
        assertTrue(one.has("number") && one.has("displayName"), "BC's fields: " + one);
        List<ConsumerRecord<String, String>> customers = cluster.readAll("bc.customers");
        assertEquals(300, distinctKeys(customers));
        assertEquals(300, customers.size());
    }

    /** The worker (its index among those started) running the task that reads the unit, or -1. */
    private static int workerReading(String connector, String unit) throws Exception {
        JsonNode tasks = JSON.readTree(cluster.get("/connectors/" + connector + "/tasks"));
        int task = -1;
        for (JsonNode t : tasks) {
            List<String> units =
                    List.of(t.path("config").path("ipaas.task.units").asText().split(","));
            if (units.contains(unit)) {
                task = t.path("id").path("task").asInt();
            }
        }
        JsonNode status = JSON.readTree(cluster.get("/connectors/" + connector + "/status"));
        for (JsonNode t : status.path("tasks")) {
            if (t.path("id").asInt() == task) {
                return cluster.workerIndex(t.path("worker_id").asText());
            }
        }
        return -1;
    }

    static long distinctKeys(List<ConsumerRecord<String, String>> records) {
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(r -> counts.merge(r.key(), 1, Integer::sum));
        return counts.size();
    }
}
