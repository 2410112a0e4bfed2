package io.ipaas.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.Subscription;
import io.ipaas.harness.sync.PushRunner;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
        name = "push",
        description = {
            "Push platform records to the connector: map each with the subscription's outbound mapping, check, write,"
                    + " and print a result per record. Failed records are kept with their error (quarantined) and"
                    + " can be pushed again with --quarantined.",
            "FILE holds a JSON array of platform records, or one JSON object per line."
        })
final class PushCommand implements Callable<Integer> {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> ARRAY = new TypeReference<>() {};

    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
    String subscriptionId;

    @Parameters(index = "1", paramLabel = "ENTITY", description = "The connector's entity, e.g. salesOrders.")
    String entity;

    @Parameters(index = "2", paramLabel = "FILE", arity = "0..1", description = "Platform records to push.")
    Path file;

    @Option(
            names = "--dry-run",
            description = "Show the mapped payloads and the check of each record; write nothing, anywhere.")
    boolean dryRun;

    @Option(names = "--quarantined", description = "Push the records kept after failed pushes, instead of a FILE.")
    boolean quarantined;

    @Override
    public Integer call() {
        if ((file == null) == !quarantined) {
            throw UserFailure.badInput("give a FILE of platform records or --quarantined, not both and not neither");
        }
        try (Harness harness = main.open()) {
            Subscription subscription = harness.subscription(subscriptionId);
            List<Map<String, Object>> records = quarantined
                    ? harness.store().outboundQuarantine(subscription.id(), entity).stream()
                            .map(Store.OutboundFailure::record)
                            .toList()
                    : read(file);
            PrintWriter out = spec.commandLine().getOut();
            if (records.isEmpty()) {
                out.println(quarantined ? "no quarantined " + entity + " records to push" : file + " holds no records");
                return ExitCodes.OK;
            }
            return push(harness, subscription, entity, records, dryRun, out);
        }
    }

    static int push(
            Harness harness,
            Subscription subscription,
            String entity,
            List<Map<String, Object>> records,
            boolean dryRun,
            PrintWriter out) {
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        try (Connector connector = harness.open(plugin, subscription)) {
            WorkUnit unit = harness.unit(plugin, connector, subscription, entity);
            MappingCollection collection = outbound(harness, subscription, unit.entity());
            PushRunner runner = new PushRunner(
                    harness.store(),
                    subscription.id(),
                    unit,
                    MappingEngine.prepare(collection, Map.of("settings", subscription.settings())));
            EntityWriter writer = writer(harness, plugin, connector, unit);
            if (dryRun) {
                return dryRun(harness, plugin, runner, writer, records, collection, out);
            }
            AuthStatus auth = harness.call(plugin, () -> connector.auth().status());
            if (auth.state() != AuthState.CONNECTED) {
                throw new UserFailure(
                        ExitCodes.AUTHENTICATION,
                        "subscription " + subscription.id() + " is not signed in (" + auth.state() + "): "
                                + auth.message() + "; nothing was pushed");
            }
            int[] written = {0};
            List<PushRunner.Result> failures = new ArrayList<>();
            try {
                harness.call(
                        plugin,
                        () -> runner.push(records, writer, result -> {
                            if (result.succeeded()) {
                                written[0]++;
                                out.println(result.key() + "  written"
                                        + result.remoteKey()
                                                .map(k -> " as " + k)
                                                .orElse(""));
                            } else {
                                failures.add(result);
                                out.println(result.key() + "  failed  " + result.failure());
                            }
                        }));
            } catch (ConnectorException e) {
                throw new UserFailure(
                        ExitCodes.of(e.kind()),
                        "the push of " + entity + " stopped after " + written[0] + " records: " + e.getMessage()
                                + "; records not reported above were not written and can be pushed again");
            }
            out.println("pushed " + records.size() + " " + entity + ": " + written[0] + " written, " + failures.size()
                    + " failed"
                    + (failures.isEmpty()
                            ? ""
                            : " (quarantined with their errors; fix them, then: push " + subscription.id() + " "
                                    + entity + " --quarantined)"));
            if (failures.isEmpty()) {
                return ExitCodes.OK;
            }
            PushRunner.Result first = failures.get(0);
            return first.connectorFailure().map(e -> ExitCodes.of(e.kind())).orElse(ExitCodes.BAD_INPUT);
        }
    }

