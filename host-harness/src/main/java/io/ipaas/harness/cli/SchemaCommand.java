package io.ipaas.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ipaas.harness.plugin.LoadedPlugin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "schema",
        description = "Print a plugin's settings as a JSON Schema (draft 2020-12) document.")
final class SchemaCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN")
    String pluginId;

    @Override
    public Integer call() throws JsonProcessingException {
        try (Harness harness = main.plugins()) {
            LoadedPlugin plugin = harness.plugin(pluginId);
            var schema = harness.call(
                    plugin,
                    () -> plugin.factory()
                            .settings()
                            .toJsonSchema(plugin.factory().info().displayName()));
            spec.commandLine()
                    .getOut()
                    .println(SettingsFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema));
            return ExitCodes.OK;
        }
    }
}
