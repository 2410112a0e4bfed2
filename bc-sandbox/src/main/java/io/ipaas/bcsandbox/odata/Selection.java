package io.ipaas.bcsandbox.odata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The structural properties a response carries: all of them, or the {@code $select} list. Navigation
 * properties named in {@code $select} are accepted and add nothing, as in OData minimal metadata.
 *
 * @param selected the selected structural properties in the type's order, or null for all
 */
public record Selection(List<String> selected) {
    public static final Selection ALL = new Selection(null);

    /** Parses a {@code $select} value against {@code type}; unknown names are BC's 400. */
    public static Selection parse(String text, EntityType<?> type) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String name = part.trim();
            if (name.equals("*")) {
                return ALL;
            }
            if (name.isEmpty()) {
                throw BcErrors.querySyntax();
            }
            if (!type.isNavigationProperty(name)) {
                type.require(name);
                names.add(name);
            }
        }
        List<String> ordered = new ArrayList<>();
        type.properties().forEach(p -> {
            if (names.contains(p.name())) {
                ordered.add(p.name());
            }
        });
        return new Selection(List.copyOf(ordered));
    }

    public boolean isAll() {
        return selected == null;
    }

    public boolean includes(String property) {
        return selected == null || selected.contains(property);
    }
}
