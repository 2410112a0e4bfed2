package io.ipaas.bcsandbox.odata;

import java.util.List;
import java.util.Map;

/**
 * What the API answers: a status, headers, and either a JSON document or a page of records to stream.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param document a JSON object (single entity, error), or null when {@code records} is used
 * @param context the {@code @odata.context} of a listing
 * @param records the records of a listing
 * @param nextLink the absolute continuation link, or null
 */
public record ApiResponse(int status, Map<String, String> headers, Map<String, Object> document, String context,
                          List<Map<String, Object>> records, String nextLink) {
}
