package io.ipaas.bcsandbox.http;

import io.ipaas.bcsandbox.odata.BcException;
import java.util.Optional;

/** Failures injected into writes only: what a client must survive without losing or doubling a record. */
public interface WriteFaults {
    /** The failure the next write (POST, PATCH, DELETE; each inside a {@code $batch} too) answers with, if any. */
    Optional<BcException> nextWriteFailure();

    /** Whether the request that just created a sales order is to get no answer (stored, then the line drops). */
    boolean takeTimeoutAfterCreate();

    WriteFaults NONE = new WriteFaults() {
        @Override
        public Optional<BcException> nextWriteFailure() {
            return Optional.empty();
        }

        @Override
        public boolean takeTimeoutAfterCreate() {
            return false;
        }
    };
}
