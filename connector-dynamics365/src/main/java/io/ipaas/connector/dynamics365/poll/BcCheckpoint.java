package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.Checkpoint;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoint layout (format 1).
 *
 * @param watermark every record modified before this instant (minus the overlap) was delivered by an earlier,
 *     completed sync; empty before the first completed sync
 * @param signpost the upper bound of the sync in progress, fixed when it started
 * @param nextLink BC's continuation link for the sync in progress, as stored (checked before it is followed:
 *     a checkpoint written by an older version may hold one that must not be)
 */
record BcCheckpoint(Optional<Instant> watermark, Optional<Instant> signpost, Optional<String> nextLink) {
    static final int FORMAT = 1;

    static BcCheckpoint from(Checkpoint checkpoint) {
        if (checkpoint.isInitial()) {
            return new BcCheckpoint(Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (checkpoint.format() != FORMAT) {
            throw ConnectorException.internal(
                    "checkpoint format " + checkpoint.format() + " is not known to this "
                            + "connector version; reset the entity's checkpoint to read it again from the start",
                    null);
        }
        try {
            return new BcCheckpoint(
                    instant(checkpoint.values().get("watermark")),
                    instant(checkpoint.values().get("signpost")),
                    Optional.ofNullable((String) checkpoint.values().get("nextLink")));
        } catch (DateTimeParseException | ClassCastException e) {
            throw ConnectorException.internal(
                    "the stored checkpoint is damaged (" + e.getMessage()
                            + "); reset the entity's checkpoint to read it again from the start",
                    e);
        }
    }

    Checkpoint toCheckpoint() {
        Map<String, Object> values = new LinkedHashMap<>();
        watermark.ifPresent(w -> values.put("watermark", w.toString()));
        signpost.ifPresent(s -> values.put("signpost", s.toString()));
        nextLink.ifPresent(n -> values.put("nextLink", n));
        return new Checkpoint(FORMAT, values);
    }

    private static Optional<Instant> instant(Object value) {
        return Optional.ofNullable((String) value).map(Instant::parse);
    }
}
