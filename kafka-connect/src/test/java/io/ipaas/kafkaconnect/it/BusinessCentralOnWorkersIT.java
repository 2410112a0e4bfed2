package io.ipaas.kafkaconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The Business Central connector on real Connect workers (exactly-once source support on) over a real KRaft broker:
 * a worker is stopped while items are being read, another is started, and every item is on the topic exactly once
 * (read committed); the same with a worker in its own JVM killed with SIGKILL; a worker is stopped while sales orders are being written, and every order is in Business Central
 * once, the refused one in the dead-letter queue.
 */
class BusinessCentralOnWorkersIT {
    static final String CLIENT_ID = "6a0c2e4f-8b1d-4f3a-9c5e-7d9f1b3a5c71";
    static final String SECRET = "workers-secret-81f3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 5_000;
    private static final int ORDERS = 300;

    private static BcSandbox sandbox;
    private static KafkaAndWorkers cluster;

    @BeforeAll
    static void start() throws Exception {
        sandbox = BcSandbox.builder()
                .items(ITEMS)
                .customers(300)
                .client(CLIENT_ID, SECRET)
                .webhookDelay(Duration.ofMillis(200))
                .build()
                .start();
        cluster = KafkaAndWorkers.start(true);
        cluster.startWorker();
        cluster.startWorker();
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
        // each page takes a while, so the stop lands while items are still being read
        sandbox.faults().slowNext(100_000, Duration.ofMillis(30));
        Map<String, String> config = bcSettings(sandbox);
        config.put("connector.class", "io.ipaas.kafkaconnect.IpaasSourceConnector");
        config.put("tasks.max", "2");
        config.put("exactly.once.support", "required");
        config.put("ipaas.subscription", "bc-workers");
        config.put("ipaas.units", "items,customers");
        config.put("topic.prefix", "bc.");
        config.put("ipaas.records", "raw");
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
        cluster.stopWorker(holder == -1 ? cluster.anyWorker() : holder);
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

    @Test
    void aWorkerKilledMidWayLosesNoItemAndWritesNoneTwice() throws Exception {
        sandbox.faults().slowNext(100_000, Duration.ofMillis(30));
        Map<String, String> config = bcSettings(sandbox);
        config.put("connector.class", "io.ipaas.kafkaconnect.IpaasSourceConnector");
        config.put("tasks.max", "1");
        config.put("exactly.once.support", "required");
        config.put("ipaas.subscription", "bc-killed");
        config.put("ipaas.units", "items");
        config.put("ipaas.records", "raw");
        config.put("topic.prefix", "killed.");
        config.put("pageSize", "50");
        config.put("ipaas.batch.records", "50");
        Map<String, String> worker = cluster.workerConfig("killed-workers", "http://127.0.0.1:0");
        // two kills at random points, the second while the task started again after the first is reading
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        int firstKill = 300 + random.nextInt(2_000);
        int secondKill = firstKill + 400 + random.nextInt(1_500);
        boolean connectorCreated = false;
        for (int kill : List.of(firstKill, secondKill)) {
            int before;
            try (WorkerProcess doomed = WorkerProcess.start(worker)) {
                if (!connectorCreated) {
                    KafkaAndWorkers.putConnector(doomed.rest(), "bc-killed", config);
                    connectorCreated = true;
                }
                KafkaAndWorkers.await(
                        () -> kill + " items on killed.items; the worker said: " + doomed.tail(),
                        Duration.ofSeconds(90),
                        () -> cluster.readAll("killed.items").size() >= kill);
                doomed.kill();
                before = cluster.readAll("killed.items").size();
            }
            assertTrue(before < ITEMS, "the worker was killed mid-way (" + before + " of " + ITEMS + " read)");
            System.out.println("killed a worker (SIGKILL) with " + before + " of " + ITEMS + " on killed.items (seed "
                    + seed + ")");
        }
        try (WorkerProcess second = WorkerProcess.start(worker)) {
            KafkaAndWorkers.await(
                    () -> "all items after the kill; the new worker said: " + second.tail(),
                    Duration.ofSeconds(120),
                    () -> distinctKeys(cluster.readAll("killed.items")) >= ITEMS);
            Thread.sleep(2_000); // the task polls on: a record sent twice would be on the topic by now
            List<ConsumerRecord<String, String>> items = cluster.readAll("killed.items");
            assertEquals(ITEMS, distinctKeys(items), "every item");
            assertEquals(ITEMS, items.size(), "each exactly once, though the worker died inside a transaction");
        }
    }

    @Test
    void aWorkerStoppedMidWayWritesEveryOrderOnceAndTheRefusedOneToTheDeadLetterQueue() throws Exception {
        cluster.createTopic("platform.orders", 2);
        String customer = (String)
                sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers").row(0).get("number");
        String sku = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .findFirst()
                .orElseThrow()
                .number();
        Map<String, String> orders = new LinkedHashMap<>();
        for (int i = 0; i < ORDERS; i++) {
            String number = "W-" + i;
            orders.put(
                    number,
                    "{\"externalNumber\":\"" + number + "\",\"customerNumber\":\""
                            + (i == 7 ? "" : customer) + "\",\"lines\":[{\"type\":\"item\",\"sku\":\"" + sku
                            + "\",\"quantity\":1}]}");
        }
        cluster.produce("platform.orders", orders);

        sandbox.faults().slowNext(100_000, Duration.ofMillis(30));
        Map<String, String> config = bcSettings(sandbox);
        config.put("connector.class", "io.ipaas.kafkaconnect.IpaasSinkConnector");
        config.put("tasks.max", "2");
        config.put("topics", "platform.orders");
        config.put("ipaas.subscription", "bc-orders");
        config.put("ipaas.entity", "salesOrders");
        config.put("ipaas.batch.records", "10");
        config.put("consumer.override.max.poll.records", "20");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "platform.orders.dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        cluster.putConnector("bc-sink", config);

        KafkaAndWorkers.await(
                () -> "the first orders in Business Central; status: " + cluster.status("bc-sink"),
                Duration.ofSeconds(90),
                () -> {
                    cluster.assertNotFailed("bc-sink");
                    return ordersIn("W-") >= 60;
                });
        long before = ordersIn("W-");
        cluster.stopWorker(cluster.anyWorker());
        assertTrue(before < ORDERS - 1, "the worker was stopped mid-way (" + before + " orders written)");
        System.out.println("stopped a worker writing orders with " + before + " of " + (ORDERS - 1) + " in BC");
        cluster.startWorker();

        KafkaAndWorkers.await(
                () -> "all orders (" + ordersIn("W-") + " so far); status: " + cluster.status("bc-sink"),
                Duration.ofSeconds(120),
                () -> {
                    cluster.assertNotFailed("bc-sink");
                    return ordersIn("W-") >= ORDERS - 1;
                });
        Thread.sleep(2_000); // a record handed again would have been written by now
        assertEquals(ORDERS - 1, ordersIn("W-"), "every order but the refused one, once");
        assertEquals(0, sandbox.duplicateSalesOrders());
        List<ConsumerRecord<String, String>> refused = cluster.readAll("platform.orders.dlq");
        assertEquals(1, refused.size());
        assertEquals("W-7", refused.get(0).key());
        String why = new String(refused.get(0)
                .headers()
                .lastHeader("__connect.errors.exception.message")
                .value());
        assertTrue(why.contains("customerNumber"), why);
    }

    @Test
    void aChangeBusinessCentralNotifiesReachesTheTopicLongBeforeTheNextPoll() throws Exception {
        cluster.createTopic("ipaas.notices", 1);
        Map<String, String> config = bcSettings(sandbox);
        config.put("connector.class", "io.ipaas.kafkaconnect.IpaasSourceConnector");
        config.put("tasks.max", "1");
        config.put("ipaas.subscription", "bc-notified");
        config.put("companies", "CRONUS Canada");
        config.put("ipaas.units", "customers,items@CRONUS Canada");
        config.put("topic.prefix", "notified.");
        config.put("ipaas.records", "raw");
        config.put("ipaas.poll.interval.ms", "600000"); // ten minutes: only a notice brings the change in time
        config.put("ipaas.reconcile.interval.ms", "2000");
        config.put("ipaas.notices.topic", "ipaas.notices");
        config.put("ipaas.kafka.bootstrap.servers", cluster.bootstrapServers());
        Path file = Files.createTempFile("bc-notified", ".json");
        Files.writeString(file, JSON.writeValueAsString(Map.of("name", "bc-notified", "config", config)));
        try (RelayProcess relay = RelayProcess.start(file, cluster.bootstrapServers())) {
            assertEquals(
                    2,
                    sandbox.subscriptions().ids().size(),
                    "a webhook per unit chosen, in each company: "
                            + sandbox.subscriptions().ids() + "\n" + relay.output());
            cluster.putConnector("bc-notified", config);
            KafkaAndWorkers.await(
                    () -> "the customers; status: " + cluster.status("bc-notified"), Duration.ofSeconds(60), () -> {
                        cluster.assertNotFailed("bc-notified");
                        return cluster.readAll("notified.customers").size() >= 300;
                    });
            Thread.sleep(1_000); // the task has read everything and waits
            var customers = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers");
            java.util.UUID id = java.util.UUID.fromString(
                    String.valueOf(customers.row(customers.next(0)).get("id")));
            long changedAt = System.nanoTime();
            sandbox.touch(BcSandbox.CRONUS_USA, "customers", id);
            KafkaAndWorkers.await(
                    () -> "the changed customer; notices: "
                            + cluster.readAll("ipaas.notices").size() + ", sandbox posts "
                            + sandbox.subscriptions().posts() + "; relay said: " + relay.output(),
                    Duration.ofSeconds(30),
                    () -> cluster.readAll("notified.customers").size() > 300);
            long millis = (System.nanoTime() - changedAt) / 1_000_000;
            System.out.println("a change BC notified was on the topic after " + millis + " ms (poll interval 600 s,"
                    + " BC's notification delay 200 ms here)");
            List<ConsumerRecord<String, String>> customersOnTopic = cluster.readAll("notified.customers");
            assertEquals(
                    id.toString(),
                    customersOnTopic.get(customersOnTopic.size() - 1).key());
            assertEquals(1, cluster.readAll("ipaas.notices").size(), "one notice, keyed by unit");
            assertEquals("customers", cluster.readAll("ipaas.notices").get(0).key());

            // a delete BC notifies is a tombstone at once; reconciliation (every 2 s here, reading the real topic)
            // finds nothing more to delete
            java.util.UUID gone = java.util.UUID.fromString(String.valueOf(
                    customers.row(customers.next(customers.next(0) + 1)).get("id")));
            sandbox.delete(BcSandbox.CRONUS_USA, "customers", gone);
            KafkaAndWorkers.await(
                    () -> "the tombstone; relay said: " + relay.output(),
                    Duration.ofSeconds(30),
                    () -> cluster.readAll("notified.customers").stream()
                            .anyMatch(r -> r.value() == null && r.key().equals(gone.toString())));
            Thread.sleep(5_000);
            List<String> tombstoned = cluster.readAll("notified.customers").stream()
                    .filter(r -> r.value() == null)
                    .map(ConsumerRecord::key)
                    .toList();
            assertTrue(
                    tombstoned.stream().allMatch(gone.toString()::equals),
                    "only the deleted customer was tombstoned: " + tombstoned);
        }
        assertEquals(List.of(), sandbox.subscriptions().ids(), "the relay removed its webhooks when it stopped");
    }

    private static long ordersIn(String prefix) {
        var orders = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "salesOrders");
        long count = 0;
        for (long p = orders.next(0); p >= 0; p = orders.next(p + 1)) {
            if (orders.row(p).get("externalDocumentNumber") instanceof String number && number.startsWith(prefix)) {
                count++;
            }
        }
        return count;
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
