package io.ipaas.bcsandbox.odata;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's query string as sent: each parameter keeps its raw (still encoded) text, so the
 * {@code @odata.nextLink} can repeat the client's options exactly, and its decoded name and value.
 */
public final class QueryString {
    /** One {@code name=value} pair. */
    public record Parameter(String raw, String name, String value) {}

    private final List<Parameter> parameters;

    private QueryString(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    public static QueryString parse(String rawQuery) {
        List<Parameter> list = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String raw : rawQuery.split("&")) {
                if (raw.isEmpty()) {
                    continue;
                }
                int eq = raw.indexOf('=');
                String name = decode(eq < 0 ? raw : raw.substring(0, eq));
                String value = eq < 0 ? "" : decode(raw.substring(eq + 1));
                list.add(new Parameter(raw, name, value));
            }
        }
        return new QueryString(list);
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** The value of the only parameter with this name; a second one is OData's 400. */
    public Optional<String> single(String name) {
        Parameter found = null;
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                if (found != null) {
                    throw BcErrors.invalidQueryOption("Query option '" + name
                            + "' was specified more than once, but it must be specified at most once.");
                }
                found = parameter;
            }
        }
        return Optional.ofNullable(found).map(Parameter::value);
    }

    /**
     * The raw query with {@code drop} parameters removed and {@code add} (already encoded) appended, for
     * links that repeat the client's request.
     */
    public String rebuild(List<String> drop, List<String> add) {
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : parameters) {
            if (!drop.contains(parameter.name())) {
                query.append(query.length() == 0 ? "" : "&").append(parameter.raw());
            }
        }
        for (String extra : add) {
            query.append(query.length() == 0 ? "" : "&").append(extra);
        }
        return query.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BcErrors.querySyntax();
        }
    }
}
