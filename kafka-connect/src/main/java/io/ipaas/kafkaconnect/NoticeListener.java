package io.ipaas.kafkaconnect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A source task's view of the notices topic: every partition from its end when the task starts (what changed before
 * is read by the task's first round anyway), no consumer group, nothing committed. A notice is a wake-up, and the
 * data is read from the remote system; a delete notice (checked by the relay with the connector's rules) also names
 * the key to tombstone, and a delete missed while the task was down is found by reconciliation.
 */
final class NoticeListener implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final Set<String> units;
    private final Object lock = new Object();
    private boolean closed;

    private NoticeListener(KafkaConsumer<String, String> consumer, Set<String> units) {
        this.consumer = consumer;
        this.units = units;
    }

    static NoticeListener start(String bootstrapServers, String topic, List<String> units) {
        if (bootstrapServers.isBlank()) {
            throw new ConnectException(AdapterConfig.KAFKA_BOOTSTRAP + " is empty; name the Kafka cluster of "
                    + AdapterConfig.NOTICES_TOPIC + " '" + topic + "' (host:port)");
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new ConnectException(AdapterConfig.NOTICES_TOPIC + ": topic '" + topic
                    + "' does not exist; create it (or start the webhook relay, which writes to it) first");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes the start now, not at the first wait
        return new NoticeListener(consumer, Set.copyOf(units));
    }

    /** A notice for one of this task's units: what changed, and the record's key when the remote said. */
    record Notice(String unit, String type, Optional<String> key) {}

    /** Waits at most {@code limit} for notices; those for this task's units, in order (none when it timed out). */
    List<Notice> awaitNotices(Duration limit) {
        synchronized (lock) {
            if (closed) {
                return List.of();
            }
            try {
                List<Notice> mine = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(limit)) {
                    if (record.key() != null && units.contains(record.key())) {
                        mine.add(notice(record));
                    }
                }
                return mine;
            } catch (WakeupException e) {
                return List.of();
            }
        }
    }

    private static Notice notice(ConsumerRecord<String, String> record) {
        try {
            JsonNode value = JSON.readTree(record.value());
            return new Notice(
                    record.key(),
                    value.path("type").asText("UPDATED"),
                    value.hasNonNull("key") ? Optional.of(value.get("key").asText()) : Optional.empty());
        } catch (JsonProcessingException | RuntimeException e) {
            // a wake-up all the same: the unit is read again, nothing is deleted on its word
            return new Notice(record.key(), "UPDATED", Optional.empty());
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        synchronized (lock) {
            if (!closed) {
                closed = true;
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }
}
