package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.entity.Operation;
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
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads one entity set page by page with server-driven paging, filtered on its modification timestamp.
 *
 * <p>A sync fixes a signpost (now) as its upper bound when it starts, so records changed while it runs are
 * left for the next sync instead of being skipped by the continuation token. A completed sync makes the
 * signpost the watermark; the next sync reads {@code ge watermark - overlap}, so equal timestamps and a
 * little clock skew between us and BC cannot lose a record. Repeats are fine: the host upserts by key.
 */
public final class WatermarkPoller implements PollSource {
    /** Covers clock skew between this host and BC; records in the window are read twice, never missed. */
    public static final Duration OVERLAP = Duration.ofMinutes(2);

    private final EntityDefinition entity;
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final int pageSize;
    private final boolean expand;
    private final Clock clock;
    private final RequestCounters counters;

    public WatermarkPoller(
            EntityDefinition entity,
            BcHttpClient client,
            BcApiUrls urls,
            Supplier<Company> company,
            int pageSize,
            boolean expand,
            Clock clock,
            RequestCounters counters) {
        this.entity = entity;
        this.client = client;
        this.urls = urls;
        this.company = company;
        this.pageSize = pageSize;
        this.expand = expand && entity.expand().isPresent();
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public PollBatch poll(PollRequest request) {
        BcCheckpoint from = BcCheckpoint.from(request.from());
        URI uri;
        Instant signpost;
        if (from.nextLink().isPresent()) {
            uri = from.nextLink().get();
            if (!urls.sameOrigin(uri)) {
                throw ConnectorException.internal(
                        "refusing to follow a continuation link to another host (" + uri.getHost()
                                + "); reset the checkpoint of " + entity.name(),
                        null);
            }
            signpost = from.signpost()
                    .orElseThrow(() -> ConnectorException.internal(
                            "checkpoint has a continuation link but no signpost; reset the checkpoint of "
                                    + entity.name(),
                            null));
        } else {
            signpost = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            ODataQuery query = ODataQuery.create();
            from.watermark()
                    .ifPresent(watermark -> query.filter(
                            entity.cursorField() + " ge " + ODataLiterals.dateTime(watermark.minus(OVERLAP))));
            query.filter(entity.cursorField() + " le " + ODataLiterals.dateTime(signpost));
            if (expand) {
                query.expand(entity.expand().get());
            }
            uri = urls.entitySet(company.get().id(), entity.entitySet(), query);
        }
        int size = Math.min(pageSize, request.maxRecords());
        Map<String, Object> page = client.get(uri, Optional.of(size));
        List<Record> records = new ArrayList<>();
        for (Object value : values(page)) {
            records.add(record(value));
        }
        counters.add(RequestCounters.RECORDS_READ, records.size());
        Object nextLink = page.get("@odata.nextLink");
        if (nextLink instanceof String link && !link.isEmpty()) {
            return new PollBatch(
                    records,
                    new BcCheckpoint(from.watermark(), Optional.of(signpost), Optional.of(URI.create(link)))
                            .toCheckpoint(),
                    true);
        }
        return new PollBatch(
                records,
                new BcCheckpoint(Optional.of(signpost), Optional.empty(), Optional.empty()).toCheckpoint(),
                false);
    }

    private static List<?> values(Map<String, Object> page) {
        Object value = page.get("value");
        if (!(value instanceof List<?> list)) {
            throw ConnectorException.transientFailure(
                    "Business Central answered without a 'value' array; retrying later", null, null);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private Record record(Object value) {
        if (!(value instanceof Map<?, ?> json)) {
            throw ConnectorException.data("?", entity.name() + " page holds a value that is not an object", null);
        }
        Map<String, Object> fields = withoutAnnotations((Map<String, Object>) json);
        Object id = fields.get("id");
        if (!(id instanceof String key) || key.isEmpty()) {
            throw ConnectorException.data("?", entity.name() + " record without an id: " + fields.keySet(), null);
        }
        Optional<String> etag = Optional.ofNullable((String) json.get("@odata.etag"));
        return new Record(
                entity.name(), key, Operation.UPSERT, fields, modifiedAt(fields.get(entity.cursorField())), etag);
    }

    private static Optional<Instant> modifiedAt(Object value) {
        if (value instanceof String text) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Drops OData annotations ({@code @odata.etag}, {@code @odata.context}) at every level. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutAnnotations(Map<String, Object> json) {
        Map<String, Object> clean = new LinkedHashMap<>();
        json.forEach((key, value) -> {
            if (key.startsWith("@odata.")) {
                return;
            }
            if (value instanceof List<?> list) {
                List<Object> children = new ArrayList<>(list.size());
                for (Object child : list) {
                    children.add(
                            child instanceof Map<?, ?> map ? withoutAnnotations((Map<String, Object>) map) : child);
                }
                clean.put(key, children);
            } else if (value instanceof Map<?, ?> map) {
                clean.put(key, withoutAnnotations((Map<String, Object>) map));
            } else {
                clean.put(key, value);
            }
        });
        return clean;
    }
}
