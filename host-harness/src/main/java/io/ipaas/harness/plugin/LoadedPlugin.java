package io.ipaas.harness.plugin;

import io.ipaas.connector.api.ConnectorFactory;
import java.nio.file.Path;

/**
 * A started plugin and its connector factory.
 *
 * @param id PF4J plugin id
 * @param version plugin version
 * @param path the JAR it came from
 * @param factory its single {@code ConnectorFactory} extension
 */
public record LoadedPlugin(String id, String version, Path path, ConnectorFactory factory) {}
