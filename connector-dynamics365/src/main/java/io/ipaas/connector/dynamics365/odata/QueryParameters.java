package io.ipaas.connector.dynamics365.odata;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and rewrites one query parameter of a URL as sent (raw, percent-encoded), leaving every other parameter
 * byte for byte as it was: a continuation link's opaque {@code $skiptoken} must survive untouched.
 */
public final class QueryParameters {
    private QueryParameters() {}

    /** The raw (still percent-encoded) value of the parameter, if present. */
    public static Optional<String> raw(URI uri, String name) {
        for (String pair : pairs(uri)) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(pair.substring(equals + 1));
            }
        }
        return Optional.empty();
    }

    /** The URL without the parameter. */
    public static URI without(URI uri, String name) {
        List<String> kept = new ArrayList<>();
        for (String pair : pairs(uri)) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (!key.equals(name)) {
                kept.add(pair);
            }
        }
        return withQuery(uri, String.join("&", kept));
    }

    /** The URL with the parameter set to a raw (already encoded) value, replacing any earlier value. */
    public static URI with(URI uri, String name, String rawValue) {
        URI base = without(uri, name);
        String query = base.getRawQuery();
        String pair = name + "=" + rawValue;
        return withQuery(base, query == null || query.isEmpty() ? pair : query + "&" + pair);
    }

    private static List<String> pairs(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        return List.of(query.split("&"));
    }

    private static URI withQuery(URI uri, String rawQuery) {
        String text = uri.toString();
        int question = text.indexOf('?');
        String head = question < 0 ? text : text.substring(0, question);
        int hash = head.indexOf('#');
        if (hash >= 0) {
            head = head.substring(0, hash);
        }
        return URI.create(rawQuery.isEmpty() ? head : head + "?" + rawQuery);
    }
}
