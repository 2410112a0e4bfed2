package io.ipaas.mappings;

import java.util.List;

/** A mapping document is malformed; {@link #problems()} lists every problem with its location. */
public final class MappingFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public MappingFormatException(List<String> problems) {
        super("invalid mapping document: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
