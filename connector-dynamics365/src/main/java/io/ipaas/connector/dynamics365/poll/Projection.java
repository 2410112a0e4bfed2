package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What to ask Business Central for, from the fields the host reads: {@code $select} of those fields plus the key
 * and cursor the poller needs itself, and the expansion with its own {@code $select} (or none when no mapping reads
 * it). Without fields everything is read, as before. Microsoft: "without $select all fields incl. extension fields
 * are read" (facts §3.1).
 *
 * @param select the top-level fields, empty for all
 * @param expand the navigation property to expand, if any
 * @param expandSelect the expansion's fields, empty for all
 */
record Projection(Set<String> select, Optional<String> expand, Set<String> expandSelect) {

    static Projection of(EntityDefinition entity, Set<String> fields) {
        Optional<String> navigation = entity.expand().map(e -> e.navigation());
        if (fields.isEmpty()) {
            return new Projection(Set.of(), navigation, Set.of());
        }
        Set<String> select = new LinkedHashSet<>();
        select.add(entity.key());
        if (!entity.cursorField().isEmpty()) {
            select.add(entity.cursorField());
        }
        Set<String> nested = new LinkedHashSet<>();
        boolean expansionRead = false;
        for (String path : fields) {
            int dot = path.indexOf('.');
            String head = dot < 0 ? path : path.substring(0, dot);
            if (navigation.isPresent() && head.equals(navigation.get())) {
                expansionRead = true;
                if (dot >= 0) {
                    String rest = path.substring(dot + 1);
                    int next = rest.indexOf('.');
                    nested.add(next < 0 ? rest : rest.substring(0, next));
                }
            } else if (dot < 0) {
                select.add(head);
            }
            // a dotted path into anything but the expansion cannot be read from this entity set: BC would refuse
            // the navigation property in $select, and the mapping then sees a missing value, as without $select
        }
        return new Projection(Set.copyOf(select), expansionRead ? navigation : Optional.empty(), Set.copyOf(nested));
    }

    void applyTo(ODataQuery query) {
        if (!select.isEmpty()) {
            query.select(String.join(",", select.stream().sorted().toList()));
        }
        expand.ifPresent(navigation -> query.expand(
                expandSelect.isEmpty()
                        ? navigation
                        : navigation + "($select="
                                + String.join(
                                        ",", expandSelect.stream().sorted().toList()) + ")"));
    }
}
