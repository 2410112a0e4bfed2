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
        return options.skipToken() == null ? 0 : SkipToken.decode(options.skipToken(), table.scope());
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
