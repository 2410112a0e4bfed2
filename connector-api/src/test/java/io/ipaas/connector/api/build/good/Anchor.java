package io.ipaas.connector.api.build.good;

/** Where a test looks for connector.properties. */
public final class Anchor {
    private Anchor() {}
}
