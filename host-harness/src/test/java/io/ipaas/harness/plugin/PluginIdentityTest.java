package io.ipaas.harness.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PF4J manifest and the connector's own info must tell the same id and version, or the plugin is refused. */
class PluginIdentityTest {
    private static final Path PLUGINS = Path.of(System.getProperty("harness.plugins"));

    @Test
    void aManifestVersionThatDisagreesWithConnectorInfoIsReportedAndTheJarSkipped(@TempDir Path folder)
            throws IOException {
        Path original = bcPluginJar();
        Path forged = folder.resolve("forged.jar");
        rewriteManifest(original, forged, "Plugin-Version", "9.9.9");
        try (PluginRegistry registry = new PluginRegistry(folder)) {
            assertTrue(registry.plugins().isEmpty(), "a plugin that disagrees with itself is not loaded");
            assertEquals(1, registry.problems().size(), registry.problems().toString());
            String problem = registry.problems().get(0).toString();
            assertTrue(
                    problem.contains("manifest says dynamics365 9.9.9 but its connector says dynamics365 1.0.0"),
                    problem);
        }
    }

    private static Path bcPluginJar() throws IOException {
        try (Stream<Path> files = Files.list(PLUGINS)) {
            return files.filter(p -> p.getFileName().toString().startsWith("connector-dynamics365"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no BC plugin jar in " + PLUGINS));
        }
    }

    private static void rewriteManifest(Path from, Path to, String attribute, String value) throws IOException {
        try (JarFile jar = new JarFile(from.toFile())) {
            Manifest manifest = new Manifest(jar.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name(attribute), value);
            try (OutputStream out = Files.newOutputStream(to);
                    JarOutputStream copy = new JarOutputStream(out, manifest)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = jar.getInputStream(entry)) {
                        in.transferTo(copy);
                    }
                    copy.closeEntry();
                }
            }
        }
    }
}
