package io.ipaas.mappings;

/** Which way a collection maps. */
public enum MappingDirection {
    /** Connector records become platform records. */
    INBOUND,
    /** Platform records become connector records. */
    OUTBOUND
}
