package io.ipaas.connector.api.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * Limits on a setting's value. Empty means "no limit".
 *
 * @param minimum smallest allowed integer
 * @param maximum largest allowed integer
 * @param minLength shortest allowed string (or each list element)
 * @param maxLength longest allowed string (or each list element)
 * @param pattern regular expression a string must match in full
 * @param patternDescription the pattern in words, used in messages ("a GUID or a verified domain")
 * @param format a JSON Schema format the value must satisfy ({@code uuid}, {@code uri})
 */
public record Constraints(
        Optional<Long> minimum,
        Optional<Long> maximum,
        Optional<Integer> minLength,
        Optional<Integer> maxLength,
        Optional<String> pattern,
        Optional<String> patternDescription,
        Optional<String> format) {
    public static final Constraints NONE = new Constraints(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public Constraints {
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(maximum, "maximum");
        Objects.requireNonNull(minLength, "minLength");
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(patternDescription, "patternDescription");
        Objects.requireNonNull(format, "format");
    }
}
