package io.ipaas.connector.api.entity;

import java.util.function.Consumer;

/**
 * Lists the keys of every record the remote system holds for an entity now, whatever a poll's look-back or
 * watermark: what a host compares its stored keys with to find records deleted remotely when no notice said so.
 */
public interface RecordKeys {

    /**
     * Hands every current key to {@code each}, page by page.
     *
     * @throws io.ipaas.connector.api.error.ConnectorException when the listing could not be completed; the host
     *     must then delete nothing
     */
    void forEach(Consumer<String> each);
}
