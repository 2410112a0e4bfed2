package io.ipaas.bcsandbox.odata;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes the value of one expanded navigation property (an array for collections) of a parent record. */
@FunctionalInterface
public interface Expansion<R> {
    void write(JsonGenerator json, R parent, ExpandOption option) throws IOException;

    /**
     * Throws the error BC would answer if expanding this parent fails (bad data in a child). A page is checked
     * whole before its first byte is sent, because BC fails such a request whole rather than midway.
     */
    default void check(R parent) {}

    /** Whether {@link #check} can fail at all; pages of expansions that cannot are not checked twice. */
    default boolean canFail() {
        return false;
    }
}
