package io.ipaas.kafkaconnect;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Reads a topic from its start to its end as of now (read committed) and keeps the keys whose last record is not a
 * tombstone: what the platform holds, to compare with the keys the remote system lists. Bounded: a topic not read to
 * its end in the time allowed is reported as a retriable failure, and nothing is deleted.
 */
final class TopicKeys implements LiveKeys {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private final KafkaConsumer<String, byte[]> consumer;

    TopicKeys(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Set<String> of(String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Set<String> live = new HashSet<>();
        if (partitions.isEmpty()) {
            return live;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new RetriableException(
                        "could not read " + topic + " to its end in " + LIMIT.toMinutes() + " minutes to reconcile");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.key() == null) {
                    continue;
                }
                if (record.value() == null) {
                    live.remove(record.key());
                } else {
                    live.add(record.key());
                }
            }
        }
        consumer.unsubscribe();
        return live;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
