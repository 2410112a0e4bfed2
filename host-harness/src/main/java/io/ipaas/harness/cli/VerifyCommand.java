package io.ipaas.harness.cli;

import io.ipaas.connector.api.CheckResult;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.EntityStatus;
import io.ipaas.harness.store.Subscription;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "verify",
        description = "The installation guide's post-installation checks, each printed with its result: the"
                + " connection, the sign-in, a sample pull (a few records read and mapped, nothing stored), a sample"
                + " push (a platform order built from the sample, as a dry run unless --confirm-push), the end-to-end"
                + " state serve keeps, and the log.")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
    String subscriptionId;

    @Option(names = "--confirm-push", description = "Really create the sample sales order in the remote system.")
    boolean confirmPush;

    /** One check's result: what a line of output says, and what the web UI shows green or red. */
    record Outcome(String name, boolean passed, String detail) {}

    private final List<Outcome> outcomes = new ArrayList<>();

    @Override
    public Integer call() {
        try (Harness harness = main.open()) {
            PrintWriter out = spec.commandLine().getOut();
            checks(harness, harness.subscription(subscriptionId), out);
            List<String> failed = outcomes.stream()
                    .filter(o -> !o.passed())
                    .map(Outcome::name)
                    .toList();
            out.println(
                    failed.isEmpty()
                            ? "verified: every check passed"
                            : failed.size() + " check(s) failed: " + String.join(", ", failed));
            return failed.isEmpty() ? ExitCodes.OK : ExitCodes.OTHER;
        }
    }

    /** The checks of one subscription, a sample push as a dry run: what the web UI's Verify button runs. */
    static List<Outcome> dryRun(Harness harness, Subscription subscription) {
        VerifyCommand verify = new VerifyCommand();
        verify.checks(harness, subscription, new PrintWriter(java.io.Writer.nullWriter()));
        return verify.outcomes;
    }

    /** Runs every check and prints a line each, ✓ or ✗ with its reason; {@link #outcomes} keeps them. */
    private void checks(Harness harness, Subscription subscription, PrintWriter out) {
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        try (Connector connector = harness.open(plugin, subscription)) {
            step(out, "connection", () -> {
                CheckResult check = harness.call(plugin, connector::check);
                return check.message();
            });
            step(out, "sign-in", () -> {
                AuthStatus status = harness.call(plugin, () -> connector.auth().status());
                if (status.state() != AuthState.CONNECTED) {
                    throw new IllegalStateException(status.state() + ": " + status.message());
                }
                return "connected";
            });
            Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();
            step(out, "sample pull", () -> samplePull(harness, plugin, connector, subscription, samples));
            step(out, "sample push", () -> samplePush(harness, subscription, samples));
        }
        step(out, "end to end", () -> endToEnd(harness, subscription));
        step(out, "log", () -> log(harness));
    }

    private interface Step {
        String run() throws Exception;
    }

    private void step(PrintWriter out, String name, Step step) {
        Outcome outcome;
        try {
            outcome = new Outcome(name, true, step.run());
        } catch (Exception e) {
            outcome = new Outcome(
                    name, false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        outcomes.add(outcome);
        out.println((outcome.passed() ? "✓ " : "✗ ") + name + ": " + outcome.detail());
        out.flush();
    }

    /** Reads a page of a few records of each entity the sample push needs, maps them, stores nothing. */
    private String samplePull(
            Harness harness,
            LoadedPlugin plugin,
            Connector connector,
            Subscription subscription,
            Map<String, List<Map<String, Object>>> samples) {
        List<String> read = new ArrayList<>();
        for (String entity : List.of("items", "customers")) {
            Optional<EntityAdapter> adapter = harness.call(plugin, connector::entities).stream()
                    .filter(a -> a.descriptor().name().equals(entity)
                            && a.pollSource().isPresent())
                    .findFirst();
            List<MappingCollection> collections = harness.inbound(subscription.id(), entity);
            if (adapter.isEmpty() || collections.isEmpty()) {
                continue;
            }
            PollBatch batch = harness.call(
                    plugin,
                    () -> adapter.get()
                            .pollSource()
                            .get()
                            .poll(new PollRequest(Checkpoint.initial(), 5, Optional.empty(), java.util.Set.of())));
            List<Map<String, Object>> mapped = new ArrayList<>();
            for (Record record : batch.records()) {
                try {
                    mapped.add(MappingEngine.apply(collections.get(0), record.fields()));
                } catch (MappingException e) {
                    throw new IllegalStateException(
                            "a sample " + entity + " record does not map: " + e.getMessage(), e);
                }
            }
            samples.put(entity, mapped);
            read.add(mapped.size() + " " + entity);
        }
        if (read.isEmpty()) {
            throw new IllegalStateException("the subscription pulls neither items nor customers");
        }
        return String.join(", ", read) + " read and mapped (nothing stored)";
    }

    /** A platform order for the first sampled customer and item, pushed as a dry run unless confirmed. */
    private String samplePush(
            Harness harness, Subscription subscription, Map<String, List<Map<String, Object>>> samples) {
        List<Map<String, Object>> customers = samples.getOrDefault("customers", List.of());
        List<Map<String, Object>> items = samples.getOrDefault("items", List.of());
        if (customers.isEmpty() || items.isEmpty()) {
            throw new IllegalStateException("the sample pull found no customer or item to build a sample order from");
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("externalNumber", "VERIFY-" + System.currentTimeMillis());
        order.put("customerNumber", customers.get(0).get("number"));
        order.put("lines", List.of(Map.of("type", "item", "sku", items.get(0).get("sku"), "quantity", 1)));
        StringWriter text = new StringWriter();
        int code = PushCommand.push(
                harness, subscription, "salesOrders", List.of(order), !confirmPush, new PrintWriter(text, true));
        String last = text.toString().lines().reduce((a, b) -> b).orElse("");
        if (code != ExitCodes.OK) {
            throw new IllegalStateException(text.toString()
                    .lines()
                    .filter(line -> line.startsWith("invalid:") || line.contains("failed"))
                    .findFirst()
                    .orElse(last));
        }
        return confirmPush ? last : last + " (run with --confirm-push to create it)";
    }

    private String endToEnd(Harness harness, Subscription subscription) {
        List<EntityStatus> entities = harness.store().entityStatus(subscription.id());
        if (entities.isEmpty()) {
            throw new IllegalStateException("serve has not run this subscription yet; start serve, then verify again");
        }
        long webhooks =
                entities.stream().filter(e -> e.mode().equals("webhook")).count();
        List<String> errors = entities.stream()
                .filter(e -> e.lastError().isPresent())
                .map(e -> e.entity() + ": " + e.lastError().get())
                .toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " entities failed their last run, " + errors.get(0));
        }
        long neverRun = entities.stream().filter(e -> e.lastRunAt().isEmpty()).count();
        return entities.size() + " entities served (" + webhooks + " by webhook, " + (entities.size() - webhooks)
                + " polled)" + (neverRun > 0 ? ", " + neverRun + " not pulled yet" : ", each pulled");
    }

    private String log(Harness harness) throws Exception {
        Path log = harness.home().resolve("harness.log");
        if (!Files.exists(log)) {
            return "no log yet at " + log;
        }
        long errors;
        try (var lines = Files.lines(log)) {
            errors = lines.filter(line -> line.contains(" ERROR ")).count();
        }
        return log + " (" + Files.size(log) / 1024 + " KiB, " + errors + " error lines)";
    }
}
