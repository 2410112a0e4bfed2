package io.ipaas.connector.api.entity;

/** What a record means for the receiving side. */
public enum Operation {
    /** Create or replace the record with this key. */
    UPSERT,
    /** The record with this key no longer exists. */
    DELETE
}
