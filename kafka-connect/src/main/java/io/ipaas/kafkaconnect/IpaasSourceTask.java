package io.ipaas.kafkaconnect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.entity.RecordKeys;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingDirection;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import io.ipaas.mappings.PreparedMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Reads its share of work units in turn, a batch per poll. A unit's checkpoint is its source offset, and only the
 * last record of a batch carries the batch's next checkpoint (the others carry the one the batch was read from): an
 * offset Connect commits after part of a batch was acknowledged makes a restarted task read that batch again, never
 * skip its rest. Records are keyed by the remote key (a compacted topic keeps the latest); deletes are tombstones;
 * records the connector could not read, or a mapping could not map, go to the unit's {@code .rejected} topic with why.
 * With {@code ipaas.records=mapped} (the default) each record goes through each of the connector's default inbound
 * mappings of its entity to that mapping's topic ({@code bc.bc-items-to-products}); an entity without one, or
 * {@code ipaas.records=raw}, sends the records as read to the unit's topic ({@code bc.items}).
 */
public final class IpaasSourceTask extends SourceTask {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final System.Logger LOG = System.getLogger(IpaasSourceTask.class.getName());

    private final Function<String, LiveKeys> liveKeysFactory;
    private Connector connector;
    private long pollIntervalMillis;
    private NoticeListener notices;
    private long reconcileNanos;
    private LiveKeys liveKeys;

    public IpaasSourceTask() {
        this(TopicKeys::new);
    }

    /** A task that finds the keys on its topics with {@code liveKeys} (given the Kafka cluster's address). */
    IpaasSourceTask(Function<String, LiveKeys> liveKeys) {
        this.liveKeysFactory = liveKeys;
    }

    private final List<UnitReader> readers = new ArrayList<>();
    private int next;
    private int batch;
    private volatile boolean stopping;

    /** One unit: where it reads from, where its records go, where it stands. */
    private static final class UnitReader {
        final String unit;
        final PollSource source;
        final Map<String, String> partition;
        /** The unit's topic: raw records, and with {@code .rejected} those that could not be read or mapped. */
        final String topic;
        /** Empty for raw records; otherwise each record goes through each mapping to the mapping's topic. */
        final List<Mapped> mappings;
        /** Where its records go: the mappings' topics, or the unit's own for raw records. */
        final List<String> recordTopics;
        /** Lists the remote keys, when the connector can: for reconciliation. */
        final Optional<RecordKeys> keys;
        /** Keys to tombstone before anything else: named by delete notices, or gone at reconciliation. */
        final Set<String> tombstones = new LinkedHashSet<>();

        Checkpoint checkpoint;
        boolean done;
        long reconciledAt = System.nanoTime();

        UnitReader(
                String unit,
                PollSource source,
                Map<String, String> partition,
                String topic,
                List<Mapped> mappings,
                Optional<RecordKeys> keys) {
            this.keys = keys;
            this.unit = unit;
            this.source = source;
            this.partition = partition;
            this.topic = topic;
            this.mappings = mappings;
            this.recordTopics = mappings.isEmpty()
                    ? List.of(topic)
                    : mappings.stream().map(Mapped::topic).toList();
        }
    }

    /** A default mapping of the unit's entity, and the topic of its platform records. */
    private record Mapped(PreparedMapping mapping, String topic) {}

    /** A record to send, before its offset is known. */
    private record Out(String topic, String key, Object value) {}

