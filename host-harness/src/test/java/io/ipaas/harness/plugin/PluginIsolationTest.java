package io.ipaas.harness.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.ConnectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginClassLoader;

/** The shaded plugin JAR from target/plugins, loaded through PF4J: isolated, yet sharing the SPI with the host. */
class PluginIsolationTest {
    private static final Path PLUGINS = Path.of(System.getProperty("harness.plugins"));

    @Test
    void thePluginJarIsBuiltAndCopiedForTheHost() throws Exception {
        try (Stream<Path> files = Files.list(PLUGINS)) {
            List<String> jars = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".jar"))
                    .sorted()
                    .toList();
            assertEquals(
                    2, jars.size(), "expected the dynamics365 and example plugin jars in " + PLUGINS + ": " + jars);
            assertTrue(jars.get(0).startsWith("connector-dynamics365-"), jars.toString());
            assertTrue(jars.get(1).startsWith("connector-example-"), jars.toString());
        }
    }

    @Test
    void factoryComesFromThePluginClassLoaderAndTheSpiFromTheHost() {
        try (PluginRegistry registry = new PluginRegistry(PLUGINS)) {
            assertEquals(List.of(), registry.problems());
            LoadedPlugin plugin = registry.plugin("dynamics365").orElseThrow();
            ConnectorFactory factory = plugin.factory();
            assertInstanceOf(PluginClassLoader.class, factory.getClass().getClassLoader());
            Class<?> spiSeenByPlugin =
                    assertDoesNotThrowClass(factory.getClass().getClassLoader(), ConnectorFactory.class.getName());
            assertSame(ConnectorFactory.class, spiSeenByPlugin, "the SPI must be one class shared by host and plugin");
            assertThrows(
                    ClassNotFoundException.class,
                    () -> Class.forName(
                            "io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory",
                            false,
                            getClass().getClassLoader()),
                    "the plugin must not be on the host's class path");
            assertEquals("dynamics365", factory.info().id());
            assertFalse(factory.defaultMappings().isEmpty());
            // the plugin carries its own libraries: Caffeine is not on the host's class path
            assertThrows(
                    ClassNotFoundException.class, () -> Class.forName("com.github.benmanes.caffeine.cache.Caffeine"));
            assertTrue(plugin.version().startsWith("1.0.0"));
        }
    }

    private static Class<?> assertDoesNotThrowClass(ClassLoader loader, String name) {
        try {
            return loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " not visible to the plugin", e);
        }
    }
}
