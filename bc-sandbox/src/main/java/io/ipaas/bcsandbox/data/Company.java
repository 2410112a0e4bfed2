package io.ipaas.bcsandbox.data;

import java.util.Objects;
import java.util.UUID;

/**
 * A company of the emulated environment.
 *
 * @param id the company GUID used in {@code companies({id})}
 * @param name the company name (BC's key)
 * @param displayName shown name
 * @param items how many items it holds
 */
public record Company(UUID id, String name, String displayName, int items) {
    public Company {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
    }
}
