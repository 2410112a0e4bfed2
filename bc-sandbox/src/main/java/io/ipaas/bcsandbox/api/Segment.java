package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.odata.BcErrors;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One decoded path segment: an entity set or navigation name with an optional key, {@code items(<guid>)}.
 *
 * @param name the name
 * @param key  the text between the parentheses, or null
 */
public record Segment(String name, String key) {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static Segment parse(String text) {
        int open = text.indexOf('(');
        if (open < 0) {
            return new Segment(text, null);
        }
        if (!text.endsWith(")") || open == 0) {
            throw BcErrors.querySyntax();
        }
        return new Segment(
                text.substring(0, open),
                text.substring(open + 1, text.length() - 1).trim());
    }

    public boolean hasKey() {
        return key != null;
    }

    /** The key as a GUID literal (bare, as BC's API keys are); BC's query-syntax 400 otherwise. */
    public UUID guidKey() {
        if (key == null || !GUID.matcher(key).matches()) {
            throw BcErrors.querySyntax();
        }
        return UUID.fromString(key);
    }
}
