package io.ipaas.kafkaconnect.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

/**
 * A real Kafka broker (KRaft, one combined node, from Kafka's own test kit) and real distributed Connect workers, all
 * in the test JVM, with the adapter's assembled plugin directory as the workers' {@code plugin.path}: what a user runs,
 * started and stopped by a test.
 */
final class KafkaAndWorkers implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KafkaClusterTestKit kafka;
    private final List<Connect<DistributedHerder>> workers = new ArrayList<>();
    private final boolean exactlyOnce;

    private KafkaAndWorkers(KafkaClusterTestKit kafka, boolean exactlyOnce) {
        this.kafka = kafka;
        this.exactlyOnce = exactlyOnce;
    }

    /** Starts the broker; workers come with {@link #startWorker()}. */
    static KafkaAndWorkers start(boolean exactlyOnce) throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return new KafkaAndWorkers(kafka, exactlyOnce);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The assembled plugin directory, as {@code mvn package} leaves it (the zip's content). */
    static Path pluginPath() {
        String path = System.getProperty("ipaas.plugin.path");
        if (path == null || !Files.isDirectory(Path.of(path))) {
            throw new IllegalStateException(
                    "run through 'mvn verify' (failsafe): the plugin directory is assembled in 'package'; got " + path);
        }
        return Path.of(path);
    }

    /** Starts one more worker of the group; returns its index. */
    int startWorker() {
        Connect<DistributedHerder> worker =
                new ConnectDistributed().startConnect(workerConfig("ipaas-connect", "http://127.0.0.1:0"));
        workers.add(worker);
        return workers.size() - 1;
    }

    /**
     * A distributed worker's configuration: a group of its own (its config, offset and status topics named after
     * it), the assembled plugin directory as plugin.path, JSON values without schemas, exactly-once when asked.
     */
    Map<String, String> workerConfig(String group, String listener) {
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("group.id", group);
        String topics = group.equals("ipaas-connect") ? "connect" : group;
        config.put("config.storage.topic", topics + "-configs");
        config.put("offset.storage.topic", topics + "-offsets");
        config.put("status.storage.topic", topics + "-status");
        config.put("config.storage.replication.factor", "1");
        config.put("offset.storage.replication.factor", "1");
        config.put("status.storage.replication.factor", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("listeners", listener);
        config.put("plugin.path", pluginPath().toString());
        config.put("plugin.discovery", "service_load");
        config.put("offset.flush.interval.ms", "500");
        // a stopped worker's tasks move at once, not after the default five minutes
        config.put("scheduled.rebalance.max.delay.ms", "0");
        config.put("task.shutdown.graceful.timeout.ms", "3000");
        // a killed worker is noticed in seconds
        config.put("session.timeout.ms", "3000");
        config.put("heartbeat.interval.ms", "1000");
        if (exactlyOnce) {
            config.put("exactly.once.source.support", "enabled");
        }
        return config;
    }

    void stopWorker(int index) {
        Connect<DistributedHerder> worker = workers.get(index);
        worker.stop();
        worker.awaitStop();
        workers.set(index, null);
    }

    /** The index of the worker whose REST address is {@code host:port}, as Connect's status names it; or -1. */
    int workerIndex(String workerId) {
        for (int i = 0; i < workers.size(); i++) {
            Connect<DistributedHerder> worker = workers.get(i);
            if (worker != null) {
                URI url = worker.rest().serverUrl();
                if (workerId.equals(url.getHost() + ":" + url.getPort())) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The index of a running worker. */
    int anyWorker() {
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i) != null) {
                return i;
            }
        }
        throw new IllegalStateException("no worker runs");
    }

    /** Creates a topic with this many partitions (one replica: one broker). */
    void createTopic(String name, int partitions) throws Exception {
        kafka.admin()
                .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions, (short) 1)))
                .all()
                .get();
    }

    /** PUT /connectors/NAME/config on a given worker's REST address. */
    static void putConnector(URI rest, String name, Map<String, String> config)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/config"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    private URI rest() {
        return workers.stream()
                .filter(w -> w != null)
                .findFirst()
                .orElseThrow()
                .rest()
                .serverUrl();
    }

    /** PUT /connectors/NAME/config on a running worker, as a user would. */
    void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        putConnector(rest(), name, config);
    }

    /** DELETE /connectors/NAME. */
    void deleteConnector(String name) throws IOException, InterruptedException {
        HTTP.send(
                HttpRequest.newBuilder(rest().resolve("/connectors/" + name))
                        .DELETE()
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The connector's and its tasks' states, with the trace of any that failed. */
    String status(String connector) {
        try {
            return get("/connectors/" + connector + "/status");
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e + ")";
        }
    }

    /** Fails at once, with the trace, when the connector or a task of it has failed. */
    void assertNotFailed(String connector) {
        String status = status(connector);
        if (status.contains("\"FAILED\"")) {
            throw new AssertionError(connector + " failed: " + status);
        }
    }

    String get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(rest().resolve(path))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Every committed record of the topic from its start to its end now, as its key and value. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return all; // not created yet
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // up to the end as of now (the last stable offset: read committed), not until the topic falls quiet
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** Writes records to a topic, keyed, and waits for the broker's acknowledgement. */
    void produce(String topic, Map<String, String> keyedValues) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (Map.Entry<String, String> entry : keyedValues.entrySet()) {
                producer.send(new ProducerRecord<>(topic, entry.getKey(), entry.getValue()));
            }
            producer.flush();
        }
    }

    /** Waits for the condition, at most {@code limit}; fails saying what it waited for. */
    static void await(Supplier<String> what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what.get());
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i) != null) {
                stopWorker(i);
            }
        }
        kafka.close();
    }
}
