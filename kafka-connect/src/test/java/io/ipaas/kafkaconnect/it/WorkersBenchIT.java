package io.ipaas.kafkaconnect.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.BcSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark of issue 17, not a test: the same sandbox and data (items in two companies, each a unit) pulled by
 * the harness ({@code pull}, mapped and stored in SQLite) and by the connector on Kafka Connect with one and with two
 * workers (mapped, exactly-once, to Kafka), in records per second, the harness being the ratio's floor. Run with
 * {@code mvn -q -pl kafka-connect verify -Dbench -Dit.test=WorkersBenchIT} after {@code mvn -q -DskipTests package};
 * {@code -Dbench.items=N} sets the items per company (default 20000). A first Connect run warms the worker's JVM and
 * is not counted; the harness's times are those it prints (its pull, without its JVM's start).
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class WorkersBenchIT {
    private static final String CLIENT_ID = "b3d5f7a9-2c4e-4a6b-8d0f-1a3c5e7b9d42";
    private static final String SECRET = "bench-workers-secret-4e2a";
    private static final String CANADA = "CRONUS Canada";

    @Test
    void recordsPerSecondHarnessOneWorkerTwoWorkers() throws Exception {
        int items = Integer.getInteger("bench.items", 20_000);
        try (BcSandbox sandbox = BcSandbox.builder()
                        .items(items)
                        .canadaItems(items)
                        .client(CLIENT_ID, SECRET)
                        .build()
                        .start();
                KafkaAndWorkers cluster = KafkaAndWorkers.start(true)) {
            double harness = harness(sandbox);
            cluster.startWorker();
            // a first run warms the worker's JVM (class loading, JIT), as the harness's JVM is not: not counted
            connect(cluster, sandbox, "warm", 2L * items);
            double one = connect(cluster, sandbox, "one", 2L * items);
            cluster.startWorker();
            double two = connect(cluster, sandbox, "two", 2L * items);
            System.out.printf(
                    Locale.ROOT,
                    "bench workers: items=%d per company, 2 units; harness=%.0f records/s; connect one worker=%.0f"
                            + " records/s (%.2f x harness); two workers=%.0f records/s (%.2f x harness)%n",
                    items,
                    harness,
                    one,
                    one / harness,
                    two,
                    two / harness);
        }
    }

    private static Map<String, String> settings(BcSandbox sandbox) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("apiUrl", sandbox.baseUri().toString());
        settings.put("authorityUrl", sandbox.baseUri().toString());
        settings.put("tenantId", sandbox.tenantId());
        settings.put("environment", sandbox.environment());
        settings.put("companyName", sandbox.defaultCompany().name());
        settings.put("clientId", CLIENT_ID);
        settings.put("clientSecret", SECRET);
        return settings;
    }

    /** The harness's own pull of both units, one after the other, as its printed times say. */
    private static double harness(BcSandbox sandbox) throws Exception {
        Path jar = Path.of(System.getProperty("user.dir"))
                .resolveSibling("host-harness")
                .resolve("target/host-harness.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the harness first: mvn -q -DskipTests package (" + jar + ")");
        }
        Path home = Files.createTempDirectory("bench-harness");
        Map<String, Object> settings = new LinkedHashMap<>(settings(sandbox));
        settings.put("companies", List.of(CANADA));
        Path file = home.resolve("settings.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(settings));
        String subscribed = run(jar, home, "subscribe", "dynamics365", "--settings", file.toString());
        Matcher id = Pattern.compile("subscription (\\S+)").matcher(subscribed);
        if (!id.find()) {
            throw new IllegalStateException("no subscription in: " + subscribed);
        }
        long records = 0;
        double seconds = 0;
        for (String unit : List.of("items", "items@" + CANADA)) {
            String pulled = run(jar, home, "pull", id.group(1), unit, "--full");
            Matcher m =
                    Pattern.compile("(\\d+) records received.*, ([0-9.]+) s").matcher(pulled);
            if (!m.find()) {
                throw new IllegalStateException("no result in: " + pulled);
            }
            records += Long.parseLong(m.group(1));
            seconds += Double.parseDouble(m.group(2));
        }
        System.out.printf(Locale.ROOT, "harness: %d records in %.2f s%n", records, seconds);
        return records / seconds;
    }

    private static String run(Path jar, Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--home",
                home.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    /** From the connector's creation until every record is on its topics (read committed). */
    private static double connect(KafkaAndWorkers cluster, BcSandbox sandbox, String run, long expected)
            throws Exception {
        Map<String, String> config = new LinkedHashMap<>(settings(sandbox));
        config.put("ipaas.factory.class", "io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory");
        config.put("companies", CANADA);
        config.put("connector.class", "io.ipaas.kafkaconnect.IpaasSourceConnector");
        config.put("tasks.max", "2");
        config.put("exactly.once.support", "required");
        config.put("ipaas.subscription", "bench-" + run);
        config.put("ipaas.units", "items,items@" + CANADA);
        config.put("topic.prefix", run + ".");
        List<String> topics = List.of(run + ".bc-items-to-products", run + ".bc-items-to-products_CRONUS_Canada");
        for (String topic : topics) {
            cluster.createTopic(topic, 1);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    topics.stream().map(t -> new TopicPartition(t, 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            cluster.putConnector("bench-" + run, config);
            long seen = 0;
            long deadline = start + Duration.ofMinutes(10).toNanos();
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(run + ": " + seen + " of " + expected + " records in 10 minutes; "
                            + cluster.status("bench-" + run));
                }
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "connect %s: %d records in %.2f s%n", run, seen, seconds);
            cluster.deleteConnector("bench-" + run);
            return seen / seconds;
        }
    }
}
