package io.ipaas.kafkaconnect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Reads its share of work units in turn, a batch per poll. A unit's checkpoint is its source offset, and only the
 * last record of a batch carries the batch's next checkpoint (the others carry the one the batch was read from): an
 * offset Connect commits after part of a batch was acknowledged makes a restarted task read that batch again, never
 * skip its rest. Records are keyed by the remote key (a compacted topic keeps the latest); deletes are tombstones;
 * records the connector could not read go to the unit's {@code .rejected} topic with why.
 */
public final class IpaasSourceTask extends SourceTask {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Connector connector;
    private final List<UnitReader> readers = new ArrayList<>();
    private int next;
    private int batch;
    private volatile boolean stopping;

    /** One unit: where it reads from, where its records go, where it stands. */
    private static final class UnitReader {
        final String unit;
        final PollSource source;
        final Map<String, String> partition;
        final String topic;
        Checkpoint checkpoint;
        boolean done;

        UnitReader(String unit, PollSource source, Map<String, String> partition, String topic) {
            this.unit = unit;
            this.source = source;
            this.partition = partition;
            this.topic = topic;
        }
    }

    @Override
    public void start(Map<String, String> properties) {
        ConnectorFactory factory = AdapterConfig.factory(properties);
        SettingsSpec spec = factory.settings();
        String subscription = properties.get(AdapterConfig.SUBSCRIPTION);
        this.batch = Integer.parseInt(properties.getOrDefault(AdapterConfig.BATCH, "2000"));
        this.connector =
                factory.open(spec.parse(SettingsConfigDef.settings(spec, properties)), new UnitContext(subscription));
        String prefix = properties.getOrDefault(AdapterConfig.TOPIC_PREFIX, "");
        for (String id : properties.getOrDefault(AdapterConfig.TASK_UNITS, "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            WorkUnit unit = connector.workUnit(id);
            PollSource source = connector
                    .entity(unit)
                    .pollSource()
                    .orElseThrow(() -> new ConnectException("work unit " + id + " cannot be read"));
            UnitReader reader =
                    new UnitReader(id, source, Map.of("subscription", subscription, "unit", id), topic(prefix, id));
            reader.checkpoint = committed(reader.partition);
            readers.add(reader);
        }
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
        for (int tried = 0; tried < readers.size() && !stopping; tried++) {
            UnitReader reader = readers.get(next);
            next = (next + 1) % readers.size();
            if (reader.done) {
                continue;
            }
            PollBatch page = reader.source.poll(PollRequest.from(reader.checkpoint, batch));
            List<SourceRecord> records = records(reader, page);
            reader.checkpoint = page.next();
            reader.done = !page.hasMore();
            if (!records.isEmpty()) {
                return records;
            }
        }
        if (readers.stream().allMatch(r -> r.done)) {
            // read up to now: the next poll reads what changed since (a webhook wake-up is the next slice)
            readers.forEach(r -> r.done = false);
            pause();
        }
        return null;
    }

    private List<SourceRecord> records(UnitReader reader, PollBatch page) {
        List<SourceRecord> records =
                new ArrayList<>(page.records().size() + page.rejected().size());
        Map<String, Object> from = offset(reader.checkpoint);
        Map<String, Object> to = offset(page.next());
        List<Record> read = page.records();
        for (int i = 0; i < read.size(); i++) {
            Record record = read.get(i);
            boolean last = i == read.size() - 1 && page.rejected().isEmpty();
            records.add(new SourceRecord(
                    reader.partition,
                    last ? to : from,
                    reader.topic,
                    null,
                    Schema.STRING_SCHEMA,
                    record.key(),
                    null,
                    record.operation() == Operation.DELETE ? null : ConnectValues.of(record.fields())));
        }
        for (int i = 0; i < page.rejected().size(); i++) {
            RejectedRecord rejected = page.rejected().get(i);
            boolean last = i == page.rejected().size() - 1;
            records.add(new SourceRecord(
                    reader.partition,
                    last ? to : from,
                    reader.topic + ".rejected",
                    null,
                    Schema.STRING_SCHEMA,
                    rejected.key(),
                    null,
                    Map.of("reason", rejected.reason(), "raw", rejected.raw())));
        }
        return records;
    }

    /** A short, interruptible wait between rounds, so an idle task neither spins nor delays a stop. */
    private void pause() {
        try {
            for (int i = 0; i < 10 && !stopping; i++) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (connector != null) {
            connector.close();
        }
    }

    @Override
    public String version() {
        return new IpaasSourceConnector().version();
    }
}
