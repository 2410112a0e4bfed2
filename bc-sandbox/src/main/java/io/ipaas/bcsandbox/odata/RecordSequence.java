package io.ipaas.bcsandbox.odata;

import java.util.Map;
import java.util.Set;

/** An entity set as an indexed sequence, in BC's stable key order; records are produced on demand. */
public interface RecordSequence {
    long size();

    Map<String, Object> get(long position);

    /** The OData type name used in error messages, e.g. {@code Microsoft.NAV.item}. */
    String typeName();

    Set<String> properties();
}
