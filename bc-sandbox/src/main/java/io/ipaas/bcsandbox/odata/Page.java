package io.ipaas.bcsandbox.odata;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One page of a listing.
 *
 * @param records the records on the page
 * @param next position where the next page starts, when more matching records exist
 */
public record Page(List<Map<String, Object>> records, OptionalLong next) {
}
