package io.ipaas.harness.plugin;

import java.nio.file.Path;

/**
 * A plugin file that could not be used, and why.
 *
 * @param path the file
 * @param reason one line for the operator
 */
public record PluginProblem(Path path, String reason) {
    @Override
    public String toString() {
        return path.getFileName() + ": " + reason;
    }
}
