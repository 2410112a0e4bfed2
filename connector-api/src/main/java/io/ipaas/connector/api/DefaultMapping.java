package io.ipaas.connector.api;

import java.util.Objects;

/**
 * A mapping document shipped with a connector.
 *
 * @param name stable name, unique per connector (used so that subscribing twice does not install it twice)
 * @param json the document in the host's mapping format
 */
public record DefaultMapping(String name, String json) {
    public DefaultMapping {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
    }
}
