package io.ipaas.bcsandbox.http;

import io.ipaas.bcsandbox.odata.BcException;
import java.util.Optional;

/** Failures injected into writes only: what a client must survive without losing or doubling a record. */
public interface WriteFaults {
    /**
     * The failure the next write (POST, PATCH, DELETE; each inside a {@code $batch} too) answers with, if any.
     *
     * @param table the BC table the write goes to, e.g. {@code Sales Header}, for BC's lock message
     */
    Optional<BcException> nextWriteFailure(String table);

    /** Whether the request that just created a sales order is to get no answer (stored, then the line drops). */
    boolean takeTimeoutAfterCreate();

    WriteFaults NONE = new WriteFaults() {
        @Override
        public Optional<BcException> nextWriteFailure(String table) {
            return Optional.empty();
        }

        @Override
        public boolean takeTimeoutAfterCreate() {
            return false;
        }
    };
}
