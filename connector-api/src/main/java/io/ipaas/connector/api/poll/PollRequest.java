package io.ipaas.connector.api.poll;

import java.util.Objects;
import java.util.Optional;

/**
 * One call of {@link PollSource#poll}.
 *
 * @param from the last committed checkpoint ({@link Checkpoint#initial()} for a first read)
 * @param maxRecords upper bound the host can take in one batch; the connector may return fewer
 * @param hint optional pointer to a specific change
 */
public record PollRequest(Checkpoint from, int maxRecords, Optional<ChangeHint> hint) {
    public PollRequest {
        Objects.requireNonNull(from, "from");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be >= 1");
        }
        Objects.requireNonNull(hint, "hint");
    }

    /** A plain read from a checkpoint. */
    public static PollRequest from(Checkpoint checkpoint, int maxRecords) {
        return new PollRequest(checkpoint, maxRecords, Optional.empty());
    }
}
