package io.ipaas.connector.api.poll;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One call of {@link PollSource#poll}.
 *
 * @param from the last committed checkpoint ({@link Checkpoint#initial()} for a first read)
 * @param maxRecords upper bound the host can take in one batch; the connector may return fewer
 * @param hint optional pointer to a specific change
 * @param fields the record fields the host reads, as dotted paths (a field of a nested record as
 *     {@code parent.field}); empty means every field. A connector may use it to ask the remote for less (a
 *     projection) and may return more; it must still return the key and cursor it needs itself.
 */
public record PollRequest(Checkpoint from, int maxRecords, Optional<ChangeHint> hint, Set<String> fields) {
    public PollRequest {
        Objects.requireNonNull(from, "from");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be >= 1");
        }
        Objects.requireNonNull(hint, "hint");
        fields = Set.copyOf(fields);
    }

    /** A request for every field. */
    public PollRequest(Checkpoint from, int maxRecords, Optional<ChangeHint> hint) {
        this(from, maxRecords, hint, Set.of());
    }

    /** A plain read from a checkpoint, every field. */
    public static PollRequest from(Checkpoint checkpoint, int maxRecords) {
        return new PollRequest(checkpoint, maxRecords, Optional.empty());
    }

    /** The same request, asking only for these fields (empty: every field). */
    public PollRequest withFields(Set<String> fields) {
        return new PollRequest(from, maxRecords, hint, fields);
    }
}
