package io.ipaas.connector.example;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin id and version as the build wrote them into {@code connector.properties}, from the same POM properties
 * that become the PF4J manifest's {@code Plugin-Id} and {@code Plugin-Version}: one source for both.
 */
record PluginProperties(String id, String version) {

    static PluginProperties load() {
        Properties properties = new Properties();
        try (InputStream in = PluginProperties.class.getResourceAsStream("connector.properties")) {
            if (in == null) {
                throw new IllegalStateException("connector.properties is missing from the plugin JAR");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PluginProperties(properties.getProperty("id"), properties.getProperty("version"));
    }
}
