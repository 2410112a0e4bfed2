package io.ipaas.connector.dynamics365.odata;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Builds an OData query string; system options keep their literal {@code $} names, values are percent-encoded. */
public final class ODataQuery {
    private final List<String> filters = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    public static ODataQuery create() {
        return new ODataQuery();
    }

    /** Adds a filter clause; several clauses are joined with {@code and}. */
    public ODataQuery filter(String clause) {
        filters.add(clause);
        return this;
    }

    public ODataQuery expand(String expand) {
        options.put("$expand", expand);
        return this;
    }

    public ODataQuery select(String select) {
        options.put("$select", select);
        return this;
    }

    public ODataQuery top(int top) {
        options.put("$top", Integer.toString(top));
        return this;
    }

    /** The query string including the leading {@code ?}, or empty. */
    public String toQueryString() {
        Map<String, String> all = new LinkedHashMap<>();
        if (!filters.isEmpty()) {
            all.put("$filter", String.join(" and ", filters));
        }
        all.putAll(options);
        if (all.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        all.forEach((name, value) -> joiner.add(name + "=" + encode(value)));
        return joiner.toString();
    }

    static String encode(String value) {
        // URLEncoder is for forms: '+' would reach BC as a literal plus, so spaces become %20
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
