package io.ipaas.bcsandbox.data;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

/**
 * The records of one small entity set of one company (customers, contacts, payment terms…), kept as rows of
 * Microsoft's property names. A row keeps its position for life, so a skip token holding one stays valid; a
 * deleted row leaves a gap. Thread-safe: every method is synchronized (these sets hold hundreds, not millions).
 */
public final class RowSet {
    public static final String ID = "id";
    public static final String LAST_MODIFIED = "lastModifiedDateTime";

    private final String entitySet;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<UUID, Integer> positions = new HashMap<>();

    RowSet(String entitySet) {
        this.entitySet = entitySet;
    }

    public String entitySet() {
        return entitySet;
    }

    synchronized void add(Map<String, Object> row) {
        UUID id = (UUID) row.get(ID);
        positions.put(id, rows.size());
        rows.add(new LinkedHashMap<>(row));
    }

    /** Positions handed out so far (deleted ones included). */
    public synchronized long positions() {
        return rows.size();
    }

    /** The first position at or after {@code from} that holds a row, or -1. */
    public synchronized long next(long from) {
        for (long p = Math.max(0, from); p < rows.size(); p++) {
            if (rows.get((int) p) != null) {
                return p;
            }
        }
        return -1;
    }

    /** The row at a position {@link #next} returned, as an unmodifiable copy. */
    public synchronized Map<String, Object> row(long position) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows.get((int) position)));
    }

    public synchronized OptionalLong position(UUID id) {
        Integer position = positions.get(id);
        return position == null || rows.get(position) == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    public synchronized Optional<Map<String, Object>> find(UUID id) {
        OptionalLong position = position(id);
        return position.isPresent() ? Optional.of(row(position.getAsLong())) : Optional.empty();
    }

    /** Ids of the rows that exist, in paging order. */
    public synchronized List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (row != null) {
                ids.add(row.get(ID).toString());
            }
        }
        return ids;
    }

    /** Marks a row modified now (millisecond precision) and returns its new lastModifiedDateTime. */
    public synchronized Instant touch(UUID id, Clock clock) {
        Map<String, Object> row = rows.get((int) require(id));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        row.put(LAST_MODIFIED, now);
        return now;
    }

    /** Changes one value of a row (a field without a modification time of its own, such as a card's). */
    public synchronized void put(UUID id, String field, Object value) {
        rows.get((int) require(id)).put(field, value);
    }

    /** Adds a row built from its new id, modified now, at the next position. */
    public synchronized UUID create(Function<UUID, Map<String, Object>> build, UUID id, Clock clock) {
        Map<String, Object> row = new LinkedHashMap<>(build.apply(id));
        row.put(ID, id);
        row.put(LAST_MODIFIED, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        add(row);
        return id;
    }

    /** Deletes a row; like BC, no tombstone is left for a lastModifiedDateTime filter to find. */
    public synchronized void delete(UUID id) {
        rows.set((int) require(id), null);
    }

    /**
     * Puts a row back at its own position exactly as it was (a rolled-back update or delete), hidden fields
     * included.
     *
     * @param row a row as {@link #find} or {@link #row} gave it
     */
    public synchronized void restore(Map<String, Object> row) {
        Integer position = positions.get((UUID) row.get(ID));
        if (position == null) {
            throw new IllegalArgumentException("No " + entitySet + " record " + row.get(ID) + " was ever here");
        }
        rows.set(position, new LinkedHashMap<>(row));
    }

    private long require(UUID id) {
        OptionalLong position = position(id);
        if (position.isEmpty()) {
            throw new IllegalArgumentException("No " + entitySet + " record " + id);
        }
        return position.getAsLong();
    }
}