    @Override
    public void start(Map<String, String> properties) {
        ConnectorFactory factory = AdapterConfig.factory(properties);
        SettingsSpec spec = factory.settings();
        AbstractConfig adapter = AdapterConfig.source(properties);
        String subscription = adapter.getString(AdapterConfig.SUBSCRIPTION);
        this.batch = adapter.getInt(AdapterConfig.BATCH);
        this.pollIntervalMillis = adapter.getLong(AdapterConfig.POLL_INTERVAL);
        Map<String, Object> settings = SettingsConfigDef.settings(spec, properties);
        this.connector = factory.open(
                spec.parse(settings), new UnitContext(subscription, AdapterConfig.taskBudgetShare(properties)));
        Map<String, Object> variables = Map.of("settings", SettingsConfigDef.visible(spec, settings));
        boolean mapped = AdapterConfig.mapped(adapter);
        String prefix = adapter.getString(AdapterConfig.TOPIC_PREFIX);
        List<MappingCollection> defaults = mapped ? DefaultCollections.all(factory) : List.of();
        for (String id : properties.getOrDefault(AdapterConfig.TASK_UNITS, "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            WorkUnit unit = connector.workUnit(id);
            PollSource source = connector
                    .entity(unit)
                    .pollSource()
                    .orElseThrow(() -> new ConnectException("work unit " + id + " cannot be read"));
            List<Mapped> mappings = new ArrayList<>();
            if (mapped) {
                // a further company's records go to its own topic of the mapping: bc.bc-items-to-products_CRONUS_Canada
                for (MappingCollection collection :
                        DefaultCollections.of(defaults, unit.entity(), MappingDirection.INBOUND)) {
                    mappings.add(new Mapped(
                            MappingEngine.prepare(collection, variables),
                            topic(prefix, unit.qualified(collection.name()))));
                }
            }
            UnitReader reader = new UnitReader(
                    id,
                    source,
                    partition(subscription, id),
                    topic(prefix, id),
                    mappings,
                    connector.entity(unit).keys());
            reader.checkpoint = committed(reader.partition);
            LOG.log(
                    System.Logger.Level.INFO,
                    "{0}: {1}",
                    id,
                    reader.checkpoint.equals(Checkpoint.initial())
                            ? "no committed offset, reading from the start"
                            : "reading on from the committed offset");
            readers.add(reader);
        }
        String kafka = adapter.getString(AdapterConfig.KAFKA_BOOTSTRAP);
        String topic = adapter.getString(AdapterConfig.NOTICES_TOPIC);
        if (!topic.isBlank()) {
            this.notices = NoticeListener.start(
                    kafka, topic, readers.stream().map(r -> r.unit).toList());
        }
        this.reconcileNanos = adapter.getLong(AdapterConfig.RECONCILE_INTERVAL) * 1_000_000;
        if (reconcileNanos > 0 && readers.stream().anyMatch(r -> r.keys.isPresent())) {
            if (kafka.isBlank()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0}: deletes no notice told are not found: set {1} to reconcile",
                        subscription,
                        AdapterConfig.KAFKA_BOOTSTRAP);
            } else {
                this.liveKeys = liveKeysFactory.apply(kafka);
            }
        }
    }

    /**
     * A unit's source partition, its fields always in the same order: Connect finds a committed offset by the
     * partition's serialised bytes, and {@code Map.of} iterates in an order that changes from JVM to JVM, so a worker
     * started again would miss the offset about half the time and read the unit from the start.
     */
    static Map<String, String> partition(String subscription, String unit) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("subscription", subscription);
        partition.put("unit", unit);
        return java.util.Collections.unmodifiableMap(partition);
    }

    /** A Kafka topic name: the prefix and the unit id, characters Kafka refuses as '_'. */
    static String topic(String prefix, String unit) {
        return (prefix + unit).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private Checkpoint committed(Map<String, String> partition) {
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        if (offset == null || offset.get("checkpoint") == null) {
            return Checkpoint.initial();
        }
        try {
            return new Checkpoint(
                    ((Number) offset.get("format")).intValue(), JSON.readValue((String) offset.get("checkpoint"), MAP));
        } catch (JsonProcessingException e) {
            throw new ConnectException("the committed offset of " + partition + " is not a checkpoint", e);
        }
    }

    private static Map<String, Object> offset(Checkpoint checkpoint) {
        try {
            Map<String, Object> offset = new LinkedHashMap<>();
            offset.put("format", checkpoint.format());
            offset.put("checkpoint", JSON.writeValueAsString(checkpoint.values()));
            return offset;
        } catch (JsonProcessingException e) {
            throw new ConnectException("a checkpoint that is not JSON", e);
        }
    }

    /** The next unit's next batch; null once every unit has read what there is (Connect polls again). */
    @Override
    public List<SourceRecord> poll() {
        for (UnitReader reader : readers) {
            if (!reader.tombstones.isEmpty()) {
                return tombstones(reader);
            }
        }
        for (int tried = 0; tried < readers.size() && !stopping; tried++) {
            UnitReader reader = readers.get(next);
            next = (next + 1) % readers.size();
            if (reader.done) {
                continue;
            }
            PollBatch page = read(reader);
            List<SourceRecord> records = records(reader, page);
            reader.checkpoint = page.next();
            reader.done = !page.hasMore();
            if (!records.isEmpty()) {
                return records;
            }
        }
        if (readers.stream().allMatch(r -> r.done)) {
            // read up to now: find deletes nobody told, then read what changed since, after the interval or a notice
            readers.forEach(r -> r.done = false);
            if (reconcileDue()) {
                return null;
            }
            pause();
        }
        return null;
    }

    /** One batch; a failure that may pass is retried by Connect, one a person must fix stops the task saying so. */
    private PollBatch read(UnitReader reader) {
        try {
            return reader.source.poll(PollRequest.from(reader.checkpoint, batch));
        } catch (ConnectorException e) {
            if (e.kind().retryable()) {
                throw new RetriableException(reader.unit + ": " + e.getMessage(), e);
            }
            throw new ConnectException(reader.unit + ": " + e.kind() + ": " + e.getMessage(), e);
        }
    }

    /** Tombstones for the keys the unit has waiting, on each topic its records go to; the offset stays. */
    private List<SourceRecord> tombstones(UnitReader reader) {
        Map<String, Object> offset = offset(reader.checkpoint);
        List<SourceRecord> records = new ArrayList<>();
        for (String key : reader.tombstones) {
            for (String topic : reader.recordTopics) {
                records.add(
                        new SourceRecord(reader.partition, offset, topic, null, Schema.STRING_SCHEMA, key, null, null));
            }
        }
        reader.tombstones.clear();
        return records;
    }

    /**
     * Compares, for each unit due, the keys live on its topic (read first) with those the remote lists (after): a key
     * on the topic the remote no longer has was deleted there. A listing that fails deletes nothing.
     *
     * @return whether tombstones are waiting
     */
    private boolean reconcileDue() {
        if (liveKeys == null) {
            return false;
        }
        boolean found = false;
        for (UnitReader reader : readers) {
            if (reader.keys.isEmpty() || System.nanoTime() - reader.reconciledAt < reconcileNanos || stopping) {
                continue;
            }
            reader.reconciledAt = System.nanoTime();
            try {
                // every record topic of the unit holds the same keys: the first tells
                Set<String> gone = new HashSet<>(liveKeys.of(reader.recordTopics.get(0)));
                reader.keys.get().forEach(gone::remove);
                reader.tombstones.addAll(gone);
                found |= !gone.isEmpty();
                LOG.log(
                        System.Logger.Level.INFO,
                        "{0}: reconciled, {1} deleted remotely without a notice",
                        reader.unit,
                        gone.size());
            } catch (ConnectorException | RetriableException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0}: not reconciled, nothing deleted: {1}",
                        reader.unit,
                        e.getMessage());
            }
        }
        return found;
    }

    private List<SourceRecord> records(UnitReader reader, PollBatch page) {
        List<Out> out = new ArrayList<>(page.records().size() * Math.max(1, reader.mappings.size()));
        for (Record record : page.records()) {
            boolean delete = record.operation() == Operation.DELETE;
            if (reader.mappings.isEmpty()) {
                out.add(new Out(reader.topic, record.key(), delete ? null : ConnectValues.of(record.fields())));
                continue;
            }
            for (Mapped mapped : reader.mappings) {
                if (delete) {
                    out.add(new Out(mapped.topic(), record.key(), null));
                    continue;
                }
                try {
                    out.add(new Out(
                            mapped.topic(),
                            record.key(),
                            ConnectValues.of(mapped.mapping().apply(record.fields()))));
                } catch (MappingException e) {
                    out.add(new Out(
                            reader.topic + ".rejected",
                            record.key(),
                            Map.of(
                                    "reason",
                                    "mapping " + mapped.mapping().collection().name() + ": " + e.getMessage(),
                                    "raw",
                                    ConnectValues.of(record.fields()))));
                }
            }
        }
        for (RejectedRecord rejected : page.rejected()) {
            out.add(new Out(
                    reader.topic + ".rejected",
                    rejected.key(),
                    Map.of("reason", rejected.reason(), "raw", rejected.raw())));
        }
        Map<String, Object> from = offset(reader.checkpoint);
        Map<String, Object> to = offset(page.next());
        List<SourceRecord> records = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            Out o = out.get(i);
            records.add(new SourceRecord(
                    reader.partition,
                    i == out.size() - 1 ? to : from,
                    o.topic(),
                    null,
                    Schema.STRING_SCHEMA,
                    o.key(),
                    null,
                    o.value()));
        }
        return records;
    }

    /**
     * Waits the poll interval between rounds, in short steps so a stop is not delayed; a notice for one of this
     * task's units (from the webhook relay's topic) ends the wait at once.
     */
    private void pause() {
        long until = System.nanoTime() + pollIntervalMillis * 1_000_000;
        try {
            while (!stopping && System.nanoTime() < until) {
                long step = Math.min(100, pollIntervalMillis);
                if (notices != null) {
                    List<NoticeListener.Notice> arrived = notices.awaitNotices(java.time.Duration.ofMillis(step));
                    for (NoticeListener.Notice notice : arrived) {
                        if (notice.type().equals("DELETED") && notice.key().isPresent()) {
                            readers.stream()
                                    .filter(r -> r.unit.equals(notice.unit()))
                                    .forEach(r -> r.tombstones.add(notice.key().get()));
                        }
                    }
                    if (!arrived.isEmpty()) {
                        return;
                    }
                } else {
                    Thread.sleep(step);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (notices != null) {
            notices.close();
        }
        if (liveKeys != null) {
            liveKeys.close();
        }
        if (connector != null) {
            connector.close();
        }
    }

    @Override
    public String version() {
        return new IpaasSourceConnector().version();
    }
}
