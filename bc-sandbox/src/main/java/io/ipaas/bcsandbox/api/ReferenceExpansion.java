package io.ipaas.bcsandbox.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.EntityWriter;
import io.ipaas.bcsandbox.odata.ExpandOption;
import io.ipaas.bcsandbox.odata.Expansion;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A single-valued navigation property BC generates from an {@code …Id} field ({@code items?$expand=itemCategory},
 * {@code customers?$expand=paymentTerm}, {@code salesOrders?$expand=customer}; facts §2 "navigation properties"):
 * the referenced record as a nested object, or {@code null} when the id is empty or names nothing.
 */
final class ReferenceExpansion<R> implements Expansion<R> {
    private final Function<R, Object> idOf;
    private final RowSet target;
    private final EntityType<Map<String, Object>> targetType;

    ReferenceExpansion(Function<R, Object> idOf, RowSet target, EntityType<Map<String, Object>> targetType) {
        this.idOf = idOf;
        this.target = target;
        this.targetType = targetType;
    }

    @Override
    public void write(JsonGenerator json, R parent, ExpandOption option) throws IOException {
        Object id = idOf.apply(parent);
        Optional<Map<String, Object>> row = id instanceof UUID uuid ? target.find(uuid) : Optional.empty();
        if (row.isEmpty()) {
            json.writeNull();
            return;
        }
        EntityWriter.write(json, targetType, row.get(), option.select(), List.of(), Map.of());
    }
}
