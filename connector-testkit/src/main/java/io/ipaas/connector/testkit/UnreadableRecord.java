package io.ipaas.connector.testkit;

import java.util.Optional;

/**
 * One record a {@link ContractBackend} serves that the connector cannot read (its key missing, an impossible
 * value), from {@link ContractBackend#serveUnreadableRecord} until {@link #close()}. While it is served it is not
 * one of {@link ContractBackend#expectedKeys()} (a backend that breaks one of its existing records leaves that key
 * out until closed): the kit expects every expected record delivered and this one rejected.
 */
public interface UnreadableRecord extends AutoCloseable {

    /** Its key as far as the raw record shows one; empty when the key itself is what is missing or broken. */
    Optional<String> key();

    /** What is wrong with it, for the kit's failure messages (for example "updatedAt is 'yesterday'"). */
    String flaw();

    /** The backend stops serving it (as if a user fixed or removed it); later cases see only readable records. */
    @Override
    void close();
}
