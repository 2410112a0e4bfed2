package io.ipaas.bcsandbox.odata;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.nio.charset.StandardCharsets;

/**
 * Server-driven paging: scans the sequence from the skip token's position, keeps records the filter accepts,
 * and looks ahead to the next match so a nextLink is only given when more data really exists.
 */
public final class Pager {
    private Pager() {
    }

    public static Page page(RecordSequence sequence, Filter filter, long start, int pageSize) {
        List<Map<String, Object>> records = new ArrayList<>(Math.min(pageSize, 1024));
        long position = start;
        long size = sequence.size();
        while (position < size) {
            Map<String, Object> record = sequence.get(position);
            if (filter.test(record)) {
                if (records.size() == pageSize) {
                    return new Page(records, OptionalLong.of(position));
                }
                records.add(record);
            }
            position++;
        }
        return new Page(records, OptionalLong.empty());
    }

    /** Skip tokens are opaque to clients (facts §3.2); ours encode the next position. */
    public static String skipToken(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + position).getBytes(StandardCharsets.UTF_8));
    }

    public static long position(String skipToken) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(skipToken), StandardCharsets.UTF_8);
            if (!decoded.startsWith("p:")) {
                throw BcFault.querySyntax();
            }
            return Long.parseLong(decoded.substring(2));
        } catch (IllegalArgumentException e) {
            throw BcFault.of(400, "BadRequest_InvalidToken", "The skip token is not valid.").raise();
        }
    }
}
