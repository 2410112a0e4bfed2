/**
 * Entities: what a connector can read and write ({@link io.ipaas.connector.api.entity.EntityDescriptor}),
 * the records that flow, and the optional facets of each entity (a poll source, a writer).
 */
package io.ipaas.connector.api.entity;
