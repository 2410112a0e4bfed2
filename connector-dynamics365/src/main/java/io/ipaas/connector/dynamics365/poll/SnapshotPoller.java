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
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads a whole entity set on every sync, page by page, for sets that carry no modification time (ODataV4 pages
 * such as customer price groups: facts §2.12 finds no {@code SystemModifiedAt} to filter on). A sync in progress
 * keeps its continuation link in the checkpoint; a finished one keeps only when it finished. Records deleted in BC
 * are not seen by a snapshot read either; the host keeps what it stored.
 */
public final class SnapshotPoller implements PollSource {
    private final EntityDefinition entity;
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final ReadPolicy policy;
    private final Clock clock;
    private final RequestCounters counters;
    private final System.Logger log;

    public SnapshotPoller(
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

    @Override
    public PollBatch stream(PollRequest request, Consumer<Record> records) {
        BcCheckpoint from = BcCheckpoint.from(request.from());
        String companyName = company.get().name();
        Optional<String> link = from.nextLink().filter(next -> {
            Optional<String> problem = problem(next, companyName);
            problem.ifPresent(p -> log.log(
                    System.Logger.Level.WARNING,
                    "{0}: the stored continuation link is not followed ({1}); the set is read again from its start",
                    entity.name(),
                    p));
            return problem.isEmpty();
        });
        URI uri;
        if (link.isPresent()) {
            uri = URI.create(link.get());
        } else {
            ODataQuery query = ODataQuery.create();
            Projection.of(entity, request.fields()).applyTo(query);
            uri = entity.odataV4()
                    ? urls.service(companyName, entity.entitySet(), query)
                    : urls.entitySet(entity.api(), Optional.of(company.get().id()), entity.entitySet(), query);
        }
        RecordReader reader = new RecordReader(entity, policy.excludedChildren(), records);
        Optional<String> next =
                client.page(uri, Optional.of(Math.min(policy.pageSize(), request.maxRecords())), reader::accept);
        counters.add(RequestCounters.RECORDS_READ, reader.read());
        counters.add(RequestCounters.RECORDS_REJECTED, reader.rejected().size());
        if (next.isPresent()) {
            problem(next.get(), companyName).ifPresent(problem -> {
                throw ConnectorException.remote(
                        "Business Central sent a continuation link for " + entity.name() + " that is not followed: "
                                + problem + "; nothing of this page was stored",
                        null);
            });
            return new PollBatch(
                    List.of(),
                    reader.rejected(),
                    new BcCheckpoint(from.watermark(), Optional.empty(), next).toCheckpoint(),
                    true);
        }
        Instant finished = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new PollBatch(
                List.of(),
                reader.rejected(),
                new BcCheckpoint(Optional.of(finished), Optional.empty(), Optional.empty()).toCheckpoint(),
                false);
    }

    private Optional<String> problem(String link, String companyName) {
        return entity.odataV4()
                ? urls.serviceContinuationProblem(link, companyName, entity.entitySet())
                : urls.continuationProblem(
                        link, entity.api(), Optional.of(company.get().id()), entity.entitySet());
    }
}
