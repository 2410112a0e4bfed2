package io.ipaas.connector.dynamics365.entity;

/** How an entity set is read: which of the connector's few readers the catalogue assigns it to. */
public enum Reader {
    /** Incrementally, filtered on the cursor field from a persisted watermark (every API v2.0 entity). */
    WATERMARK,
    /** Whole on every sync, for sets without a modification time (ODataV4 pages such as price groups). */
    SNAPSHOT,
    /** Whole on every sync and grouped by item into price rules and the guide's formatted price string. */
    SALES_PRICES,
    /** Computed whole on every sync from the contacts: people related to their company contact. */
    PERSON_RELATIONSHIPS,
    /** Computed whole on every sync from the customer cards: parent companies, parents first. */
    COMPANY_HIERARCHY
}
