package io.ipaas.connector.api.poll;

/**
 * Reads one entity incrementally.
 *
 * <p>Holds no state between calls: everything needed to resume is in the checkpoint. The host calls
 * {@link #poll} from one thread per entity, stores the records, commits {@link PollBatch#next()}, and calls
 * again while {@link PollBatch#hasMore()} is true. A failed call leaves the committed checkpoint as it was.
 */
public interface PollSource {

    /**
     * Returns the next batch after {@code request.from()}.
     *
     * @throws io.ipaas.connector.api.error.ConnectorException TRANSIENT (retry with the same checkpoint),
     *     AUTHENTICATION, PERMISSION or CONFIGURATION
     */
    PollBatch poll(PollRequest request);
}
