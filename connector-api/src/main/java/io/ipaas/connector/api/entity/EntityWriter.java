package io.ipaas.connector.api.entity;

import io.ipaas.connector.api.error.ConnectorException;
import java.util.List;
import java.util.Optional;

/**
 * Writes platform records to the remote system.
 *
 * <p>Called by the host from its outbox; a call may be repeated after a crash, so writes must be
 * idempotent on {@link OutboundRecord#idempotencyKey()}. One bad record fails alone.
 */
public interface EntityWriter {

    /**
     * Writes the records, as few requests as the remote system allows.
     *
     * @return one outcome per record, in input order
     * @throws io.ipaas.connector.api.error.ConnectorException for failures that affect the whole call
     *     (authentication, throttling); per-record failures are outcomes instead
     */
    List<WriteOutcome> write(List<OutboundRecord> records);

    /**
     * Checks one record as {@link #write} would before sending it, without writing and without the network: what a
     * dry run shows. The default finds nothing wrong.
     *
     * @return the DATA error the record would fail with, or empty
     */
    default Optional<ConnectorException> validate(OutboundRecord record) {
        return Optional.empty();
    }
}
