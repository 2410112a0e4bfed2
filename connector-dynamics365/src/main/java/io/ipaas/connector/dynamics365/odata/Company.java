package io.ipaas.connector.dynamics365.odata;

import java.util.Objects;
import java.util.UUID;

/**
 * A Business Central company.
 *
 * @param id the company's GUID, used in every company-scoped URL
 * @param name the company name (BC's key for ODataV4 URLs)
 */
public record Company(UUID id, String name) {
    public Company {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
