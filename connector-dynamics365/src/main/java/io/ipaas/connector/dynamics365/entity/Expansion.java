package io.ipaas.connector.dynamics365.entity;

import java.util.Objects;

/**
 * A navigation property read in the same request as its parent ({@code $expand}), when a boolean setting is on.
 *
 * @param navigation BC's navigation property, e.g. {@code itemVariants}
 * @param setting the boolean setting that turns it on, e.g. {@code pullItemVariants}
 */
public record Expansion(String navigation, String setting) {
    public Expansion {
        Objects.requireNonNull(navigation, "navigation");
        Objects.requireNonNull(setting, "setting");
    }
}
