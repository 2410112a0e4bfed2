package io.ipaas.bcsandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A BC API path split into its parts. Both of BC's forms are accepted (facts §1.1):
 * {@code /v2.0/{tenant}/{environment}/api/v2.0/...} and {@code /v2.0/{environment}/api/v2.0/...} (tenant
 * taken from the token); the published UI pages live beside them under {@code ODataV4} instead of
 * {@code api/v2.0} (facts §1.2).
 *
 * @param tenantSegment the tenant as written in the URL, or null in the short form
 * @param environment   the environment name
 * @param rawRoot       the raw path up to and including {@code api/v2.0}, for context URLs and links
 * @param segments      the decoded segments after {@code api/v2.0}, empty ones dropped
 * @param odataV4       whether the path is below {@code ODataV4} rather than {@code api/v2.0}
 * @param route         {@code v2.0}, a custom API route such as {@code contoso/commerce/v1.0}, or {@code ODataV4}
 */
record ApiPath(
        String tenantSegment,
        String environment,
        String rawRoot,
        List<String> segments,
        boolean odataV4,
        String route) {
    /** The route of Microsoft's standard API. */
    static final String STANDARD = "v2.0";

    static Optional<ApiPath> parse(String rawPath) {
        String[] parts = rawPath.split("/", -1);
        // parts[0] is empty (leading slash), parts[1] is "v2.0"
        if (parts.length < 4 || !parts[0].isEmpty() || !parts[1].equals("v2.0")) {
            return Optional.empty();
        }
        int odata = parts[3].equals("ODataV4") ? 3 : parts.length > 4 && parts[4].equals("ODataV4") ? 4 : -1;
        if (odata > 0) {
            return Optional.of(split(parts, odata, odata, true));
        }
        if (parts.length < 5) {
            return Optional.empty();
        }
        int api = parts[3].equals("api") ? 3 : parts.length > 5 && parts[4].equals("api") ? 4 : -1;
        if (api < 0 || parts.length <= api + 1) {
            return Optional.empty();
        }
        if (parts[api + 1].equals(STANDARD)) {
            return Optional.of(split(parts, api, api + 1, false));
        }
        // a custom API route: api/{publisher}/{group}/{version}/...
        if (parts.length <= api + 3 || !parts[api + 3].matches("v\\d+\\.\\d+|beta")) {
            return Optional.empty();
        }
        return Optional.of(split(parts, api, api + 3, false));
    }

    /**
     * @param service the index of {@code api} or {@code ODataV4}
     * @param last the index of the root's last part ({@code v2.0} after {@code api}, or {@code ODataV4} itself)
     */
    private static ApiPath split(String[] parts, int service, int last, boolean odataV4) {
        int api = service;
        String tenant = api == 4 ? decode(parts[2]) : null;
        String environment = decode(parts[api - 1]);
        StringBuilder root = new StringBuilder();
        for (int i = 1; i <= last; i++) {
            root.append('/').append(parts[i]);
        }
        List<String> segments = new ArrayList<>();
        for (int i = last + 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                segments.add(decode(parts[i]));
            }
        }
        String route = odataV4
                ? "ODataV4"
                : String.join("/", java.util.Arrays.asList(parts).subList(api + 1, last + 1));
        return new ApiPath(tenant, environment, root.toString(), List.copyOf(segments), odataV4, route);
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
