package io.ipaas.harness.plugin;

import java.util.function.Supplier;

/**
 * Runs plugin code with the plugin's class loader as the thread context loader, so libraries inside the plugin
 * that look up classes through the context loader (ServiceLoader, JAXP) find the plugin's own.
 */
public final class PluginCalls {
    private PluginCalls() {}

    public static <T> T withLoader(ClassLoader loader, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
