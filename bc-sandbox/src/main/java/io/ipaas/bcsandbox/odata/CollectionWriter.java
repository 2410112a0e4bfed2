package io.ipaas.bcsandbox.odata;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Streams one page of a collection: {@code @odata.context}, {@code value} and, when more matching records
 * exist, {@code @odata.nextLink}. Records are generated and written one at a time, so a 20,000-record page
 * never sits in memory.
 *
 * <p>Paging rules (BC, facts §3.2 and microsoft/AL#6858): a page holds at most {@code pageSize} records;
 * {@code $top} caps the total, so with {@code $top} not above the page size there is no next link; the
 * next link is emitted only when another matching record really exists (one record of look-ahead), so
 * N records at page size P take exactly ceil(N/P) requests.
 */
public final class CollectionWriter {
    private CollectionWriter() {}

    /**
     * Validates the position options before anything is written, so errors can still become a 400.
     *
     * @return the start position
     */
    public static long startPosition(Table<?> table, QueryOptions options) {
        if (options.skipToken() == null) {
            return 0;
        }
        return SkipToken.decode(
                options.skipToken(), options.orderBy().isEmpty() ? table.scope() : orderedScope(table, options));
    }

    /** An ordered walk's tokens hold an offset into the order, so they only fit the same set and the same order. */
    private static String orderedScope(Table<?> table, QueryOptions options) {
        StringBuilder scope = new StringBuilder(table.scope()).append("|orderby");
        options.orderBy()
                .forEach(key -> scope.append(':').append(key.property()).append(key.descending() ? "-" : "+"));
        return scope.toString();
    }

    /** The positions of one page of an ordered walk, and where the next page starts if there is one. */
    private record OrderedPage(List<Long> positions, long nextOffset, boolean more) {}

    /**
     * Every matching record in {@code $orderby} order, then the page of it this request asks for. The sandbox sorts
     * on each request (BC sorts in SQL); positions never change, so the order of unchanged data is stable.
     */
    private static <R> OrderedPage orderedPage(Table<R> table, QueryOptions options, int pageSize) {
        List<OrderBy> keys = options.orderBy();
        FilterExpression filter = options.filter();
        RowView<R> row = new RowView<>(table);
        List<Object[]> matches = new java.util.ArrayList<>();
        for (long cursor = table.next(0); cursor >= 0; cursor = table.next(cursor + 1)) {
            row.moveTo(cursor);
            if (filter == null || filter.test(row)) {
                Object[] values = new Object[keys.size() + 1];
                for (int i = 0; i < keys.size(); i++) {
                    values[i] = row.value(keys.get(i).property());
                }
                values[keys.size()] = cursor;
                matches.add(values);
            }
        }
        // ties keep the set's own order, as a stable sort on the primary key order would
        matches.sort(OrderBy.comparator(keys));
        long offset = options.skipToken() == null ? options.skip() : startPosition(table, options);
        Long top = options.top();
        long limit = top == null ? pageSize : Math.min(pageSize, top);
        List<Long> positions = new java.util.ArrayList<>();
        long index = offset;
        while (positions.size() < limit && index < matches.size()) {
            positions.add((Long) matches.get((int) index)[keys.size()]);
            index++;
        }
        boolean wantsMore = top == null || top > positions.size();
        return new OrderedPage(positions, index, positions.size() == limit && wantsMore && index < matches.size());
    }

    private static <R> void writeOrdered(
            OutputStream out,
            String context,
            Table<R> table,
            QueryOptions options,
            int pageSize,
            NextLinkFactory nextLinks,
            Map<String, Expansion<R>> expansions,
            RecordFaults faults)
            throws IOException {
        OrderedPage page = orderedPage(table, options, pageSize);
        RowView<R> row = new RowView<>(table);
        try (JsonGenerator json = Json.generator(out)) {
            json.writeStartObject();
            json.writeStringField("@odata.context", context);
            json.writeArrayFieldStart("value");
            for (long position : page.positions()) {
                row.moveTo(position);
                EntityWriter.write(
                        json,
                        table.type(),
                        row.record(),
                        options.select(),
                        options.expand(),
                        expansions,
                        faults.at(table.scope(), position));
            }
            json.writeEndArray();
            if (page.more()) {
                Long top = options.top();
                String token = SkipToken.encode(orderedScope(table, options), page.nextOffset());
                json.writeStringField(
                        "@odata.nextLink",
                        nextLinks.link(
                                token,
                                top == null ? null : top - page.positions().size()));
            }
            json.writeEndObject();
        }
    }

    public static <R> void write(
            OutputStream out,
            String context,
            Table<R> table,
            QueryOptions options,
            int pageSize,
            NextLinkFactory nextLinks,
            Map<String, Expansion<R>> expansions,
            RecordFaults faults)
            throws IOException {
        if (!options.orderBy().isEmpty()) {
            writeOrdered(out, context, table, options, pageSize, nextLinks, expansions, faults);
            return;
        }
        long position = startPosition(table, options);
        long toSkip = options.skipToken() == null ? options.skip() : 0;
        Long top = options.top();
        long limit = top == null ? pageSize : Math.min(pageSize, top);
        FilterExpression filter = options.filter();
        RowView<R> row = new RowView<>(table);

        try (JsonGenerator json = Json.generator(out)) {
            json.writeStartObject();
            json.writeStringField("@odata.context", context);
            json.writeArrayFieldStart("value");
            long written = 0;
            long cursor = position;
            while (written < limit) {
                cursor = table.next(cursor);
                if (cursor < 0) {
                    break;
                }
                row.moveTo(cursor);
                if (filter == null || filter.test(row)) {
                    if (toSkip > 0) {
                        toSkip--;
                    } else {
                        EntityWriter.write(
                                json,
                                table.type(),
                                row.record(),
                                options.select(),
                                options.expand(),
                                expansions,
                                faults.at(table.scope(), cursor));
                        written++;
                    }
                }
                cursor++;
            }
            json.writeEndArray();
            boolean wantsMore = top == null || top > written;
            if (written == limit && wantsMore && cursor >= 0) {
                long following = nextMatch(table, filter, row, cursor);
                if (following >= 0) {
                    String token = SkipToken.encode(table.scope(), following);
                    json.writeStringField("@odata.nextLink", nextLinks.link(token, top == null ? null : top - written));
                }
            }
            json.writeEndObject();
        }
    }

    /**
     * Runs the checks of expansions that can fail over the page's records; called before the status is sent,
     * because BC fails such a page whole with an error status, where a failure midway would leave a 200 with half a
     * body. Free for pages without such expansions.
     */
    public static <R> void checkExpansions(
            Table<R> table, QueryOptions options, int pageSize, Map<String, Expansion<R>> expansions) {
        List<Expansion<R>> checked = options.expand().stream()
                .map(option -> expansions.get(option.navigation()))
                .filter(expansion -> expansion != null && expansion.canFail())
                .toList();
        if (checked.isEmpty()) {
            return;
        }
        if (!options.orderBy().isEmpty()) {
            RowView<R> ordered = new RowView<>(table);
            for (long position : orderedPage(table, options, pageSize).positions()) {
                ordered.moveTo(position);
                R record = ordered.record();
                checked.forEach(expansion -> expansion.check(record));
            }
            return;
        }
        long position = startPosition(table, options);
        long skip = options.skipToken() == null ? options.skip() : 0;
        long limit = options.top() == null ? pageSize : Math.min(pageSize, options.top());
        RowView<R> row = new RowView<>(table);
        FilterExpression filter = options.filter();
        long seen = 0;
        long cursor = position;
        while (seen < limit) {
            cursor = table.next(cursor);
            if (cursor < 0) {
                return;
            }
            row.moveTo(cursor);
            if (filter == null || filter.test(row)) {
                if (skip > 0) {
                    skip--;
                } else {
                    R record = row.record();
                    checked.forEach(expansion -> expansion.check(record));
                    seen++;
                }
            }
            cursor++;
        }
    }

    private static <R> long nextMatch(Table<R> table, FilterExpression filter, RowView<R> row, long from) {
        long cursor = from;
        while (true) {
            cursor = table.next(cursor);
            if (cursor < 0) {
                return -1;
            }
            row.moveTo(cursor);
            if (filter == null || filter.test(row)) {
                return cursor;
            }
            cursor++;
        }
    }
}
