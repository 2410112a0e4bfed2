package io.ipaas.connector.api.entity;

/** Which way records of an entity can flow, seen from the platform. */
public enum Direction {
    /** From the remote system to the platform. */
    INBOUND,
    /** From the platform to the remote system. */
    OUTBOUND
}
