package io.ipaas.harness.cli;

import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.harness.plugin.LoadedPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "validate",
        description = "Check a settings file: prints 'valid', or one line per problem as 'key: message'.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN")
    String pluginId;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        try (Harness harness = main.plugins()) {
            LoadedPlugin plugin = harness.plugin(pluginId);
            List<SettingProblem> problems = harness.problems(plugin, SettingsFile.read(file));
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println("valid");
                return ExitCodes.OK;
            }
            problems.forEach(problem -> spec.commandLine().getErr().println(PrintableWriter.oneLine(problem)));
            return ExitCodes.BAD_INPUT;
        }
    }
}