    private static int dryRun(
            Harness harness,
            LoadedPlugin plugin,
            PushRunner runner,
            EntityWriter writer,
            List<Map<String, Object>> records,
            MappingCollection collection,
            PrintWriter out) {
        List<PushRunner.Result> results = harness.call(plugin, () -> runner.dryRun(records, writer));
        int valid = 0;
        for (PushRunner.Result result : results) {
            out.println("# " + result.key() + " (mapping '" + collection.name() + "')");
            result.payload().ifPresent(payload -> out.println(pretty(payload)));
            if (result.succeeded()) {
                valid++;
                out.println("valid");
            } else {
                out.println("invalid: " + result.failure());
            }
        }
        out.println("dry run of " + records.size() + " " + collection.entity() + ": " + valid + " valid, "
                + (records.size() - valid) + " invalid; nothing was written");
        return valid == records.size() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    static MappingCollection outbound(Harness harness, Subscription subscription, String entity) {
        List<MappingCollection> collections = harness.outbound(subscription.id(), entity);
        if (collections.isEmpty()) {
            throw UserFailure.badInput("subscription " + subscription.id() + " has no outbound mapping for '" + entity
                    + "'; subscribe again without --no-default-mappings, or add an outbound collection for it with"
                    + " subscribe --mapping FILE");
        }
        if (collections.size() > 1) {
            throw UserFailure.badInput("subscription " + subscription.id() + " has " + collections.size()
                    + " outbound mappings for '" + entity + "' ("
                    + collections.stream().map(MappingCollection::name).collect(Collectors.joining(", "))
                    + "); keep one");
        }
        return collections.get(0);
    }

    private static EntityWriter writer(Harness harness, LoadedPlugin plugin, Connector connector, WorkUnit unit) {
        List<EntityAdapter> adapters = harness.call(plugin, () -> connector.entities(unit.scope()));
        EntityAdapter adapter = harness.call(plugin, () -> connector.entity(unit));
        return adapter.writer()
                .orElseThrow(() -> UserFailure.badInput("entity '" + unit.id() + "' cannot be pushed; these can: "
                        + adapters.stream()
                                .filter(e -> e.writer().isPresent())
                                .map(e -> e.descriptor().name())
                                .collect(Collectors.joining(", "))));
    }

    /** A JSON array of objects, or one object per line (blank lines skipped). */
    static List<Map<String, Object>> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw UserFailure.badInput("no file " + file);
        } catch (IOException e) {
            throw UserFailure.badInput("cannot read " + file + ": " + e.getMessage());
        }
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("[")) {
                return SettingsFile.JSON.readValue(trimmed, ARRAY);
            }
            List<Map<String, Object>> records = new ArrayList<>();
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                try {
                    records.add(SettingsFile.JSON.readValue(lines[i], OBJECT));
                } catch (JsonProcessingException e) {
                    throw UserFailure.badInput(file + " line " + (i + 1) + " is not a JSON object: "
                            + e.getOriginalMessage() + "; give a JSON array or one object per line");
                }
            }
            return records;
        } catch (JsonProcessingException e) {
            throw UserFailure.badInput(file + " is not a JSON array of objects: " + e.getOriginalMessage());
        }
    }

    private static String pretty(Map<String, Object> payload) {
        try {
            return SettingsFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new MappingException("?", "?", "?", "cannot print the payload: " + e.getOriginalMessage());
        }
    }
}
