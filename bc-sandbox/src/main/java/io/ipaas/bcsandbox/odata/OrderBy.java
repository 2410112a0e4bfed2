package io.ipaas.bcsandbox.odata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One key of {@code $orderby}: a property of the addressed type, ascending unless {@code desc}.
 *
 * @param property the property's name
 * @param descending whether {@code desc} was given
 */
public record OrderBy(String property, boolean descending) {

    /** Parses {@code number desc, displayName}; an unknown property is BC's 400 naming it. */
    static List<OrderBy> parse(String text, EntityType<?> type) {
        List<OrderBy> keys = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                throw BcErrors.querySyntax();
            }
            boolean descending = false;
            if (words.length == 2) {
                switch (words[1].toLowerCase(Locale.ROOT)) {
                    case "asc" -> descending = false;
                    case "desc" -> descending = true;
                    default -> throw BcErrors.querySyntax();
                }
            }
            keys.add(new OrderBy(type.require(words[0]).name(), descending));
        }
        return List.copyOf(keys);
    }

    /** Orders rows of extracted key values (one array per row, in the keys' order); nulls first. */
    static Comparator<Object[]> comparator(List<OrderBy> keys) {
        return (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                int compared = compare(a[i], b[i]);
                if (compared != 0) {
                    return keys.get(i).descending() ? -compared : compared;
                }
            }
            return 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof UUID || b instanceof UUID) {
            return a.toString().compareTo(b.toString());
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString()));
        }
        return ((Comparable) a).compareTo(b);
    }
}
