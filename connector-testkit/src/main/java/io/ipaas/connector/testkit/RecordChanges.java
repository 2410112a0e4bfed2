package io.ipaas.connector.testkit;

import java.util.HashSet;
import java.util.Set;

/**
 * What {@link ContractBackend#changeRecords} changed at the backend.
 *
 * @param touched keys of existing records that were modified
 * @param added keys of records that were created
 * @param deleted keys of records that were removed
 * @param deletesVisible whether the connector's next poll is expected to report the deletes (as records with
 *     {@link io.ipaas.connector.api.entity.Operation#DELETE}); false for remote systems whose incremental reads
 *     carry no tombstones (Business Central's {@code lastModifiedDateTime} filter, for one)
 */
public record RecordChanges(Set<String> touched, Set<String> added, Set<String> deleted, boolean deletesVisible) {
    public RecordChanges {
        touched = Set.copyOf(touched);
        added = Set.copyOf(added);
        deleted = Set.copyOf(deleted);
    }

    /** Keys the next incremental sync must deliver as upserts. */
    public Set<String> upserted() {
        Set<String> keys = new HashSet<>(touched);
        keys.addAll(added);
        return keys;
    }

    /** Every key that changed in any way. */
    public Set<String> all() {
        Set<String> keys = upserted();
        keys.addAll(deleted);
        return keys;
    }
}
