package io.ipaas.bcsandbox.odata;

/**
 * A collection the sandbox can page through in a stable order. Records live at positions
 * {@code 0..n}, possibly with gaps; a position never changes, so a skip token holding one stays valid.
 */
public interface Table<R> {

    EntityType<R> type();

    /** Identifies the collection (company + set) so a skip token cannot be replayed elsewhere. */
    String scope();

    /** The first position at or after {@code from} that holds a record, or -1 when there is none. */
    long next(long from);

    /** Builds the record at {@code position} (a position {@link #next} returned). */
    R record(long position);

    /**
     * The value of {@code property} at {@code position} when it is cheaper than building the record (e.g. a
     * timestamp filtered on); null to build the record.
     */
    default Object cheapValue(String property, long position) {
        return null;
    }
}
