package io.ipaas.bcsandbox.odata;

/**
 * One {@code $expand} item, e.g. {@code itemVariants($select=code;$filter=code eq 'RED')}.
 *
 * @param navigation the navigation property
 * @param select     the nested {@code $select}
 * @param filter     the nested {@code $filter}, or null
 */
public record ExpandOption(String navigation, Selection select, FilterExpression filter) {}
