package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records a sync computes from whole sets rather than reads one by one (relationships from contacts, the company
 * hierarchy from customer cards): each sync computes them once, in an order that matters (parents first), and hands
 * them out {@code maxRecords} at a time. The checkpoint holds the sync's start and how many were handed out; a
 * resumed sync computes them again and skips that many, and the next sync computes everything anew, so a change
 * between a crash and its resume is caught by the next sync at the latest.
 */
abstract class GroupedSnapshotPoller implements PollSource {
    /** One computed record or one that could not be (a cycle, a missing parent). */
    record Item(String key, Map<String, Object> fields, String problem, String raw) {
        static Item ok(String key, Map<String, Object> fields) {
            return new Item(key, fields, null, null);
        }

        static Item rejected(String key, String problem, String raw) {
            return new Item(key, null, problem, raw);
        }
    }

    private final String entity;
    private final Clock clock;
    private final RequestCounters counters;
    private Instant computedFor;
    private List<Item> computed;

    GroupedSnapshotPoller(String entity, Clock clock, RequestCounters counters) {
        this.entity = entity;
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * Reads what the records are computed from and computes them, in the order they are to be handed out.
     *
     * @param started when the sync began (the same on a resumed sync), for anything that depends on the day
     */
    abstract List<Item> compute(Instant started);

    @Override
    public PollBatch poll(PollRequest request) {
        return PollSource.collect(this, request);
    }

    @Override
    public synchronized PollBatch stream(PollRequest request, Consumer<Record> records) {
        Checkpoint from = request.from();
        Instant started;
        int done = 0;
        if (!from.isInitial() && from.values().get("startedAt") instanceof String text) {
            started = Instant.parse(text);
            done = ((Number) from.values().getOrDefault("done", 0)).intValue();
        } else {
            started = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        }
        if (computed == null || !started.equals(computedFor)) {
            computed = compute(started);
            computedFor = started;
        }
        int end = Math.min(computed.size(), done + request.maxRecords());
        List<RejectedRecord> rejected = new ArrayList<>();
        for (Item item : computed.subList(Math.min(done, computed.size()), end)) {
            if (item.problem() != null) {
                rejected.add(new RejectedRecord(item.key(), item.problem(), item.raw()));
            } else {
                records.accept(Record.handOver(
                        entity,
                        item.key(),
                        Operation.UPSERT,
                        item.fields(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty()));
            }
        }
        counters.add(RequestCounters.RECORDS_READ, end - Math.min(done, computed.size()) - rejected.size());
        counters.add(RequestCounters.RECORDS_REJECTED, rejected.size());
        if (end < computed.size()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("startedAt", started.toString());
            values.put("done", end);
            return new PollBatch(List.of(), rejected, new Checkpoint(BcCheckpoint.FORMAT, values), true);
        }
        computed = null;
        return new PollBatch(
                List.of(),
                rejected,
                new Checkpoint(
                        BcCheckpoint.FORMAT,
                        Map.of(
                                "finishedAt",
                                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString())),
                false);
    }
}
