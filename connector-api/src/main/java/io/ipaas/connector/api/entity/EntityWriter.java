package io.ipaas.connector.api.entity;

import java.util.List;

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
}
