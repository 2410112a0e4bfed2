package io.ipaas.connector.dynamics365.entity;

/** What an entity is to a sync: it decides where a first read starts and how often it is worth reading. */
public enum EntityKind {
    /** Records people keep up to date (items, customers): a first read takes them all. */
    MASTER,
    /** Documents (orders, invoices, shipments): a first read reaches back a set number of days. */
    TRANSACTION,
    /** Small code lists that mappings translate through (currencies, payment terms). */
    REFERENCE
}
