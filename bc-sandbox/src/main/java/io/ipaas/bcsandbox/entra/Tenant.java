package io.ipaas.bcsandbox.entra;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The emulated Entra tenant: its id and its verified domain. URLs may name it either way (facts §1.1, §7.1).
 *
 * @param id     the directory (tenant) id
 * @param domain a verified domain, e.g. {@code cronus.onmicrosoft.com}
 */
public record Tenant(UUID id, String domain) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
    }

    /** True when a URL segment names this tenant (GUID or domain, case-insensitively). */
    public boolean matches(String segment) {
        if (segment == null) {
            return false;
        }
        String lower = segment.toLowerCase(Locale.ROOT);
        return lower.equals(id.toString()) || lower.equals(domain.toLowerCase(Locale.ROOT));
    }
}
