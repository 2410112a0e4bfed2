package io.ipaas.harness.cli;

import io.ipaas.connector.api.ConnectorInfo;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.plugin.PluginProblem;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "plugins",
        description = "List loaded plugins with their entities and auth modes; report broken files.")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Harness harness = main.plugins()) {
            var out = spec.commandLine().getOut();
            if (harness.plugins().plugins().isEmpty()) {
                out.println("no plugins loaded from " + main.pluginsFolder());
            }
            for (LoadedPlugin plugin : harness.plugins().plugins()) {
                ConnectorInfo info = harness.call(plugin, () -> plugin.factory().info());
                out.printf("%s %s  %s%n", plugin.id(), plugin.version(), info.displayName());
                out.printf("  entities:   %s%n", Harness.entities(plugin.factory()));
                out.printf(
                        "  auth modes: %s%n",
                        info.authKinds().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
                out.printf("  file:       %s%n", plugin.path());
            }
            for (PluginProblem problem : harness.plugins().problems()) {
                spec.commandLine().getErr().println("skipped " + problem);
            }
            return ExitCodes.OK;
        }
    }
}
