package io.ipaas.connector.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version of this SPI. The host announces it to PF4J; plugins declare the range they accept in {@code Plugin-Requires}. */
public final class ConnectorApi {
    /** Semantic version of the SPI, generated from the build (for example {@code 1.0.0}). */
    public static final String VERSION = readVersion();

    private ConnectorApi() {}

    private static String readVersion() {
        try (InputStream in = ConnectorApi.class.getResourceAsStream("api.properties")) {
            if (in == null) {
                throw new IllegalStateException("api.properties missing from connector-api");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
