package io.ipaas.harness.plugin;

import io.ipaas.connector.api.ConnectorApi;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.ConnectorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every plugin JAR of a folder. A broken file is reported and skipped; the others still load.
 * Confined to the thread that created it (PF4J's manager is not thread-safe).
 */
public final class PluginRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final ConnectorPluginManager manager;
    private final List<LoadedPlugin> plugins = new ArrayList<>();
    private final List<PluginProblem> problems = new ArrayList<>();

    public PluginRegistry(Path folder) {
        this.manager = new ConnectorPluginManager(folder);
        manager.setSystemVersion(ConnectorApi.VERSION);
        if (!Files.isDirectory(folder)) {
            problems.add(new PluginProblem(
                    folder, "plugins folder does not exist; build the plugins (mvn package) or pass --plugins"));
            return;
        }
        manager.loadPlugins();
        manager.startPlugins();
        Set<Path> loaded = new HashSet<>();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            loaded.add(wrapper.getPluginPath().toAbsolutePath().normalize());
            inspect(wrapper);
        }
        for (Path jar : jars(folder)) {
            if (!loaded.contains(jar.toAbsolutePath().normalize())) {
                PluginProblem problem = new PluginProblem(jar, diagnose(jar));
                LOG.warn("skipped plugin file {}", problem);
                problems.add(problem);
            }
        }
    }

    private void inspect(PluginWrapper wrapper) {
        Path path = wrapper.getPluginPath();
        if (wrapper.getPluginState() != PluginState.STARTED) {
            String reason = wrapper.getFailedException() != null
                    ? wrapper.getFailedException().getMessage()
                    : "state " + wrapper.getPluginState() + "; it requires API "
                            + wrapper.getDescriptor().getRequires() + " and this host offers " + ConnectorApi.VERSION;
            problems.add(new PluginProblem(path, reason));
            return;
        }
        List<ConnectorFactory> factories = PluginCalls.withLoader(
                wrapper.getPluginClassLoader(),
                () -> manager.getExtensions(ConnectorFactory.class, wrapper.getPluginId()));
        if (factories.size() != 1) {
            problems.add(new PluginProblem(
                    path,
                    "plugin '" + wrapper.getPluginId() + "' offers " + factories.size()
                            + " connector factories; exactly one is expected (check META-INF/extensions.idx)"));
            return;
        }
        ConnectorFactory factory = factories.get(0);
        ConnectorInfo info = PluginCalls.withLoader(wrapper.getPluginClassLoader(), factory::info);
        String manifestId = wrapper.getPluginId();
        String manifestVersion = wrapper.getDescriptor().getVersion();
        if (!info.id().equals(manifestId) || !info.version().equals(manifestVersion)) {
            // one source of truth: a host keys subscriptions by plugin id, and upgrades by version
            problems.add(new PluginProblem(
                    path,
                    "plugin manifest says " + manifestId + " " + manifestVersion + " but its connector says "
                            + info.id() + " " + info.version()
                            + "; build both from one place (the plugin parent POM's properties)"));
            return;
        }
        plugins.add(new LoadedPlugin(manifestId, manifestVersion, path, factory));
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String diagnose(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Plugin-Id") == null) {
                return "not a plugin: the manifest has no Plugin-Id";
            }
            return "plugin '" + manifest.getMainAttributes().getValue("Plugin-Id")
                    + "' could not be loaded; see the log";
        } catch (IOException e) {
            return "not a readable JAR (" + e.getMessage() + "); replace or remove the file";
        }
    }

    public List<LoadedPlugin> plugins() {
        return List.copyOf(plugins);
    }

    public List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    public Optional<LoadedPlugin> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The class loader of a plugin, for {@link PluginCalls}. */
    public ClassLoader loaderOf(LoadedPlugin plugin) {
        return manager.getPlugin(plugin.id()).getPluginClassLoader();
    }

    @Override
    public void close() {
        manager.unloadPlugins();
    }
}
