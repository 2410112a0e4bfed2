package io.ipaas.bcsandbox.odata;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes the value of one expanded navigation property (an array for collections) of a parent record. */
@FunctionalInterface
public interface Expansion<R> {
    void write(JsonGenerator json, R parent, ExpandOption option) throws IOException;
}
