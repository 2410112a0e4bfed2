package io.ipaas.bcsandbox.data;

import java.util.Objects;
import java.util.UUID;

/**
 * A company of the emulated environment, as the {@code companies} entity set lists it.
 *
 * @param id          the company's system id, used in {@code companies({id})} URLs
 * @param name        the company name (the key of ODataV4 {@code Company('name')} URLs)
 * @param displayName the display name
 */
public record Company(UUID id, String name, String displayName) {
    public Company {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
    }
}
