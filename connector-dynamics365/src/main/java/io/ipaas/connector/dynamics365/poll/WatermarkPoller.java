package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.ODataLiterals;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads one entity set page by page with server-driven paging, filtered on its modification timestamp.
 *
 * <p>A sync fixes a signpost (now) as its upper bound when it starts, so records changed while it runs are
 * left for the next sync instead of being skipped by the continuation token. A completed sync makes the
 * signpost the watermark; the next sync reads {@code ge watermark - overlap}, so equal timestamps and a
 * little clock skew between us and BC cannot lose a record. Repeats are fine: the host upserts by key.
 *
 * <p>A continuation link is checked before it is followed and before it goes into a checkpoint: one that BC
 * sends to another place fails the poll (nothing is committed); one found in a stored checkpoint (written by
 * an older version) is dropped with a warning and the walk restarts from the watermark, which re-reads rather
 * than loses.
 */
public final class WatermarkPoller implements PollSource {
    /** Covers clock skew between this host and BC; records in the window are read twice, never missed. */
    public static final Duration OVERLAP = Duration.ofMinutes(2);

    private final EntityDefinition entity;
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final int pageSize;
    private final Clock clock;
    private final RequestCounters counters;
    private final System.Logger log;

    public WatermarkPoller(
            EntityDefinition entity,
            BcHttpClient client,
            BcApiUrls urls,
            Supplier<Company> company,
            int pageSize,
            Clock clock,
            RequestCounters counters,
            System.Logger log) {
        this.entity = entity;
        this.client = client;
        this.urls = urls;
        this.company = company;
        this.pageSize = pageSize;
        this.clock = clock;
        this.counters = counters;
        this.log = log;
    }

    @Override
    public PollBatch poll(PollRequest request) {
        return PollSource.collect(this, request);
    }

    /**
     * Hands each record over as soon as the page parser has read it; the returned batch holds no records. The
     * continuation link is checked only at the end of the page, so a bad one fails the call after records were
     * handed over, which the host then forgets.
     */
    @Override
    public PollBatch stream(PollRequest request, Consumer<Record> records) {
        BcCheckpoint from = usable(BcCheckpoint.from(request.from()));
        URI uri;
        Instant signpost;
        if (from.nextLink().isPresent()) {
            uri = URI.create(from.nextLink().get());
            signpost = from.signpost().orElseThrow();
        } else {
            signpost = from.signpost().orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.MILLIS));
            ODataQuery query = ODataQuery.create();
            from.watermark()
                    .ifPresent(watermark -> query.filter(
                            entity.cursorField() + " ge " + ODataLiterals.dateTime(watermark.minus(OVERLAP))));
            query.filter(entity.cursorField() + " le " + ODataLiterals.dateTime(signpost));
            Projection.of(entity, request.fields()).applyTo(query);
            uri = urls.entitySet(company.get().id(), entity.entitySet(), query);
        }
        int size = Math.min(pageSize, request.maxRecords());
        RecordReader reader = new RecordReader(entity, records);
        Optional<String> nextLink = client.page(uri, Optional.of(size), reader::accept);
        counters.add(RequestCounters.RECORDS_READ, reader.read());
        if (!reader.rejected().isEmpty()) {
            counters.add(RequestCounters.RECORDS_REJECTED, reader.rejected().size());
            log.log(
                    System.Logger.Level.WARNING,
                    "{0}: {1} record(s) of this page were rejected for quarantine; the first: {2}",
                    entity.name(),
                    reader.rejected().size(),
                    reader.rejected().get(0).reason());
        }
        if (nextLink.isPresent()) {
            String link = nextLink.get();
            urls.continuationProblem(link, company.get().id(), entity.entitySet())
                    .ifPresent(problem -> {
                        throw ConnectorException.remote(
                                "Business Central sent a continuation link for " + entity.name()
                                        + " that is not followed: " + problem + "; nothing of this page was stored",
                                null);
                    });
            return new PollBatch(
                    List.of(),
                    reader.rejected(),
                    new BcCheckpoint(from.watermark(), Optional.of(signpost), Optional.of(link)).toCheckpoint(),
                    true);
        }
        return new PollBatch(
                List.of(),
                reader.rejected(),
                new BcCheckpoint(Optional.of(signpost), Optional.empty(), Optional.empty()).toCheckpoint(),
                false);
    }

    /**
     * The checkpoint, without a continuation link that must not be followed. The sync then restarts from the
     * watermark up to its signpost, so whatever the link would have read is read again.
     */
    private BcCheckpoint usable(BcCheckpoint checkpoint) {
        if (checkpoint.nextLink().isEmpty()) {
            return checkpoint;
        }
        Optional<String> problem = checkpoint.signpost().isEmpty()
                ? Optional.of("the checkpoint has no signpost to go with it")
                : urls.continuationProblem(
                        checkpoint.nextLink().get(), company.get().id(), entity.entitySet());
        if (problem.isEmpty()) {
            return checkpoint;
        }
        log.log(
                System.Logger.Level.WARNING,
                "{0}: the stored checkpoint''s continuation link is not followed ({1}); it is dropped and the "
                        + "sync restarts from {2}, so records stored since then are read again, none are lost",
                entity.name(),
                problem.get(),
                checkpoint.watermark().map(w -> "the watermark " + w).orElse("the beginning"));
        return new BcCheckpoint(checkpoint.watermark(), checkpoint.signpost(), Optional.empty());
    }
}
