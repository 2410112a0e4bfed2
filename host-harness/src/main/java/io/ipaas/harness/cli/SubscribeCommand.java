package io.ipaas.harness.cli;

import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.mappings.MappingCollection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "subscribe", description = "Validate settings, test the connection, store the subscription and install default mappings.")
final class SubscribeCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PLUGIN")
    String pluginId;
    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "JSON settings file.")
    Path file;
    @Option(names = "--name", defaultValue = "default", description = "Subscription name; subscribing again with the same "
            + "plugin and name updates that subscription (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        try (Harness harness = main.open()) {
            return subscribe(harness, pluginId, SettingsFile.read(file), name, spec.commandLine().getOut(),
                    spec.commandLine().getErr()) == null ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }

    /** The subscription's id when it exists and a user already signed in for it. */
    private static java.util.Optional<String> existingSignIn(Harness harness, LoadedPlugin plugin, String name) {
        return harness.store().subscription(plugin.id(), name).map(s -> s.id())
                .filter(id -> harness.secrets(id).names().stream().anyMatch(n -> n.startsWith("entra.refresh")));
    }

    /** Subscribes; returns the subscription id, or null after printing the settings problems. */
    static String subscribe(Harness harness, String pluginId, Map<String, Object> raw, String name, PrintWriter out,
                            PrintWriter err) {
        LoadedPlugin plugin = harness.plugin(pluginId);
        List<SettingProblem> problems = harness.problems(plugin, raw);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return null;
        }
        Settings settings = harness.call(plugin, () -> plugin.factory().settings().parse(raw));
        String plannedId = harness.store().subscription(plugin.id(), name).map(s -> s.id()).orElse("pending-" + name);
        String message;
        try (Connector connector = harness.open(plugin, plannedId, settings)) {
            AuthKind kind = harness.call(plugin, () -> connector.auth().kind());
            if (kind == AuthKind.AUTHORIZATION_CODE_PKCE && existingSignIn(harness, plugin, name).isEmpty()) {
                // a user sign-in comes after the subscription exists; the connection is checked at the first pull
                message = "a user must sign in next";
            } else {
                message = harness.call(plugin, connector::check).message();
            }
        }
        Harness.SubscribeOutcome outcome = harness.saveSubscription(plugin, name, settings);
        out.println("subscription " + outcome.id() + " " + (outcome.updated() ? "updated" : "created") + " (" + plugin.id()
                + " '" + name + "'): " + message);
        if (message.equals("a user must sign in next")) {
            out.println("sign in with: auth connect " + outcome.id());
        }
        if (!Harness.createsDefaultMappings(settings)) {
            out.println("default mappings: not installed (createDefaultMappings is off)");
            return outcome.id();
        }
        Map<String, Boolean> installed = harness.installDefaultMappings(plugin, outcome.id());
        Map<String, MappingCollection> collections = harness.collections(outcome.id()).stream()
                .collect(Collectors.toMap(MappingCollection::name, c -> c, (a, b) -> a));
        out.println("mapping collections:");
        installed.forEach((collection, fresh) -> {
            MappingCollection c = collections.get(collection);
            out.println("  " + collection + " (" + c.entity() + " -> " + c.target() + "): " + (fresh ? "created" : "already present"));
        });
        return outcome.id();
    }
}
