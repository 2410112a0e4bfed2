package io.ipaas.connector.dynamics365.push;

import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcBatch;
import io.ipaas.connector.dynamics365.odata.BcReply;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.ODataLiterals;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import io.ipaas.connector.dynamics365.odata.RetryPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Creates or updates records matched by number, then by e-mail (customers, contacts): one batch of lookups, then one
 * batch of writes, per 50 records.
 *
 * <p>An update sends {@code If-Match} with the version the platform last saw, or else the one just read. When BC
 * answers that the record changed meanwhile ({@code Request_EntityChanged}, 409 or 412) it is read again and the
 * update sent once more with the fresh version; a second change in between is a DATA conflict naming the record.
 * The number is never sent in an update: it is the record's identity.
 */
public final class MatchingUpsertWriter implements EntityWriter {
    /** Two lookups per record fit in one batch. */
    static final int RECORDS_PER_BATCH = BcBatch.MAX_REQUESTS / 2;

    private final String noun;
    private final String entitySet;
    private final Map<String, Integer> limits;
    private final BcBatch batch;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final RetryPolicy retries;

    /**
     * @param noun what users call one record, for messages ({@code customer})
     * @param limits the text lengths BC allows, checked before sending
     */
    public MatchingUpsertWriter(
            String noun,
            String entitySet,
            Map<String, Integer> limits,
            BcBatch batch,
            BcApiUrls urls,
            Supplier<Company> company,
            RetryPolicy retries) {
        this.noun = noun;
        this.entitySet = entitySet;
        this.limits = Map.copyOf(limits);
        this.batch = batch;
        this.urls = urls;
        this.company = company;
        this.retries = retries;
    }

    public static MatchingUpsertWriter customers(
            String entitySet, BcBatch batch, BcApiUrls urls, Supplier<Company> company, RetryPolicy retries) {
        return new MatchingUpsertWriter("customer", entitySet, FieldLimits.CUSTOMER, batch, urls, company, retries);
    }

    public static MatchingUpsertWriter contacts(
            String entitySet, BcBatch batch, BcApiUrls urls, Supplier<Company> company, RetryPolicy retries) {
        return new MatchingUpsertWriter("contact", entitySet, FieldLimits.CONTACT, batch, urls, company, retries);
    }

    /** A record on its way, and what BC has that matches it. */
    private static final class Upsert {
        final int index;
        final OutboundRecord record;
        final String what;
        Map<String, Object> match;
        String ifMatch;
        boolean reread;

        Upsert(int index, OutboundRecord record, String what) {
            this.index = index;
            this.record = record;
            this.what = what;
        }
    }

    @Override
    public Optional<ConnectorException> validate(OutboundRecord record) {
        return FieldLimits.check(record.fields(), limits, what(record), "", record.idempotencyKey());
    }

