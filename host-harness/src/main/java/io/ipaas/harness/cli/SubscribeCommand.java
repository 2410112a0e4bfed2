package io.ipaas.harness.cli;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.Subscription;
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

@Command(
        mixinStandardHelpOptions = true,
        name = "subscribe",
        description = "Validate settings, test the connection, store the subscription and install default mappings.")
final class SubscribeCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN")
    String pluginId;

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "JSON settings file.")
    Path file;

    @Option(
            names = "--name",
            defaultValue = "default",
            description = "Subscription name; subscribing again with the same "
                    + "plugin and name updates that subscription (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--default-mappings",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Install the connector's ready-made mappings (default: on; --no-default-mappings to build"
                    + " your own). Subscribing again never duplicates them.")
    boolean defaultMappings;

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "A mapping document of your own to install as well (repeatable), for example for a custom "
                    + "API page; checked against the mapping schema, the platform's model and the entities the"
                    + " subscription offers.")
    List<Path> mappings = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        try (Harness harness = main.open()) {
            String id = subscribe(
                    harness,
                    pluginId,
                    SettingsFile.read(file),
                    name,
                    defaultMappings,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            if (id == null) {
                return ExitCodes.BAD_INPUT;
            }
            for (Path mapping : mappings) {
                installMapping(harness, id, mapping, spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }
    }

    /** Installs a user's mapping document under its file name, after checking it as the default ones are. */
    private static void installMapping(Harness harness, String id, Path file, PrintWriter out) {
        String json;
        try {
            json = java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw UserFailure.badInput("cannot read the mapping file " + file + ": " + e.getMessage());
        }
        io.ipaas.mappings.MappingDocument document = checkedMapping(harness, id, json, "mapping file " + file);
        String documentName = "user-" + file.getFileName().toString().replaceAll("\\.json$", "");
        harness.store().saveMappingDocument(id, documentName, json);
        document.collections()
                .forEach(c -> out.println("  " + c.name() + " (" + c.entity() + " -> " + c.target()
                        + "): installed from " + file.getFileName()));
    }

    /**
     * A mapping document checked as the default ones are: against the mapping schema, the platform's model and the
     * entities the subscription offers.
     *
     * @throws UserFailure naming {@code source} and the first problem
     */
    static io.ipaas.mappings.MappingDocument checkedMapping(Harness harness, String id, String json, String source) {
        io.ipaas.mappings.MappingDocument document;
        try {
            document = io.ipaas.mappings.MappingDocument.parse(json);
        } catch (io.ipaas.mappings.MappingFormatException e) {
            throw UserFailure.badInput(source + ": " + e.getMessage());
        }
        Subscription subscription = harness.subscription(id);
        java.util.Set<String> entities = new java.util.TreeSet<>();
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        // the opened connection's entities: custom pages the settings declare count too
        try (Connector connector = harness.open(plugin, subscription)) {
            harness.call(plugin, connector::entities)
                    .forEach(entity -> entities.add(entity.descriptor().name()));
        }
        for (MappingCollection collection : document.collections()) {
            List<String> problems = io.ipaas.mappings.CanonicalModel.check(collection);
            if (!problems.isEmpty()) {
                throw UserFailure.badInput(source + ": " + String.join("; ", problems));
            }
            if (!entities.contains(collection.entity())) {
                throw UserFailure.badInput(source + ": collection '" + collection.name() + "' reads the entity '"
                        + collection.entity() + "', which subscription " + id + " does not offer (it offers: "
                        + String.join(", ", entities) + ")");
            }
        }
        return document;
    }

    private static final String SIGN_IN_NEXT = "a user must sign in next";

    /**
     * The connection check's message. A user sign-in comes after the subscription exists, so an interactive connection
     * without a working sign-in is saved and the user is told to sign in; the connector, not the host, knows whether
     * its stored sign-in still works.
     */
    private static String checkOrAskForSignIn(Connector connector) {
        if (!connector.auth().kind().interactive()) {
            return connector.check().message();
        }
        if (connector.auth().status().state() != AuthState.CONNECTED) {
            return SIGN_IN_NEXT;
        }
        try {
            return connector.check().message();
        } catch (ConnectorException e) {
            if (e.kind() != ErrorKind.AUTHENTICATION
                    || connector.auth().status().state() == AuthState.CONNECTED) {
                throw e;
            }
            return "the stored sign-in no longer works (" + e.getMessage() + "); " + SIGN_IN_NEXT;
        }
    }

    /** Subscribes; returns the subscription id, or null after printing the settings problems. */
    static String subscribe(
            Harness harness,
            String pluginId,
            Map<String, Object> raw,
            String name,
            boolean defaultMappings,
            PrintWriter out,
            PrintWriter err) {
        LoadedPlugin plugin = harness.plugin(pluginId);
        List<SettingProblem> problems = harness.problems(plugin, raw);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println(PrintableWriter.oneLine(problem)));
            return null;
        }
        Settings settings =
                harness.call(plugin, () -> plugin.factory().settings().parse(raw));
        String plannedId =
                harness.store().subscription(plugin.id(), name).map(s -> s.id()).orElse("pending-" + name);
        String message;
        try (Connector connector = harness.open(plugin, plannedId, settings)) {
            message = harness.call(plugin, () -> checkOrAskForSignIn(connector));
        }
        Harness.SubscribeOutcome outcome = harness.saveSubscription(plugin, name, settings);
        out.println("subscription " + outcome.id() + " " + (outcome.updated() ? "updated" : "created") + " ("
                + plugin.id() + " '" + name + "'): " + message);
        if (message.endsWith(SIGN_IN_NEXT)) {
            out.println("sign in with: auth connect " + outcome.id());
        }
        if (!defaultMappings) {
            out.println("default mappings: not installed (--no-default-mappings)");
            return outcome.id();
        }
        Map<String, Boolean> installed = harness.installDefaultMappings(plugin, outcome.id());
        Map<String, MappingCollection> collections = harness.collections(outcome.id()).stream()
                .collect(Collectors.toMap(MappingCollection::name, c -> c, (a, b) -> a));
        out.println("mapping collections:");
        installed.forEach((collection, fresh) -> {
            MappingCollection c = collections.get(collection);
            out.println("  " + collection + " (" + c.entity() + " -> " + c.target() + "): "
                    + (fresh ? "created" : "already present"));
        });
        return outcome.id();
    }
}
