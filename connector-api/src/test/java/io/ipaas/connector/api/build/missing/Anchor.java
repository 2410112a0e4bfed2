package io.ipaas.connector.api.build.missing;

/** Where a test looks for connector.properties. */
public final class Anchor {
    private Anchor() {}
}
