package io.ipaas.connector.example;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.Checkpoint;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a contacts read stands (format 1), as JSON-compatible strings so the host can store it as it likes.
 *
 * @param watermark the {@code updatedSince} of the current sync: every contact changed before it was delivered by an
 *     earlier, completed sync; empty for the first sync
 * @param cursor the API's cursor inside the current sync; empty between syncs
 * @param seenUpTo the latest {@code updatedAt} delivered in the current sync, which becomes the next watermark
 */
record ContactsCheckpoint(Optional<Instant> watermark, Optional<String> cursor, Optional<Instant> seenUpTo) {
    static final int FORMAT = 1;
    static final ContactsCheckpoint START =
            new ContactsCheckpoint(Optional.empty(), Optional.empty(), Optional.empty());

    static ContactsCheckpoint of(Checkpoint checkpoint) {
        if (checkpoint.isInitial()) {
            return START;
        }
        if (checkpoint.format() != FORMAT) {
            throw ConnectorException.internal(
                    "checkpoint format " + checkpoint.format() + " is not one this connector version reads (" + FORMAT
                            + "); pull with --full to start over",
                    null);
        }
        Map<String, Object> values = checkpoint.values();
        return new ContactsCheckpoint(
                instant(values, "watermark"),
                Optional.ofNullable((String) values.get("cursor")),
                instant(values, "seenUpTo"));
    }

    /** The checkpoint after a page: inside the sync while the API gives a cursor, else the next sync's start. */
    ContactsCheckpoint after(Optional<Instant> latestOnPage, Optional<String> nextCursor) {
        Optional<Instant> seen = later(seenUpTo, latestOnPage);
        if (nextCursor.isPresent()) {
            return new ContactsCheckpoint(watermark, nextCursor, seen);
        }
        return new ContactsCheckpoint(later(watermark, seen), Optional.empty(), Optional.empty());
    }

    Checkpoint toCheckpoint() {
        Map<String, Object> values = new LinkedHashMap<>();
        watermark.ifPresent(w -> values.put("watermark", w.toString()));
        cursor.ifPresent(c -> values.put("cursor", c));
        seenUpTo.ifPresent(s -> values.put("seenUpTo", s.toString()));
        return new Checkpoint(FORMAT, values);
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    private static Optional<Instant> instant(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.toString()));
        } catch (DateTimeParseException e) {
            throw ConnectorException.internal(
                    "checkpoint " + key + " '" + value + "' is not an instant; pull with --full to start over", e);
        }
    }
}
