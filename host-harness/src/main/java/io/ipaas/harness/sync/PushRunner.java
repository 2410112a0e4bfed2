package io.ipaas.harness.sync;

import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.harness.store.Store;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import io.ipaas.mappings.PreparedMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pushes platform records: maps each with the outbound collection, lets the connector's writer check and write them
 * in chunks, and stores every outcome as it comes (the remote key and version of a written record; a failed one kept
 * in the outbox with its error and the record as given, to be pushed again). A dry run maps and checks only.
 */
public final class PushRunner {
    /** Records handed to the writer at once; the writer splits them into its own requests. */
    public static final int CHUNK = 1000;

    private final Store store;
    private final String subscriptionId;
    /** The unit's id: what the outbox and the push links are kept under. */
    private final String entity;
    /** The connector's name of the entity, which the outbound records carry. */
    private final String remoteEntity;

    private final PreparedMapping mapping;

    /**
     * @param mapping the outbound collection, prepared with the host's variables
     */
    public PushRunner(Store store, String subscriptionId, String entity, PreparedMapping mapping) {
        this(store, subscriptionId, WorkUnit.of("", entity, true), mapping);
    }

    /** Pushes to one work unit, e.g. the sales orders of a further company. */
    public PushRunner(Store store, String subscriptionId, WorkUnit unit, PreparedMapping mapping) {
        this.store = store;
        this.subscriptionId = subscriptionId;
        this.entity = unit.id();
        this.remoteEntity = unit.entity();
        this.mapping = mapping;
    }

    /** What happened to one platform record. */
    public record Result(
            String key,
            Optional<Map<String, Object>> payload,
            Optional<String> remoteKey,
            Optional<ConnectorException> connectorFailure,
            Optional<String> mappingFailure) {
        public boolean succeeded() {
            return connectorFailure.isEmpty() && mappingFailure.isEmpty();
        }

        public String failure() {
            return mappingFailure.orElseGet(() ->
                    connectorFailure.map(e -> e.kind() + ": " + e.getMessage()).orElse(""));
        }
    }

    /** Maps and checks each record, writing nothing anywhere. */
    public List<Result> dryRun(List<Map<String, Object>> records, EntityWriter writer) {
        List<Result> results = new ArrayList<>();
        for (Map<String, Object> record : records) {
            Mapped mapped = map(record);
            if (mapped.failure != null) {
                results.add(new Result(
                        mapped.key, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(mapped.failure)));
            } else {
                results.add(new Result(
                        mapped.key,
                        Optional.of(mapped.outbound.fields()),
                        Optional.empty(),
                        writer.validate(mapped.outbound),
                        Optional.empty()));
            }
        }
        return results;
    }

    /** Maps, writes and stores each outcome; {@code each} sees every result as it is stored. */
    public List<Result> push(List<Map<String, Object>> records, EntityWriter writer, Consumer<Result> each) {
        List<Result> results = new ArrayList<>();
        for (int from = 0; from < records.size(); from += CHUNK) {
            List<Map<String, Object>> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
            List<Result> chunkResults = pushChunk(chunk, writer);
            chunkResults.forEach(each);
            results.addAll(chunkResults);
        }
        return results;
    }

    private List<Result> pushChunk(List<Map<String, Object>> records, EntityWriter writer) {
        Result[] results = new Result[records.size()];
        List<OutboundRecord> outbound = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Mapped mapped = map(records.get(i));
            if (mapped.failure != null) {
                results[i] = new Result(
                        mapped.key, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(mapped.failure));
            } else {
                outbound.add(mapped.outbound);
                positions.add(i);
            }
        }
        outbound = markSending(outbound, records, positions);
        List<WriteOutcome> outcomes = outbound.isEmpty() ? List.of() : writer.write(outbound);
        if (outcomes.size() != outbound.size()) {
            throw new IllegalStateException("the writer returned " + outcomes.size() + " outcomes for "
                    + outbound.size() + " records; a plugin bug");
        }
        // the version each written record now has, by input position
        String[] versions = new String[records.size()];
        for (int j = 0; j < outcomes.size(); j++) {
            WriteOutcome outcome = outcomes.get(j);
            int i = positions.get(j);
            versions[i] = outcome.version().orElse(null);
            results[i] = new Result(
                    outbound.get(j).idempotencyKey(),
                    Optional.of(outbound.get(j).fields()),
                    outcome.remoteKey(),
                    outcome.failure(),
                    Optional.empty());
        }
        store.inTransaction(tx -> {
            for (int i = 0; i < results.length; i++) {
                Result result = results[i];
                if (result.succeeded()) {
                    tx.pushed(
                            subscriptionId,
                            entity,
                            result.key(),
                            result.remoteKey().orElse(""),
                            versions[i]);
                } else {
                    String kind = result.mappingFailure().isPresent()
                            ? "MAPPING"
                            : result.connectorFailure().get().kind().name();
                    tx.quarantineOutbound(subscriptionId, entity, result.key(), kind, result.failure(), records.get(i));
                }
            }
        });
        return List.of(results);
    }

    /**
     * Records, in one transaction, that these records are being handed to the writer, and tells the writer which of
     * them no writer ever saw (those cannot exist remotely, so it may skip its duplicate lookup).
     */
    private List<OutboundRecord> markSending(
            List<OutboundRecord> outbound, List<Map<String, Object>> records, List<Integer> positions) {
        if (outbound.isEmpty()) {
            return outbound;
        }
        Set<String> seen = store.seenByWriter(
                subscriptionId,
                entity,
                outbound.stream().map(OutboundRecord::idempotencyKey).toList());
        store.inTransaction(tx -> {
            for (int j = 0; j < outbound.size(); j++) {
                tx.sending(subscriptionId, entity, outbound.get(j).idempotencyKey(), records.get(positions.get(j)));
            }
        });
        List<OutboundRecord> marked = new ArrayList<>(outbound.size());
        Set<String> inThisChunk = new HashSet<>();
        for (OutboundRecord record : outbound) {
            // a key given twice in one chunk: the second is a repeat of the first
            boolean first = !seen.contains(record.idempotencyKey()) && inThisChunk.add(record.idempotencyKey());
            marked.add(new OutboundRecord(
                    record.entity(), record.idempotencyKey(), record.fields(), record.expectedVersion(), first));
        }
        return marked;
    }

    /** A platform record mapped to the connector's fields, or why it could not be. */
    private static final class Mapped {
        String key;
        OutboundRecord outbound;
        String failure;
    }

    private Mapped map(Map<String, Object> record) {
        Mapped mapped = new Mapped();
        mapped.key = MappingEngine.recordId(mapping.collection(), record);
        if (mapped.key.equals("?")) {
            mapped.failure = "the record has no '" + mapping.collection().keyField() + "', the key field of mapping '"
                    + mapping.collection().name() + "'; give every record one";
            mapped.key = "?" + Integer.toHexString(System.identityHashCode(record));
            return mapped;
        }
        try {
            Map<String, Object> fields = mapping.apply(record);
            Optional<String> version =
                    store.pushLink(subscriptionId, entity, mapped.key).flatMap(Store.PushLink::version);
            mapped.outbound = new OutboundRecord(remoteEntity, mapped.key, fields, version);
        } catch (MappingException e) {
            mapped.failure = e.getMessage();
        }
        return mapped;
    }
}
