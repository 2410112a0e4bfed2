package io.ipaas.harness.plugin;

import java.nio.file.Path;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.RuntimeMode;

/**
 * PF4J in deployment mode over plugin JARs, with the SPI and logging forced parent-first: a plugin that wrongly
 * bundles them still gets the host's classes, so its factory is recognised as a {@code ConnectorFactory}.
 */
final class ConnectorPluginManager extends JarPluginManager {
    private static final String[] PARENT_FIRST = {"io.ipaas.connector.api.", "org.slf4j.", "org.pf4j."};

    ConnectorPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                PluginClassLoader loader = new SharedApiClassLoader(
                        pluginManager, descriptor, getClass().getClassLoader());
                loader.addFile(pluginPath.toFile());
                return loader;
            }
        };
    }

    private static final class SharedApiClassLoader extends PluginClassLoader {
        SharedApiClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
            super(manager, descriptor, parent);
        }

        @Override
        public Class<?> loadClass(String className) throws ClassNotFoundException {
            for (String prefix : PARENT_FIRST) {
                if (className.startsWith(prefix)) {
                    return getParent().loadClass(className);
                }
            }
            return super.loadClass(className);
        }
    }
}
