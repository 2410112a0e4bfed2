package io.ipaas.mappings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-level target names one level of a mapping writes, in the order it first writes them: the key set every
 * record mapped at that level shares, worked out once when the mapping is prepared.
 */
final class TargetShape {
    private final String[] names;
    private final Map<String, Integer> slots = new HashMap<>();

    private TargetShape(List<String> names) {
        this.names = names.toArray(String[]::new);
        for (int i = 0; i < this.names.length; i++) {
            slots.put(this.names[i], i);
        }
    }

    static TargetShape of(List<FieldMapping> fields) {
        List<String> names = new ArrayList<>();
        for (FieldMapping field : fields) {
            String head = field.target().head();
            if (!names.contains(head)) {
                names.add(head);
            }
        }
        return new TargetShape(names);
    }

    int size() {
        return names.length;
    }

    String name(int slot) {
        return names[slot];
    }

    /**
     * The slot of a name, or -1 when the mapping never writes it. {@code hint} is where the name is expected: the
     * engine writes names in slot order, and the paths' names are interned, so the usual lookup is one comparison.
     */
    int slot(Object name, int hint) {
        if (hint < names.length && names[hint] == name) {
            return hint;
        }
        Integer slot = slots.get(name);
        return slot == null ? -1 : slot;
    }
}
