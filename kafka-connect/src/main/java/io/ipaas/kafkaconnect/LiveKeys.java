package io.ipaas.kafkaconnect;

import java.util.Set;

/** The keys a topic holds a live record for now (its last record under the key is not a tombstone). */
interface LiveKeys extends AutoCloseable {
    Set<String> of(String topic);

    @Override
    void close();
}
