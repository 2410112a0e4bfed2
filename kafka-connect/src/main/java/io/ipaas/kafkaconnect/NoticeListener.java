package io.ipaas.kafkaconnect;

import java.time.Duration;
import java.util.List;
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
 * is read by the task's first round anyway), no consumer group, nothing committed. A notice is a wake-up only; the
 * data is always read from the remote system.
 */
final class NoticeListener implements AutoCloseable {
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
            throw new ConnectException(AdapterConfig.NOTICES_BOOTSTRAP + " is empty; name the Kafka cluster of "
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

    /** Waits at most {@code limit} for notices; true when one of them is for a unit of this task. */
    boolean awaitNotice(Duration limit) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            try {
                boolean mine = false;
                for (ConsumerRecord<String, String> record : consumer.poll(limit)) {
                    mine |= record.key() != null && units.contains(record.key());
                }
                return mine;
            } catch (WakeupException e) {
                return false;
            }
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
