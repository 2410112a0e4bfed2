package io.ipaas.connector.api.webhook;

/** What a change notice reports. */
public enum ChangeType {
    CREATED,
    UPDATED,
    DELETED,
    /** Many records changed at once; re-read the collection (from a time, when the notice gives one). */
    COLLECTION
}
