package io.ipaas.harness.cli;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookSink;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.EntityStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subscription's lifecycle: {@code ACTIVE ⇄ PAUSED → UNSUBSCRIBED}. A paused subscription is skipped by serve
 * (its webhook subscriptions stay, their notices wait); unsubscribing removes its webhook subscriptions at the remote
 * and stops it for good, keeping its stored records.
 */
final class LifecycleCommands {
    static final String ACTIVE = "ACTIVE";
    static final String PAUSED = "PAUSED";
    static final String UNSUBSCRIBED = "UNSUBSCRIBED";

    private LifecycleCommands() {}

    @Command(
            mixinStandardHelpOptions = true,
            name = "pause",
            description = "Pause a subscription: serve skips it until resume.")
    static final class Pause implements Callable<Integer> {
        @ParentCommand
        HarnessMain main;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
        String subscriptionId;

        @Override
        public Integer call() {
            try (Harness harness = main.openWithoutKey()) {
                var subscription = harness.subscription(subscriptionId);
                if (!harness.store().changeStatus(subscription.id(), ACTIVE, PAUSED)) {
                    throw UserFailure.badInput("subscription " + subscription.id() + " is "
                            + harness.subscription(subscription.id()).status() + "; only an ACTIVE one can be paused");
                }
                spec.commandLine()
                        .getOut()
                        .println(subscription.id() + ": PAUSED (resume " + subscription.id()
                                + " to go on; notices keep arriving and wait)");
                return ExitCodes.OK;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "resume", description = "Resume a paused subscription.")
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        HarnessMain main;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
        String subscriptionId;

        @Override
        public Integer call() {
            try (Harness harness = main.openWithoutKey()) {
                var subscription = harness.subscription(subscriptionId);
                if (!harness.store().changeStatus(subscription.id(), PAUSED, ACTIVE)) {
                    String status = harness.subscription(subscription.id()).status();
                    throw UserFailure.badInput("subscription " + subscription.id() + " is " + status
                            + "; only a PAUSED one can be resumed"
                            + (status.equals("NEEDS_REAUTH")
                                    ? " (sign in again: auth connect " + subscription.id() + ")"
                                    : ""));
                }
                spec.commandLine().getOut().println(subscription.id() + ": ACTIVE");
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "unsubscribe",
            description = "Stop a subscription for good: its webhook subscriptions at the remote are deleted, serve"
                    + " no longer runs it; its stored records stay.")
    static final class Unsubscribe implements Callable<Integer> {
        @ParentCommand
        HarnessMain main;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
        String subscriptionId;

        @Override
        public Integer call() {
            try (Harness harness = main.open()) {
                var subscription = harness.subscription(subscriptionId);
                if (subscription.status().equals(UNSUBSCRIBED)) {
                    spec.commandLine().getOut().println(subscription.id() + ": already UNSUBSCRIBED");
                    return ExitCodes.OK;
                }
                PrintWriter out = spec.commandLine().getOut();
                LoadedPlugin plugin = harness.plugin(subscription.pluginId());
                try (Connector connector = harness.open(plugin, subscription)) {
                    java.util.Map<String, io.ipaas.connector.api.WorkUnit> units = new java.util.HashMap<>();
                    harness.call(plugin, connector::workUnits).forEach(u -> units.put(u.id(), u));
                    for (EntityStatus status : harness.store().entityStatus(subscription.id())) {
                        // the status is kept under the unit's id; its scope says whose webhooks delete it
                        io.ipaas.connector.api.WorkUnit unit = units.get(status.entity());
                        Optional<WebhookSink> sink = unit == null
                                ? Optional.empty()
                                : harness.call(plugin, () -> connector.webhooks(unit.scope()));
                        if (status.remoteId().isEmpty() || sink.isEmpty()) {
                            continue;
                        }
                        Subscription remote = new Subscription(
                                status.remoteId().get(),
                                unit.entity(),
                                status.remoteExpires().orElse(java.time.Instant.EPOCH),
                                status.remoteAttributes());
                        try {
                            harness.call(plugin, () -> {
                                sink.get().unsubscribe(remote);
                                return null;
                            });
                            out.println(subscription.id() + " " + status.entity() + ": webhook " + remote.id()
                                    + " deleted");
                        } catch (ConnectorException e) {
                            throw new UserFailure(
                                    ExitCodes.of(e.kind()),
                                    "could not delete the webhook of " + status.entity() + " (" + e.getMessage()
                                            + "); the subscription stays " + subscription.status() + ", try again");
                        }
                        harness.store()
                                .saveEntityStatus(new EntityStatus(
                                        status.subscriptionId(),
                                        status.entity(),
                                        "stopped",
                                        "unsubscribed",
                                        Optional.empty(),
                                        Optional.empty(),
                                        java.util.Map.of(),
                                        Optional.empty(),
                                        status.lastRunAt(),
                                        status.lastRecords(),
                                        status.lastError(),
                                        status.lastNoticeAt()));
                    }
                }
                harness.store().setStatus(subscription.id(), UNSUBSCRIBED);
                out.println(subscription.id() + ": UNSUBSCRIBED; its stored records stay (records " + subscription.id()
                        + " ENTITY)");
                return ExitCodes.OK;
            }
        }
    }
}
