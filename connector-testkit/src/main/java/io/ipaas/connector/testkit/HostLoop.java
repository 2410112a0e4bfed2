package io.ipaas.connector.testkit;

import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The host's poll → store → commit loop, as the harness runs it: a batch's checkpoint is committed only after its
 * records were handed to the store, and it is committed through the host's JSON round trip ({@link HostJson}), so
 * the next poll sees what a restarted host would read back.
 *
 * <p>Every batch is checked as the host would rely on it: at most {@code maxRecords} records, each naming the
 * polled entity, with JSON field values and (for a single key field) a key equal to that field; a next checkpoint
 * that is JSON, carries a format number and moves when more is promised. A sync ({@link #drain}) that has not
 * ended after {@code maxPolls} polls fails with how many polls and records it saw. Violations are
 * {@link AssertionError}s.
 *
 * <p>It polls through {@link PollSource#stream}, as the harness does, and counts the records handed over during the
 * call with those of the returned batch; {@link #plain} makes a loop that calls {@link PollSource#poll} instead.
 */
public final class HostLoop {
    private static final int UNBOUNDED_POLLS = 10_000;

    private PollSource source;
    private final Optional<EntityDescriptor> entity;
    private final int maxRecords;
    private final int maxPolls;
    private final List<RejectedRecord> rejected = new ArrayList<>();
    private Checkpoint committed = Checkpoint.initial();
    private int batches;
    private boolean plain;

    /** A loop that checks batches but not the entity name or key field, and allows up to 10,000 polls a sync. */
    public HostLoop(PollSource source, int maxRecords) {
        this(source, Optional.empty(), maxRecords, UNBOUNDED_POLLS);
    }

    /**
     * A loop for one entity.
     *
     * @param entity whose name and key fields every record must match
     * @param maxRecords the batch size the host asks for
     * @param maxPolls how many polls one sync ({@link #drain}) may take before the loop gives up
     */
    public HostLoop(PollSource source, EntityDescriptor entity, int maxRecords, int maxPolls) {
        this(source, Optional.of(entity), maxRecords, maxPolls);
    }

    private HostLoop(PollSource source, Optional<EntityDescriptor> entity, int maxRecords, int maxPolls) {
        this.source = Objects.requireNonNull(source, "source");
        this.entity = entity;
        this.maxRecords = maxRecords;
        this.maxPolls = maxPolls;
    }

    /**
     * One sync: polls until the source has nothing more, storing then committing each batch.
     *
     * @return every record of this sync, in order
     */
    public List<Record> drain(Consumer<List<Record>> store) {
        List<Record> all = new ArrayList<>();
        int polls = 0;
        boolean more = true;
        while (more) {
            if (polls == maxPolls) {
                throw new AssertionError(name() + ": the sync had not ended after " + polls + " polls and " + all.size()
                        + " records (maxRecords " + maxRecords + "); hasMore must become false");
            }
            PollBatch batch = poll();
            polls++;
            store.accept(batch.records());
            all.addAll(batch.records());
            commit(batch);
            more = batch.hasMore();
        }
        return all;
    }

    /**
     * One poll that is stored and committed, for a caller that steps through a sync itself.
     *
     * @return whether the source has more
     */
    public boolean pollAndCommit(Consumer<List<Record>> store) {
        PollBatch batch = poll();
        store.accept(batch.records());
        commit(batch);
        return batch.hasMore();
    }

    /**
     * One poll that "crashes" before anything is stored or committed: the records are lost with the process, and the
     * next poll starts again from the last committed checkpoint.
     *
     * @return the records that were lost, for the caller's own checks
     */
    public List<Record> pollWithoutCommit() {
        return poll().records();
    }

    /** Polls through {@link PollSource#poll} instead of {@link PollSource#stream} from now on. */
    public HostLoop plain() {
        this.plain = true;
        return this;
    }

    /** Continues with another source, as a restarted host does with a freshly opened connector. */
    public void resumeWith(PollSource next) {
        this.source = Objects.requireNonNull(next, "next");
    }

    /** The last committed checkpoint, as the host read it back. */
    public Checkpoint committed() {
        return committed;
    }

    /** Committed batches so far, across syncs. */
    public int batches() {
        return batches;
    }

    /** Records the source rejected so far (the host quarantines them), across syncs. */
    public List<RejectedRecord> rejected() {
        return List.copyOf(rejected);
    }

    private PollBatch poll() {
        Checkpoint from = committed;
        String where = name() + " batch " + (batches + 1);
        PollBatch batch;
        try {
            PollRequest request = PollRequest.from(from, maxRecords);
            batch = plain ? source.poll(request) : PollSource.collect(source, request);
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError(
                    where + ": poll from " + describe(from) + " threw " + e + "; a poll reads its checkpoint as the"
                            + " host's JSON store gives it back and reports failures as a ConnectorException",
                    e);
        }
        if (batch.records().size() > maxRecords) {
            throw new AssertionError(where + " holds " + batch.records().size() + " records"
                    + (plain ? "" : " (those handed over while streaming and those returned)")
                    + " but maxRecords was " + maxRecords);
        }
        for (Record record : batch.records()) {
            check(record, where);
        }
        Checkpoint next = batch.next();
        if (next.format() == 0 && !next.isInitial()) {
            throw new AssertionError(where + " proposed a checkpoint with format 0 and values " + next.values()
                    + "; format 0 is reserved for the initial checkpoint, give the layout a version");
        }
        HostJson.requireJson(next.values(), where + " checkpoint.values");
        if (batch.hasMore() && next.equals(from)) {
            throw new AssertionError(where + " says hasMore but proposed the checkpoint it was polled from ("
                    + from.values() + "), so the next poll would repeat it forever");
        }
        return batch;
    }

    private void check(Record record, String where) {
        entity.ifPresent(descriptor -> {
            if (!record.entity().equals(descriptor.name())) {
                throw new AssertionError(where + ": record " + record.key() + " names entity '" + record.entity()
                        + "' instead of '" + descriptor.name() + "'");
            }
            if (descriptor.keyFields().size() == 1 && record.operation() == Operation.UPSERT) {
                String keyField = descriptor.keyFields().get(0);
                Object value = record.fields().get(keyField);
                if (value == null || !String.valueOf(value).equals(record.key())) {
                    throw new AssertionError(where + ": record key '" + record.key() + "' differs from its key field "
                            + keyField + " = " + value);
                }
            }
        });
        HostJson.requireJson(record.fields(), where + ": record " + record.key() + " fields");
    }

    private void commit(PollBatch batch) {
        rejected.addAll(batch.rejected());
        committed = HostJson.roundTrip(batch.next(), name() + " batch " + (batches + 1) + " checkpoint");
        batches++;
    }

    private static String describe(Checkpoint checkpoint) {
        if (checkpoint.isInitial()) {
            return "the initial checkpoint";
        }
        StringBuilder text = new StringBuilder("checkpoint format " + checkpoint.format() + " {");
        checkpoint
                .values()
                .forEach((key, value) -> text.append(key)
                        .append('=')
                        .append(value)
                        .append(value == null ? "" : " (" + value.getClass().getSimpleName() + ")")
                        .append(", "));
        return text.append('}').toString().replace(", }", "}");
    }

    private String name() {
        return entity.map(EntityDescriptor::name).orElse("poll");
    }
}
