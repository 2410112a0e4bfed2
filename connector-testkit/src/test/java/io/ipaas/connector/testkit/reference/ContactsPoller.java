package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the contacts change feed. The checkpoint (format 1) holds {@code watermark}, the last sequence number of
 * the last completed sync, and during a sync {@code cursor}, the last sequence number delivered so far.
 */
final class ContactsPoller implements PollSource {
    /** The remote's change feed, as the connector calls it. */
    interface Feed {
        ContactsRemote.Page changesAfter(long after, int limit);
    }

    private static final int FORMAT = 1;

    private final Feed feed;
    private final int pageSize;
    private final Set<Flaw> flaws;
    /** Only for {@link Flaw#SKIPS_A_RECORD_ON_RESUME}: the cursor this instance proposed last. */
    private long lastCursor = -1;

    ContactsPoller(Feed feed, int pageSize, Set<Flaw> flaws) {
        this.feed = feed;
        this.pageSize = pageSize;
        this.flaws = flaws;
    }

    @Override
    public PollBatch poll(PollRequest request) {
        long watermark = number(request.from(), "watermark").orElse(0L);
        Optional<Long> cursor = number(request.from(), "cursor");
        long after = cursor.orElse(watermark);
        if (flaws.contains(Flaw.SKIPS_A_RECORD_ON_RESUME) && cursor.isPresent() && cursor.get() != lastCursor) {
            after++;
        }
        int limit = flaws.contains(Flaw.THREE_TIMES_MAX_RECORDS)
                ? request.maxRecords() * 3
                : Math.min(pageSize, request.maxRecords());
        ContactsRemote.Page page;
        try {
            page = feed.changesAfter(after, limit);
        } catch (ConnectorException e) {
            if (flaws.contains(Flaw.SWALLOWS_TRANSIENT_FAILURES)) {
                return new PollBatch(List.of(), request.from(), false);
            }
            throw e;
        }
        List<Record> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        long last = after;
        for (ContactsRemote.Contact contact : page.contacts()) {
            last = contact.sequence();
            if (contact.id() == null) {
                String reason = "contact at sequence " + contact.sequence() + " has no id";
                if (flaws.contains(Flaw.FAILS_THE_POLL_ON_AN_UNREADABLE_RECORD)) {
                    throw ConnectorException.data("?", reason, null);
                }
                if (!flaws.contains(Flaw.DROPS_UNREADABLE_RECORDS)) {
                    rejected.add(new RejectedRecord("?", reason, contact.toString()));
                }
            } else if (!(contact.deleted() && flaws.contains(Flaw.DROPS_DELETES))) {
                records.add(record(contact));
            }
        }
        Map<String, Object> next = new LinkedHashMap<>();
        boolean hasMore = page.hasMore() || flaws.contains(Flaw.HAS_MORE_NEVER_FALSE);
        if (hasMore) {
            next.put("watermark", watermark);
            next.put("cursor", flaws.contains(Flaw.HAS_MORE_NEVER_FALSE) && !page.hasMore() ? last + 1 : last);
            if (flaws.contains(Flaw.CHECKPOINT_HOLDS_INSTANT_AND_URI)) {
                next.put("startedAt", Instant.now());
                next.put("nextPage", URI.create("https://contacts.invalid/changes?after=" + last));
            }
            lastCursor = last;
        } else {
            next.put("watermark", flaws.contains(Flaw.NEVER_ADVANCES_WATERMARK) ? watermark : last);
        }
        return new PollBatch(
                records,
                rejected,
                new Checkpoint(flaws.contains(Flaw.CHECKPOINT_FORMAT_ZERO) ? 0 : FORMAT, next),
                hasMore);
    }

    /** Hands the first half of the batch over while "reading" and returns the rest, so the host meets both. */
    @Override
    public PollBatch stream(PollRequest request, Consumer<Record> sink) {
        PollBatch batch = poll(request);
        List<Record> records = batch.records();
        int handedOver = records.size() / 2;
        records.subList(0, handedOver).forEach(sink);
        int end = flaws.contains(Flaw.STREAM_DROPS_THE_LAST_RECORD)
                ? Math.max(handedOver, records.size() - 1)
                : records.size();
        return new PollBatch(records.subList(handedOver, end), batch.rejected(), batch.next(), batch.hasMore());
    }

    private Record record(ContactsRemote.Contact contact) {
        String entity = flaws.contains(Flaw.WRONG_ENTITY_NAME) ? "contact" : ContactsConnectorFactory.ENTITY;
        String key = flaws.contains(Flaw.KEY_DIFFERS_FROM_KEY_FIELD) ? "contact/" + contact.id() : contact.id();
        if (contact.deleted()) {
            return new Record(entity, key, Operation.DELETE, Map.of(), Optional.empty(), Optional.empty());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", contact.id());
        fields.put("name", contact.name());
        fields.put("balance", contact.balance());
        fields.put("visits", contact.visits());
        fields.put("sequence", contact.sequence());
        if (flaws.contains(Flaw.NON_JSON_FIELD_VALUES)) {
            fields.put("seenAt", Instant.now());
            fields.put("nickname", Optional.empty());
        }
        return new Record(
                entity,
                key,
                Operation.UPSERT,
                fields,
                Optional.empty(),
                Optional.of("W/\"" + contact.sequence() + "\""));
    }

    /** Numbers come back from the host's JSON store as Integer, Long or BigInteger. */
    private Optional<Long> number(Checkpoint checkpoint, String name) {
        Object value = checkpoint.values().get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (checkpoint.format() != FORMAT && !flaws.contains(Flaw.CHECKPOINT_FORMAT_ZERO)) {
            throw ConnectorException.internal(
                    "checkpoint format " + checkpoint.format() + " is unknown; reset the contacts checkpoint", null);
        }
        if (flaws.contains(Flaw.CHECKPOINT_CASTS_TO_LONG)) {
            return Optional.of((Long) value);
        }
        if (!(value instanceof Number number)) {
            throw ConnectorException.internal(
                    "checkpoint " + name + " is not a number (" + value + "); reset the contacts checkpoint", null);
        }
        return Optional.of(number.longValue());
    }
}
