package io.ipaas.bcsandbox.odata;

/**
 * The row a filter is looking at: answers cheap properties without building the record, and builds it
 * at most once when anything else is asked. One view per request thread, moved from row to row.
 */
final class RowView<R> implements ValueSource {
    private final Table<R> table;
    private long position = -1;
    private R record;

    RowView(Table<R> table) {
        this.table = table;
    }

    void moveTo(long newPosition) {
        position = newPosition;
        record = null;
    }

    R record() {
        if (record == null) {
            record = table.record(position);
        }
        return record;
    }

    @Override
    public Object value(String property) {
        Object cheap = table.cheapValue(property, position);
        return cheap != null ? cheap : table.type().require(property).read(record());
    }
}
