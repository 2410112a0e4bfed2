package io.ipaas.connector.api.build.unfiltered;

/** Where a test looks for connector.properties. */
public final class Anchor {
    private Anchor() {}
}
