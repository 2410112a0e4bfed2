package io.ipaas.connector.dynamics365.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * A navigation property read in the same request as its parent ({@code $expand}).
 *
 * @param navigation BC's navigation property, e.g. {@code itemVariants} or {@code salesInvoiceLines}
 * @param setting the boolean setting that turns it on (e.g. {@code pullItemVariants}); empty for always
 * @param excludeBy the child field compared with {@code excludedLineItemSkus}: children whose value is listed there
 *     are dropped before anything maps them (document lines of shipping or fee items); empty for none
 */
public record Expansion(String navigation, Optional<String> setting, Optional<String> excludeBy) {
    public Expansion {
        Objects.requireNonNull(navigation, "navigation");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(excludeBy, "excludeBy");
    }

    /** Whether the settings turn this expansion on. */
    public boolean enabled(io.ipaas.connector.api.settings.Settings settings) {
        return setting.map(settings::bool).orElse(true);
    }
}
