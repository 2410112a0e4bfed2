package io.ipaas.bcsandbox.odata;

import java.util.List;
import java.util.OptionalInt;

/**
 * Reads {@code Prefer: odata.maxpagesize=N} (possibly among other preferences, in one or several headers).
 */
public final class PagePreference {
    private PagePreference() {}

    /** The requested page size, if a valid positive one was sent. */
    public static OptionalInt maxPageSize(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return OptionalInt.empty();
        }
        for (String header : preferHeaders) {
            for (String preference : header.split(",")) {
                String[] parts = preference.trim().split("=", 2);
                if (parts.length == 2 && parts[0].trim().equalsIgnoreCase("odata.maxpagesize")) {
                    try {
                        int size = Integer.parseInt(parts[1].trim().replace("\"", ""));
                        if (size > 0) {
                            return OptionalInt.of(size);
                        }
                    } catch (NumberFormatException e) {
                        // an invalid preference is ignored, as preferences may be
                    }
                }
            }
        }
        return OptionalInt.empty();
    }
}
