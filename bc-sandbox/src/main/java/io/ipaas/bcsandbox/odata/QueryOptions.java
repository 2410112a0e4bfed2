package io.ipaas.bcsandbox.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OData system query options of one request, parsed and checked against the addressed entity type.
 *
 * <p>Like BC, options the service does not know ({@code $wibble}) are ignored. {@code $search} and
 * {@code $apply} are refused (a probe found BC refusing them; the exact answer is unconfirmed, the sandbox gives
 * 501 BadRequest_MethodNotImplemented) rather than ignored, which would hand a client every record as a match.
 * Options BC supports but the sandbox does not emulate ({@code $count}, {@code $compute}) are refused with a 400
 * that says so, so a client relying on them notices here rather than against BC.
 *
 * @param filter    the {@code $filter}, or null
 * @param select    the {@code $select}
 * @param expand    the {@code $expand} items
 * @param top       the {@code $top}, or null
 * @param skip      the {@code $skip} (0 when absent)
 * @param skipToken the {@code $skiptoken}, or null
 * @param query     the raw query string, for next links
 * @param orderBy   the {@code $orderby} keys; empty for the set's own order
 */
public record QueryOptions(
        FilterExpression filter,
        Selection select,
        List<ExpandOption> expand,
        Long top,
        long skip,
        String skipToken,
        QueryString query,
        List<OrderBy> orderBy) {

    private static final Set<String> NOT_EMULATED = Set.of("$count", "$compute", "$index", "$levels");
    private static final Set<String> REFUSED = Set.of("$search", "$apply");

    /**
     * @param expandable the navigation properties of {@code type} the sandbox can expand, with their types
     */
    public static QueryOptions parse(QueryString query, EntityType<?> type, Map<String, EntityType<?>> expandable) {
        for (QueryString.Parameter parameter : query.parameters()) {
            if (NOT_EMULATED.contains(parameter.name())) {
                throw BcErrors.notEmulated("The query option '" + parameter.name() + "'");
            }
            if (REFUSED.contains(parameter.name())) {
                throw new BcException(
                        501,
                        "BadRequest_MethodNotImplemented",
                        "The query option '" + parameter.name() + "' is not supported.");
            }
        }
        query.single("$format").ifPresent(format -> {
            if (!format.equals("json") && !format.startsWith("application/json")) {
                throw BcErrors.notEmulated("$format=" + format);
            }
        });
        FilterExpression filter = query.single("$filter")
                .map(text -> FilterParser.parse(text, type))
                .orElse(null);
        Selection select =
                query.single("$select").map(text -> Selection.parse(text, type)).orElse(Selection.ALL);
        List<ExpandOption> expand = query.single("$expand")
                .map(text -> parseExpand(text, type, expandable))
                .orElse(List.of());
        Long top = query.single("$top").map(text -> nonNegative("$top", text)).orElse(null);
        long skip =
                query.single("$skip").map(text -> nonNegative("$skip", text)).orElse(0L);
        String skipToken = query.single("$skiptoken").orElse(null);
        List<OrderBy> orderBy =
                query.single("$orderby").map(text -> OrderBy.parse(text, type)).orElse(List.of());
        return new QueryOptions(filter, select, expand, top, skip, skipToken, query, orderBy);
    }

    private static long nonNegative(String option, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the OData library's message
        }
        throw BcErrors.invalidQueryOption("Invalid value '" + text + "' for " + option + " query option found. The "
                + option + " query option requires a non-negative integer value.");
    }

    private static List<ExpandOption> parseExpand(
            String text, EntityType<?> type, Map<String, EntityType<?>> expandable) {
        List<ExpandOption> options = new ArrayList<>();
        for (String item : splitTopLevel(text, ',')) {
            String trimmed = item.trim();
            int open = trimmed.indexOf('(');
            String name = (open < 0 ? trimmed : trimmed.substring(0, open)).trim();
            if (name.isEmpty() || (open >= 0 && !trimmed.endsWith(")"))) {
                throw BcErrors.querySyntax();
            }
            if (!type.isNavigationProperty(name)) {
                throw BcErrors.propertyNotFound(name, type.qualifiedName());
            }
            EntityType<?> target = expandable.get(name);
            if (target == null) {
                throw BcErrors.notEmulated("Expanding '" + name + "' on " + type.qualifiedName());
            }
            Selection select = Selection.ALL;
            FilterExpression filter = null;
            if (open >= 0) {
                for (String nested : splitTopLevel(trimmed.substring(open + 1, trimmed.length() - 1), ';')) {
                    int eq = nested.indexOf('=');
                    String option =
                            eq < 0 ? nested.trim() : nested.substring(0, eq).trim();
                    String value = eq < 0 ? "" : nested.substring(eq + 1);
                    switch (option) {
                        case "$select" -> select = Selection.parse(value, target);
                        case "$filter" -> filter = FilterParser.parse(value, target);
                        case "" -> {}
                        default -> throw BcErrors.notEmulated("The nested query option '" + option + "'");
                    }
                }
            }
            options.add(new ExpandOption(name, select, filter));
        }
        return List.copyOf(options);
    }

    /** Splits on {@code separator} outside parentheses and string literals. */
    private static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth < 0) {
                    throw BcErrors.querySyntax();
                }
            } else if (!quoted && depth == 0 && c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw BcErrors.querySyntax();
        }
        parts.add(text.substring(start));
        return parts;
    }

    public boolean expands(String navigation) {
        return expand.stream().anyMatch(e -> e.navigation().equals(navigation));
    }
}
