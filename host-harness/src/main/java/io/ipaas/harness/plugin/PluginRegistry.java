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
 * Loads every plugin JAR of a folder. A broken file is reported and skipped; the others still load. {@link #refresh}
 * loads JARs dropped in later, reloads replaced ones and unloads removed ones. Loading and unloading stay on one
 * thread (PF4J's manager is not thread-safe); the lists may be read from any.
 */
public final class PluginRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** A JAR younger than this may still be being copied: it is looked at on a later refresh. */
    private static final long SETTLE_MILLIS = 1_000;

    private final Path folder;
    private final ConnectorPluginManager manager;
    private final List<LoadedPlugin> plugins = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<PluginProblem> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Each JAR as last looked at: size and modification time. */
    private final java.util.Map<Path, String> seen = new java.util.HashMap<>();

    public PluginRegistry(Path folder) {
        this.folder = folder;
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
            seen.put(jar.toAbsolutePath().normalize(), fingerprint(jar));
            if (!loaded.contains(jar.toAbsolutePath().normalize())) {
                PluginProblem problem = new PluginProblem(jar, diagnose(jar));
                LOG.warn("skipped plugin file {}", problem);
                problems.add(problem);
            }
        }
    }

    /** What a {@link #refresh} changed, by plugin id (and file, for JARs that did not load). */
    public record Changes(
            List<String> loaded, List<String> reloaded, List<String> unloaded, List<PluginProblem> failed) {
        public boolean none() {
            return loaded.isEmpty() && reloaded.isEmpty() && unloaded.isEmpty() && failed.isEmpty();
        }

        /** The plugins whose subscriptions must be opened again. */
        public List<String> affected() {
            List<String> ids = new ArrayList<>(loaded);
            ids.addAll(reloaded);
            ids.addAll(unloaded);
            return ids;
        }
    }

    /**
     * Looks at the folder again: a new JAR is loaded, a replaced one unloaded and loaded again, a removed one unloaded.
     * Call it only where no call into the plugins is running (serve does, between passes).
     */
    public synchronized Changes refresh() {
        List<String> loaded = new ArrayList<>();
        List<String> reloaded = new ArrayList<>();
        List<String> unloaded = new ArrayList<>();
        List<PluginProblem> failed = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Changes(loaded, reloaded, unloaded, failed);
        }
        java.util.Map<Path, String> now = new java.util.HashMap<>();
        for (Path jar : jars(folder)) {
            Path path = jar.toAbsolutePath().normalize();
            try {
                if (System.currentTimeMillis() - Files.getLastModifiedTime(jar).toMillis() < SETTLE_MILLIS) {
                    // still being written, perhaps: keep what was seen, look again next time
                    now.put(path, seen.getOrDefault(path, ""));
                    continue;
                }
            } catch (IOException gone) {
                continue;
            }
            now.put(path, fingerprint(jar));
        }
        for (Path gone : new ArrayList<>(seen.keySet())) {
            if (!now.containsKey(gone)) {
                unload(gone).ifPresent(unloaded::add);
                problems.removeIf(p -> p.path().toAbsolutePath().normalize().equals(gone));
                seen.remove(gone);
            }
        }
        for (java.util.Map.Entry<Path, String> entry : now.entrySet()) {
            Path path = entry.getKey();
            String before = seen.get(path);
            if (entry.getValue().isEmpty() || entry.getValue().equals(before)) {
                continue;
            }
            Optional<String> was = before == null ? Optional.empty() : unload(path);
            problems.removeIf(p -> p.path().toAbsolutePath().normalize().equals(path));
            seen.put(path, entry.getValue());
            Optional<String> id = load(path);
            if (id.isPresent()) {
                (was.isPresent() ? reloaded : loaded).add(id.get());
            } else {
                was.ifPresent(unloaded::add);
                problems.stream()
                        .filter(p -> p.path().toAbsolutePath().normalize().equals(path))
                        .forEach(failed::add);
            }
        }
        return new Changes(loaded, reloaded, unloaded, failed);
    }

    private Optional<String> load(Path jar) {
        int before = plugins.size();
        try {
            String id = manager.loadPlugin(jar);
            manager.startPlugin(id);
            inspect(manager.getPlugin(id));
        } catch (RuntimeException e) {
            problems.add(new PluginProblem(jar, diagnose(jar) + " (" + e.getMessage() + ")"));
            return Optional.empty();
        }
        return plugins.size() > before
                ? Optional.of(plugins.get(plugins.size() - 1).id())
                : Optional.empty();
    }

    private Optional<String> unload(Path jar) {
        Optional<LoadedPlugin> plugin = plugins.stream()
                .filter(p -> p.path().toAbsolutePath().normalize().equals(jar))
                .findFirst();
        manager.getPlugins().stream()
                .filter(w -> w.getPluginPath().toAbsolutePath().normalize().equals(jar))
                .map(PluginWrapper::getPluginId)
                .toList()
                .forEach(manager::unloadPlugin);
        plugin.ifPresent(plugins::remove);
        return plugin.map(LoadedPlugin::id);
    }

    private static String fingerprint(Path jar) {
        try {
            return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            return "";
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
