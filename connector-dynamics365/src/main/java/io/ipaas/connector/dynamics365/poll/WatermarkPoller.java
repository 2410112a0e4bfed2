package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.BcRefusal;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.ODataEntity;
import io.ipaas.connector.dynamics365.odata.ODataLiterals;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import io.ipaas.connector.dynamics365.odata.QueryParameters;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /** Bounds the walk over one record's children when its expansion has to be read on its own. */
    static final int MAX_CHILD_PAGES = 100;

    private final EntityDefinition entity;
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final ReadPolicy policy;
    private final Clock clock;
    private final RequestCounters counters;
    private final System.Logger log;

    public WatermarkPoller(
            EntityDefinition entity,
            BcHttpClient client,
            BcApiUrls urls,
            Supplier<Company> company,
            ReadPolicy policy,
            Clock clock,
            RequestCounters counters,
            System.Logger log) {
        this.entity = entity;
        this.client = client;
        this.urls = urls;
        this.company = company;
        this.policy = policy;
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
        Projection projection = Projection.of(entity, request.fields());
        if (from.nextLink().isPresent()) {
            uri = URI.create(from.nextLink().get());
            signpost = from.signpost().orElseThrow();
        } else {
            signpost = from.signpost().orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.MILLIS));
            ODataQuery query = ODataQuery.create();
            Optional<Instant> lowerBound = from.watermark()
                    .map(watermark -> watermark.minus(OVERLAP))
                    .or(() -> policy.firstReadLookBack().map(signpost::minus));
            lowerBound.ifPresent(bound -> query.filter(entity.cursorField() + " ge " + ODataLiterals.dateTime(bound)));
            query.filter(entity.cursorField() + " le " + ODataLiterals.dateTime(signpost));
            projection.applyTo(query);
            uri = urls.entitySet(entity.api(), scope(), entity.entitySet(), query);
        }
        int size = Math.min(policy.pageSize(), request.maxRecords());
        RecordReader reader = new RecordReader(entity, policy.excludedChildren(), records);
        Optional<String> nextLink;
        try {
            nextLink = client.page(uri, Optional.of(size), reader::accept);
        } catch (ConnectorException e) {
            boolean refusedByBc = e.kind() == ErrorKind.REMOTE && e.getCause() instanceof BcRefusal;
            if (!refusedByBc || projection.expand().isEmpty() || reader.read() > 0) {
                throw e;
            }
            nextLink = readChildrenOneByOne(uri, size, projection, reader, e);
        }
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
            urls.continuationProblem(link, entity.api(), scope(), entity.entitySet())
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

    /** The company whose entity set is read, or none for the environment's own sets (companies). */
    private Optional<UUID> scope() {
        return entity.companyScoped() ? Optional.of(company.get().id()) : Optional.empty();
    }

    /**
     * BC fails a page whole when one child cannot be read (bad data in one document's line), so one bad document
     * would stop every later one. The page is read again without the expansion, then each record's children on
     * their own: a record whose children fail is rejected for quarantine with BC's message, the others carry on.
     * The continuation link gets its expansion back, so the next page tries the fast way again.
     */
    private Optional<String> readChildrenOneByOne(
            URI uri, int size, Projection projection, RecordReader reader, ConnectorException cause) {
        String navigation = projection.expand().orElseThrow();
        Optional<String> expand = QueryParameters.raw(uri, "$expand");
        log.log(
                System.Logger.Level.WARNING,
                "{0}: a page with its {1} failed ({2}); reading that page''s {1} one record at a time",
                entity.name(),
                navigation,
                cause.getMessage());
        List<ODataEntity> parents = new ArrayList<>();
        Optional<String> nextLink =
                client.page(QueryParameters.without(uri, "$expand"), Optional.of(size), parents::add);
        ODataQuery childQuery = ODataQuery.create();
        if (!projection.expandSelect().isEmpty()) {
            childQuery.select(
                    String.join(",", projection.expandSelect().stream().sorted().toList()));
        }
        for (ODataEntity parent : parents) {
            Object key = parent.fields().get(entity.key());
            if (!(key instanceof String id)) {
                reader.accept(parent); // rejected there for its missing key
                continue;
            }
            try {
                parent.fields().put(navigation, children(id, navigation, childQuery, size));
                reader.accept(parent);
            } catch (ConnectorException e) {
                if (!(e.getCause() instanceof BcRefusal)) {
                    throw e;
                }
                reader.reject(
                        parent,
                        entity.name() + " " + id + ": Business Central could not read its " + navigation + " ("
                                + e.getMessage() + "); fix the record in Business Central, then retry it from "
                                + "quarantine");
            }
        }
        return nextLink.map(link -> expand.map(value ->
                        QueryParameters.with(URI.create(link), "$expand", value).toString())
                .orElse(link));
    }

    /** One record's children, every page of them (a document rarely has more lines than a page holds). */
    private List<Map<String, Object>> children(String id, String navigation, ODataQuery query, int size) {
        List<Map<String, Object>> children = new ArrayList<>();
        URI uri = urls.children(company.get().id(), entity.entitySet(), id, navigation, query);
        String path = uri.getRawPath();
        for (int page = 0; page < MAX_CHILD_PAGES; page++) {
            // as in an expanded page, children keep their properties and drop their annotations
            Optional<String> next = client.page(uri, Optional.of(size), child -> children.add(child.fields()));
            if (next.isEmpty()) {
                return children;
            }
            URI following = URI.create(next.get());
            if (!path.equalsIgnoreCase(following.getRawPath())
                    || !uri.getHost().equalsIgnoreCase(following.getHost())) {
                throw ConnectorException.remote(
                        "Business Central sent a continuation link for the " + navigation + " of " + id
                                + " that is not followed: it leaves " + path,
                        null);
            }
            uri = following;
        }
        throw ConnectorException.remote(
                entity.name() + " " + id + " has more than " + MAX_CHILD_PAGES + " pages of " + navigation
                        + "; not read further",
                null);
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
                : urls.continuationProblem(checkpoint.nextLink().get(), entity.api(), scope(), entity.entitySet());
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
