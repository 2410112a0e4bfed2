package io.ipaas.bcsandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A BC API path split into its parts. Both of BC's forms are accepted (facts §1.1):
 * {@code /v2.0/{tenant}/{environment}/api/v2.0/...} and {@code /v2.0/{environment}/api/v2.0/...} (tenant
 * taken from the token).
 *
 * @param tenantSegment the tenant as written in the URL, or null in the short form
 * @param environment   the environment name
 * @param rawRoot       the raw path up to and including {@code api/v2.0}, for context URLs and links
 * @param segments      the decoded segments after {@code api/v2.0}, empty ones dropped
 */
record ApiPath(String tenantSegment, String environment, String rawRoot, List<String> segments) {

    static Optional<ApiPath> parse(String rawPath) {
        String[] parts = rawPath.split("/", -1);
        // parts[0] is empty (leading slash), parts[1] is "v2.0"
        if (parts.length < 5 || !parts[0].isEmpty() || !parts[1].equals("v2.0")) {
            return Optional.empty();
        }
        int api = parts[3].equals("api") ? 3 : parts.length > 5 && parts[4].equals("api") ? 4 : -1;
        if (api < 0 || parts.length <= api + 1 || !parts[api + 1].equals("v2.0")) {
            return Optional.empty();
        }
        String tenant = api == 4 ? decode(parts[2]) : null;
        String environment = decode(parts[api - 1]);
        StringBuilder root = new StringBuilder();
        for (int i = 1; i <= api + 1; i++) {
            root.append('/').append(parts[i]);
        }
        List<String> segments = new ArrayList<>();
        for (int i = api + 2; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                segments.add(decode(parts[i]));
            }
        }
        return Optional.of(new ApiPath(tenant, environment, root.toString(), List.copyOf(segments)));
    }

    /** The entity set or navigation the URL ends in, for request counters ("" for the service root). */
    String countedSegment() {
        if (segments.isEmpty()) {
            return "";
        }
        String last = segments.get(segments.size() - 1);
        int open = last.indexOf('(');
        return open < 0 ? last : last.substring(0, open);
    }

    /** Percent-decoding for a path segment: unlike a query, '+' stays a plus. */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
