package io.ipaas.connector.testkit;

import io.ipaas.connector.api.entity.OutboundRecord;
import java.util.List;
import java.util.Objects;

/**
 * Records the writer cases write to one entity. A repeated write must give each record the remote key it gave the
 * first time; when the entity is also listed in {@link ContractBackend#expectedKeys()}, the kit also checks that
 * the backend holds each record once.
 *
 * @param entity the writable entity
 * @param valid at least two records the backend accepts, each with its own (fresh) idempotency key
 * @param bad one record the backend refuses (a missing required field, an impossible value), with its own key
 */
public record WriterFixture(String entity, List<OutboundRecord> valid, OutboundRecord bad) {
    public WriterFixture {
        Objects.requireNonNull(entity, "entity");
        valid = List.copyOf(valid);
        Objects.requireNonNull(bad, "bad");
        if (valid.size() < 2) {
            throw new IllegalArgumentException("a writer fixture needs at least two valid records");
        }
    }
}
