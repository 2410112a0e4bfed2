package io.ipaas.connector.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * The plugin id and version as the build wrote them into {@code connector.properties}, from the same POM properties
 * that become the PF4J manifest's {@code Plugin-Id} and {@code Plugin-Version} ({@code connector-plugin-parent}
 * filters the file): read them here for {@link ConnectorInfo}, so the two can never disagree.
 *
 * @param id the plugin id
 * @param version the plugin version
 */
public record PluginBuild(String id, String version) {
    /** The file's name, next to the class given to {@link #of}. */
    public static final String FILE = "connector.properties";

    public PluginBuild {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Reads {@value #FILE} from {@code anchor}'s package (usually the connector factory's).
     *
     * @throws IllegalStateException when the file, or a value in it, is missing or was not filtered by the build
     */
    public static PluginBuild of(Class<?> anchor) {
        Properties properties = new Properties();
        try (InputStream in = anchor.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing next to " + anchor.getName()
                        + "; add it under src/main/resources (see connector-plugin-parent)");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE + " next to " + anchor.getName(), e);
        }
        return new PluginBuild(value(properties, "id", anchor), value(properties, "version", anchor));
    }

    private static String value(Properties properties, String key, Class<?> anchor) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty() || value.contains("${")) {
            throw new IllegalStateException(FILE + " next to " + anchor.getName() + " has no built value for '" + key
                    + "' (found '" + value + "'); the build must filter it with plugin." + key);
        }
        return value;
    }
}
