package io.ipaas.bcsandbox.odata;

import java.util.Optional;

/** Which records of a collection to serve broken, by the collection's scope and the record's position. */
@FunctionalInterface
public interface RecordFaults {
    RecordFaults NONE = (scope, position) -> Optional.empty();

    Optional<RecordFault> at(String scope, long position);
}