    @Override
    public List<WriteOutcome> write(List<OutboundRecord> records) {
        WriteOutcome[] outcomes = new WriteOutcome[records.size()];
        List<Upsert> ready = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Optional<ConnectorException> problem = validate(records.get(i));
            if (problem.isPresent()) {
                outcomes[i] = failed(records.get(i), problem.get());
            } else {
                ready.add(new Upsert(i, records.get(i), what(records.get(i))));
            }
        }
        for (int from = 0; from < ready.size(); from += RECORDS_PER_BATCH) {
            write(ready.subList(from, Math.min(ready.size(), from + RECORDS_PER_BATCH)), outcomes);
        }
        return List.of(outcomes);
    }

    private void write(List<Upsert> upserts, WriteOutcome[] outcomes) {
        Company target = company.get();
        List<Upsert> toWrite = new ArrayList<>();
        for (Upsert upsert : match(target, upserts)) {
            if (upsert.match == null || !upsert.record.expectedVersion().isPresent()) {
                upsert.ifMatch = upsert.match == null ? null : (String) upsert.match.get("@odata.etag");
            } else {
                upsert.ifMatch = upsert.record.expectedVersion().get();
            }
            toWrite.add(upsert);
        }
        for (int round = 1; !toWrite.isEmpty(); round++) {
            List<BcReply> replies =
                    batch.send(toWrite.stream().map(u -> request(target, u)).toList());
            List<Upsert> again = new ArrayList<>();
            List<Upsert> changed = new ArrayList<>();
            boolean busy = false;
            for (int i = 0; i < toWrite.size(); i++) {
                Upsert upsert = toWrite.get(i);
                BcReply reply = replies.get(i);
                if (reply.succeeded()) {
                    outcomes[upsert.index] = new WriteOutcome(
                            upsert.record.idempotencyKey(),
                            Optional.ofNullable((String) reply.body().get("id")),
                            reply.etag(),
                            Optional.empty());
                } else if (upsert.match != null && WriteFailures.changedMeanwhile(reply)) {
                    if (upsert.reread) {
                        outcomes[upsert.index] = failed(
                                upsert.record,
                                ConnectorException.data(
                                        upsert.record.idempotencyKey(),
                                        upsert.what + " (" + upsert.match.get("id") + ") was changed in Business"
                                                + " Central again while it was written ("
                                                + reply.error().describe()
                                                + "); a data conflict: check the record in Business Central, then push"
                                                + " it again",
                                        null));
                    } else {
                        changed.add(upsert);
                    }
                } else if (WriteFailures.worthRetrying(reply) && round <= retries.retries()) {
                    again.add(upsert);
                    busy = true;
                } else {
                    outcomes[upsert.index] = failed(
                            upsert.record,
                            WriteFailures.of(
                                    reply,
                                    upsert.what,
                                    upsert.record.idempotencyKey(),
                                    upsert.record.fields(),
                                    urls.entitySet(target.id(), entitySet, ODataQuery.create())));
                }
            }
            if (!changed.isEmpty()) {
                reread(target, changed, outcomes);
                changed.stream().filter(u -> outcomes[u.index] == null).forEach(again::add);
            }
            if (busy) {
                pause(round);
            }
            toWrite = again;
        }
    }

    /** Looks each record up by number and by e-mail in one batch; a number match wins. */
    private List<Upsert> match(Company target, List<Upsert> upserts) {
        List<BcBatch.Request> gets = new ArrayList<>();
        List<int[]> slots = new ArrayList<>();
        for (Upsert upsert : upserts) {
            int byNumber = -1;
            int byEmail = -1;
            Object number = upsert.record.fields().get("number");
            Object email = upsert.record.fields().get("email");
            if (number instanceof String text && !text.isBlank()) {
                byNumber = gets.size();
                gets.add(find(target, "number", text));
            }
            if (email instanceof String text && !text.isBlank()) {
                byEmail = gets.size();
                gets.add(find(target, "email", text));
            }
            slots.add(new int[] {byNumber, byEmail});
        }
        List<BcReply> replies = batch.send(gets);
        for (int i = 0; i < upserts.size(); i++) {
            Upsert upsert = upserts.get(i);
            List<Object> byNumber = found(replies, slots.get(i)[0], upsert);
            List<Object> byEmail = found(replies, slots.get(i)[1], upsert);
            upsert.match = first(byNumber.isEmpty() ? byEmail : byNumber);
        }
        return upserts;
    }

    private BcBatch.Request find(Company target, String field, String value) {
        URI uri = urls.entitySet(
                target.id(),
                entitySet,
                ODataQuery.create()
                        .filter(field + " eq " + ODataLiterals.string(value))
                        .top(2));
        return new BcBatch.Request("GET", uri, Map.of(), null);
    }

    private List<Object> found(List<BcReply> replies, int slot, Upsert upsert) {
        if (slot < 0) {
            return List.of();
        }
        BcReply reply = replies.get(slot);
        if (!reply.succeeded()) {
            throw ConnectorException.transientFailure(
                    "could not look up " + upsert.what + " in Business Central ("
                            + reply.error().describe() + "); retrying later",
                    reply.retryAfter().orElse(null),
                    null);
        }
        return reply.body().get("value") instanceof List<?> value ? List.copyOf(value) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(List<Object> records) {
        return records.isEmpty() ? null : (Map<String, Object>) records.get(0);
    }

    /** Reads the changed records again by id, for their current version. */
    private void reread(Company target, List<Upsert> changed, WriteOutcome[] outcomes) {
        List<BcBatch.Request> gets = new ArrayList<>();
        for (Upsert upsert : changed) {
            gets.add(new BcBatch.Request(
                    "GET",
                    urls.record(target.id(), entitySet, String.valueOf(upsert.match.get("id")), ODataQuery.create()),
                    Map.of(),
                    null));
        }
        List<BcReply> replies = batch.send(gets);
        for (int i = 0; i < changed.size(); i++) {
            Upsert upsert = changed.get(i);
            BcReply reply = replies.get(i);
            upsert.reread = true;
            if (reply.succeeded()) {
                upsert.match = reply.body();
                upsert.ifMatch = reply.etag().orElse("*");
            } else if (reply.status() == 404) {
                // deleted meanwhile: create it again
                upsert.match = null;
                upsert.ifMatch = null;
            } else {
                outcomes[upsert.index] = failed(
                        upsert.record,
                        ConnectorException.transientFailure(
                                "could not read " + upsert.what + " again after a conflict ("
                                        + reply.error().describe() + "); retrying later",
                                reply.retryAfter().orElse(null),
                                null));
            }
        }
    }

    private BcBatch.Request request(Company target, Upsert upsert) {
        if (upsert.match == null) {
            return new BcBatch.Request(
                    "POST",
                    urls.entitySet(target.id(), entitySet, ODataQuery.create()),
                    Map.of(),
                    Payloads.withoutNulls(upsert.record.fields()));
        }
        Map<String, Object> changes = Payloads.withoutNulls(upsert.record.fields());
        changes.remove("number");
        return new BcBatch.Request(
                "PATCH",
                urls.record(target.id(), entitySet, String.valueOf(upsert.match.get("id")), ODataQuery.create()),
                Map.of("If-Match", upsert.ifMatch == null ? "*" : upsert.ifMatch),
                changes);
    }

    private String what(OutboundRecord record) {
        Object number = record.fields().get("number");
        Object email = record.fields().get("email");
        String name = number != null
                ? String.valueOf(number)
                : email != null ? String.valueOf(email) : record.idempotencyKey();
        return noun + " " + name;
    }

    private static WriteOutcome failed(OutboundRecord record, ConnectorException failure) {
        return new WriteOutcome(record.idempotencyKey(), Optional.empty(), Optional.empty(), Optional.of(failure));
    }

    private void pause(int round) {
        long millis = retries.delay(
                        ConnectorException.transientFailure("retry", null, null),
                        round,
                        ThreadLocalRandom.current()::nextDouble)
                .map(java.time.Duration::toMillis)
                .orElse(0L);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while waiting to push again", null, e);
        }
    }
}
