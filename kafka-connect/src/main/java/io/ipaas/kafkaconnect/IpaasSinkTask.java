package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingDirection;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import io.ipaas.mappings.PreparedMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Writes the records Connect hands it to one entity with the connector's writer, a batch per call.
 *
 * <p>Connect commits a partition's offset only after {@code put} returned, so a record is acknowledged only once the
 * remote system has it. A worker that dies before the commit hands the records to the next task again; every record
 * goes to the writer as one that may have been written before, and the writer (idempotent on the record's key)
 * finds it instead of creating it twice. A record the remote system refuses, or one the mapping cannot map, goes to
 * the dead-letter queue with why; a failure that may pass (throttling, a timeout) makes Connect hand the same records
 * again after a pause; a failure only a person can fix (credentials, settings) stops the task saying so.
 */
public final class IpaasSinkTask extends SinkTask {
    private Connector connector;
    private EntityWriter writer;
    private String entity;
    private Optional<PreparedMapping> mapping = Optional.empty();
    private int batch;
    private ErrantRecordReporter reporter;

    @Override
    public void start(Map<String, String> properties) {
        ConnectorFactory factory = AdapterConfig.factory(properties);
        SettingsSpec spec = factory.settings();
        Map<String, Object> settings = SettingsConfigDef.settings(spec, properties);
        AbstractConfig adapter = AdapterConfig.sink(properties);
        this.batch = adapter.getInt(AdapterConfig.BATCH);
        this.connector = factory.open(
                spec.parse(settings),
                new UnitContext(properties.get(AdapterConfig.SUBSCRIPTION), AdapterConfig.taskBudgetShare(properties)));
        String id = properties.get(AdapterConfig.ENTITY);
        WorkUnit unit = connector.workUnit(id);
        this.entity = unit.entity();
        this.writer = connector
                .entity(unit)
                .writer()
                .orElseThrow(() -> new ConnectException(AdapterConfig.ENTITY + ": " + id + " cannot be written"));
        if (AdapterConfig.mapped(adapter)) {
            List<MappingCollection> outbound = DefaultCollections.of(factory, unit.entity(), MappingDirection.OUTBOUND);
            if (outbound.isEmpty()) {
                throw new ConnectException(AdapterConfig.ENTITY + ": the connector has no default mapping that writes "
                        + unit.entity() + "; set " + AdapterConfig.RECORDS + "=raw to write records as they are");
            }
            this.mapping = Optional.of(MappingEngine.prepare(
                    outbound.get(0), Map.of("settings", SettingsConfigDef.visible(spec, settings))));
        }
        this.reporter = errantRecordReporter();
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<SinkRecord> all = new ArrayList<>(records);
        for (int from = 0; from < all.size(); from += batch) {
            write(all.subList(from, Math.min(all.size(), from + batch)));
        }
    }

    private void write(List<SinkRecord> records) {
        List<OutboundRecord> outbound = new ArrayList<>(records.size());
        List<SinkRecord> sent = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            if (record.value() == null) {
                continue; // a tombstone: nothing to write (deletes are not written through a sink)
            }
            try {
                outbound.add(outbound(record));
                sent.add(record);
            } catch (DataException e) {
                refuse(record, e);
            }
        }
        if (outbound.isEmpty()) {
            return;
        }
        List<WriteOutcome> outcomes;
        try {
            outcomes = writer.write(outbound);
        } catch (ConnectorException e) {
            throw failure(e);
        }
        if (outcomes.size() != outbound.size()) {
            throw new ConnectException("the connector's writer answered " + outcomes.size() + " outcomes for "
                    + outbound.size() + " records; a connector bug");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Optional<ConnectorException> failure = outcomes.get(i).failure();
            if (failure.isPresent()) {
                if (failure.get().kind() == ErrorKind.DATA) {
                    refuse(sent.get(i), new DataException(failure.get().getMessage(), failure.get()));
                } else {
                    // the rest of the batch was written; handing it all again finds those, and writes this one
                    throw failure(failure.get());
                }
            }
        }
    }

    /** A record as the writer takes it: mapped by the default mapping, or its fields as they are. */
    @SuppressWarnings("unchecked")
    private OutboundRecord outbound(SinkRecord record) {
        if (!(record.value() instanceof Map<?, ?> value)) {
            throw new DataException(where(record) + ": the value is not a record (a JSON object) but "
                    + record.value().getClass().getSimpleName()
                    + "; use a converter that reads objects (JsonConverter with schemas.enable=false)");
        }
        Map<String, Object> fields = (Map<String, Object>) value;
        if (mapping.isEmpty()) {
            String key = record.key() != null
                    ? String.valueOf(record.key())
                    : record.topic() + "-" + record.kafkaPartition() + "-" + record.kafkaOffset();
            return new OutboundRecord(entity, key, fields, Optional.empty(), false);
        }
        PreparedMapping prepared = mapping.get();
        String key = MappingEngine.recordId(prepared.collection(), fields);
        if (key.equals("?")) {
            throw new DataException(
                    where(record) + ": no '" + prepared.collection().keyField() + "', the key field of mapping '"
                            + prepared.collection().name() + "'");
        }
        try {
            return new OutboundRecord(entity, key, prepared.apply(fields), Optional.empty(), false);
        } catch (MappingException e) {
            throw new DataException(where(record) + " (" + key + "): " + e.getMessage(), e);
        }
    }

    private static String where(SinkRecord record) {
        return record.topic() + "[" + record.kafkaPartition() + "]@" + record.kafkaOffset();
    }

    /** To the dead-letter queue when the connector has one (errors.tolerance=all); otherwise the task stops. */
    private void refuse(SinkRecord record, DataException why) {
        if (reporter == null) {
            throw new ConnectException(
                    why.getMessage() + " (set errors.tolerance=all and errors.deadletterqueue.topic.name to carry on"
                            + " past refused records)",
                    why);
        }
        try {
            // wait for the queue's acknowledgement: the record's offset may be committed right after put returns
            reporter.report(record, why).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while sending a refused record to the dead-letter queue", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ConnectException("could not send a refused record to the dead-letter queue", e.getCause());
        }
    }

    /** Retry later for what may pass; stop, saying what to fix, for everything else. */
    private RuntimeException failure(ConnectorException e) {
        if (e.kind().retryable()) {
            long wait = e.retryAfter().map(Duration::toMillis).orElse(1_000L);
            context.timeout(Math.max(100, wait));
            return new RetriableException(e.getMessage(), e);
        }
        return new ConnectException(e.kind() + ": " + e.getMessage(), e);
    }

    @Override
    public void stop() {
        if (connector != null) {
            connector.close();
        }
    }

    @Override
    public String version() {
        return new IpaasSourceConnector().version();
    }
}
