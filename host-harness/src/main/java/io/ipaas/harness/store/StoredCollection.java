package io.ipaas.harness.store;

/**
 * A mapping collection as the store knows it: records refer to it by its small id.
 *
 * @param id the store's id for the collection
 * @param name the mapping collection's name
 */
public record StoredCollection(long id, String name) {}
