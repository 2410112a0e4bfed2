package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Table;
import java.util.Map;
import java.util.UUID;

/** {@code companies({id})/customers} and the other row-backed sets: row {@code p} at position {@code p}. */
final class RowTable implements Table<Map<String, Object>> {
    private final RowSet rows;
    private final EntityType<Map<String, Object>> type;
    private final UUID companyId;

    RowTable(RowSet rows, EntityType<Map<String, Object>> type, UUID companyId) {
        this.rows = rows;
        this.type = type;
        this.companyId = companyId;
    }

    @Override
    public EntityType<Map<String, Object>> type() {
        return type;
    }

    @Override
    public String scope() {
        return rows.entitySet() + ":" + companyId;
    }

    @Override
    public long next(long from) {
        return rows.next(from);
    }

    @Override
    public Map<String, Object> record(long position) {
        return rows.row(position);
    }
}
