package io.ipaas.bcsandbox.odata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The OData system query options of one request, decoded; unknown {@code $} options are rejected as BC does. */
public record QueryOptions(Map<String, String> values) {
    private static final Set<String> SUPPORTED = Set.of("$filter", "$select", "$expand", "$top", "$skiptoken",
            "$schemaversion", "$orderby");

    public static QueryOptions parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name.startsWith("$") && !SUPPORTED.contains(name)) {
                    throw BcFault.of(400, "BadRequest_NotFound", "The query parameter '" + name + "' is not supported.").raise();
                }
                values.put(name, value);
            }
        }
        return new QueryOptions(Map.copyOf(values));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BcFault.querySyntax();
        }
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Optional<Integer> top() {
        return get("$top").map(value -> {
            try {
                int top = Integer.parseInt(value);
                if (top < 0) {
                    throw BcFault.querySyntax();
                }
                return top;
            } catch (NumberFormatException e) {
                throw BcFault.querySyntax();
            }
        });
    }
}
