package io.ipaas.harness.cli;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorMetrics;
import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.plugin.PluginPollSource;
import io.ipaas.harness.store.Subscription;
import io.ipaas.harness.sync.PullProgress;
import io.ipaas.harness.sync.PullReport;
import io.ipaas.harness.sync.PullRunner;
import io.ipaas.harness.sync.WaitTooLong;
import io.ipaas.mappings.MappingCollection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "pull",
        description = "Pull an entity: poll, map, store by key, commit the checkpoint with the records.")
final class PullCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
    String subscriptionId;

    @Parameters(
            index = "1",
            paramLabel = "ENTITY",
            description = "The entity, e.g. items; in a further company of the subscription entity@company, e.g."
                    + " 'items@CRONUS Canada' (status lists them).")
    String entity;

    @Option(names = "--full", description = "Start from the beginning instead of the committed checkpoint.")
    boolean full;

    @Option(
            names = "--batch",
            defaultValue = "20000",
            description = "Most records per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--max-wait",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Longest wait before one retry (default: ${DEFAULT-VALUE}); when the remote asks for a longer"
                    + " pause (Retry-After), the pull stops with exit code 4 and the checkpoint stays.")
    long maxWaitSeconds;

    @Option(
            names = "--progress",
            description = "Print one line per commit (default: a live counter, and only on a console).")
    boolean progressLines;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw UserFailure.badInput("--batch must be at least 1");
        }
        if (maxWaitSeconds < 0) {
            throw UserFailure.badInput("--max-wait must be 0 or more seconds");
        }
        try (Harness harness = main.open()) {
            PrintWriter out = spec.commandLine().getOut();
            pull(
                    harness,
                    subscriptionId,
                    entity,
                    full,
                    batch,
                    Duration.ofSeconds(maxWaitSeconds),
                    out,
                    spec.commandLine().getErr(),
                    progressLines ? Display.LINES : System.console() != null ? Display.COUNTER : Display.NONE);
            return ExitCodes.OK;
        }
    }

    /** How a pull shows its progress. */
    enum Display {
        NONE,
        /** one line rewritten in place, for a console */
        COUNTER,
        /** one line per committed batch, for logs and scripts */
        LINES
    }

    /** Pulls and prints the summary line; returns the report and the connector's counters. */
    static Result pull(
            Harness harness,
            String subscriptionId,
            String entity,
            boolean full,
            int batch,
            PrintWriter out,
            boolean showProgress) {
        return pull(
                harness,
                subscriptionId,
                entity,
                full,
                batch,
                PullRunner.DEFAULT_MAX_WAIT,
                out,
                new PrintWriter(System.err, true),
                showProgress ? Display.COUNTER : Display.NONE);
    }

    /** Pulls and prints the summary line; waits for retries are told on {@code err}. */
    static Result pull(
            Harness harness,
            String subscriptionId,
            String entity,
            boolean full,
            int batch,
            Duration maxWait,
            PrintWriter out,
            PrintWriter err,
            Display display) {
        Subscription subscription = harness.subscription(subscriptionId);
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        try (Connector connector = harness.open(plugin, subscription)) {
            AuthStatus auth = harness.call(plugin, () -> connector.auth().status());
            if (auth.state() != AuthState.CONNECTED) {
                throw pause(harness, plugin, connector, subscription, auth, auth.message());
            }
            WorkUnit unit = harness.unit(plugin, connector, subscription, entity);
            List<MappingCollection> collections = harness.inbound(subscription.id(), unit.entity());
            EntityAdapter adapter = harness.call(plugin, () -> connector.entity(unit));
            PollSource source = adapter.pollSource()
                    .orElseThrow(() -> UserFailure.badInput(
                            "entity '" + entity + "' cannot be pulled (it only flows to the connector)"));
            if (collections.isEmpty()) {
                throw UserFailure.badInput(
                        "subscription " + subscription.id() + " has no inbound mapping for '" + unit.entity()
                                + "'; subscribe again without --no-default-mappings, or add a mapping collection for it");
            }
            if (display == Display.LINES) {
                out.println("pulling " + entity + " for " + subscription.id() + " from "
                        + (full
                                        || harness.store()
                                                .checkpoint(subscription.id(), entity)
                                                .isEmpty()
                                ? "the beginning"
                                : "the committed checkpoint"));
            }
            PullProgress progress = progress(entity, out, err, display);
            // the runner polls on its own thread too: every poll runs with the plugin's class loader
            PollSource pluginSource =
                    new PluginPollSource(source, harness.plugins().loaderOf(plugin));
            PullReport report;
            try {
                report = harness.call(
                        plugin,
                        () -> new PullRunner(harness.store(), duration -> Thread.sleep(duration.toMillis()), maxWait)
                                .pull(subscription.id(), unit, pluginSource, collections, full, batch, progress));
            } catch (WaitTooLong e) {
                throw new UserFailure(
                        ExitCodes.REMOTE,
                        e.getMessage() + "; pull again later, or raise --max-wait (now " + maxWait.toSeconds() + " s)");
            } catch (ConnectorException e) {
                AuthStatus after = harness.call(plugin, () -> connector.auth().status());
                if (e.kind() != ErrorKind.AUTHENTICATION || after.state() == AuthState.CONNECTED) {
                    throw e;
                }
                // the sign-in lapsed mid-pull (refresh token revoked or expired): pause until a user signs in again
                throw pause(harness, plugin, connector, subscription, after, e.getMessage());
            }
            if (display == Display.COUNTER) {
                out.println();
            }
            Map<String, Long> metrics = harness.call(plugin, connector::metrics);
            long requests = metrics.getOrDefault(ConnectorMetrics.HTTP_REQUESTS, 0L);
            long tokens = metrics.getOrDefault(ConnectorMetrics.AUTH_TOKEN_REQUESTS, 0L);
            out.printf(
                    Locale.ROOT,
                    "pulled %s for %s: %d records received, %d stored, %d quarantined, %d pages, %d requests"
                            + " (+%d token requests), %.2f s%n",
                    entity,
                    subscription.id(),
                    report.received(),
                    report.stored(),
                    report.quarantined(),
                    report.pages(),
                    requests,
                    tokens,
                    report.millis() / 1000.0);
            if (report.quarantined() > 0) {
                out.println("quarantined records (fix the mapping or the data, then pull with --full):");
                harness.store().quarantined(subscription.id(), entity).stream()
                        .limit(10)
                        .forEach(line -> out.println("  " + line));
            }
            // for the dashboard's chart: every pull, by CLI or by serve, with what it cost
            harness.store()
                    .recordRun(subscription.id(), unit.id(), java.time.Instant.now(), report.received(), requests);
            return new Result(report, requests, tokens);
        }
    }

    private static PullProgress progress(String entity, PrintWriter out, PrintWriter err, Display display) {
        return new PullProgress() {
            @Override
            public void committed(long received, long pages) {
                if (display == Display.COUNTER) {
                    out.print("\r  " + entity + ": " + received + " records, " + pages + " pages");
                    out.flush();
                } else if (display == Display.LINES) {
                    out.println("  committed up to batch " + pages + ": " + received + " records so far");
                }
            }

            @Override
            public void retrying(Duration wait, int attempt, int maxAttempts, String reason) {
                err.printf(
                        Locale.ROOT,
                        "waiting %.1f s before retry %d of %d for %s: %s%n",
                        wait.toMillis() / 1000.0,
                        attempt,
                        maxAttempts,
                        entity,
                        reason);
            }
        };
    }

    /** Marks the subscription paused in the store; the failure says why and what the user does next. */
    private static UserFailure pause(
            Harness harness,
            LoadedPlugin plugin,
            Connector connector,
            Subscription subscription,
            AuthStatus status,
            String reason) {
        harness.store().setStatus(subscription.id(), status.state().name());
        return new UserFailure(
                ExitCodes.AUTHENTICATION,
                "subscription " + subscription.id() + " is paused (" + status.state() + "): " + reason + "; "
                        + AuthCommand.whatToDo(
                                harness.call(plugin, () -> connector.auth().kind()), status, subscription));
    }

    /** A pull's report with the connector's request counts. */
    record Result(PullReport report, long requests, long tokenRequests) {}
}
