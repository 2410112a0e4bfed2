package io.ipaas.harness.cli;

import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.harness.store.EntityStatus;
import io.ipaas.harness.store.Notice;
import io.ipaas.harness.store.Subscription;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "status",
        description = "Show a subscription's state and, per entity: webhook or polling and why, the watermark, the last"
                + " run, records stored and quarantined, the last error, the webhook's expiry, the last notification,"
                + " open notices, and the outbox.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    /** Outbox records listed with their error; the rest are counted. */
    private static final int OUTBOX_SHOWN = 5;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
    String subscriptionId;

    /** What a subscription's state means and what to do about it; empty when it is ACTIVE. */
    static String whatToDo(Subscription subscription) {
        switch (subscription.status()) {
            case LifecycleCommands.ACTIVE:
                return "";
            case LifecycleCommands.PAUSED:
                return "paused: serve skips it, its notices wait; resume " + subscription.id();
            case LifecycleCommands.UNSUBSCRIBED:
                return "unsubscribed: its webhooks are deleted, its stored records kept";
            case Harness.SECRETS_FORGOTTEN:
                return "its secrets were forgotten: subscribe it again with its settings file";
            default:
                return "waiting for a sign-in: auth connect " + subscription.id()
                        + " (serve skips it meanwhile, its notices wait)";
        }
    }

    @Override
    public Integer call() {
        try (Harness harness = main.openWithoutKey()) {
            Subscription subscription = harness.subscription(subscriptionId);
            PrintWriter out = spec.commandLine().getOut();
            List<EntityStatus> entities = harness.store().entityStatus(subscription.id());
            List<Notice> open = harness.store().openNotices(subscription.id());
            out.println(subscription.id() + " (" + subscription.pluginId() + ", " + subscription.name() + "): "
                    + subscription.status());
            String advice = whatToDo(subscription);
            if (!advice.isEmpty()) {
                out.println("  " + advice);
            }
            if (entities.isEmpty()) {
                out.println("  not served yet; run: serve");
            }
            for (EntityStatus status : entities) {
                String entity = status.entity();
                Optional<Checkpoint> checkpoint = harness.store().checkpoint(subscription.id(), entity);
                long openNotices =
                        open.stream().filter(n -> n.entity().equals(entity)).count();
                out.println("  " + entity + ": " + status.mode() + " — " + status.reason());
                out.println("    watermark "
                        + checkpoint
                                .map(c -> String.valueOf(c.values().getOrDefault("watermark", "—")))
                                .orElse("none (never pulled)")
                        + "; last run "
                        + status.lastRunAt().map(Object::toString).orElse("never")
                        + status.lastRecords().map(n -> " (" + n + " records)").orElse("")
                        + "; stored " + harness.store().count("records", subscription.id(), entity)
                        + ", quarantined " + harness.store().count("quarantine", subscription.id(), entity));
                if (status.mode().equals("webhook")) {
                    out.println("    webhook " + status.remoteId().orElse("?") + " expires "
                            + status.remoteExpires().map(Object::toString).orElse("?") + "; last notification "
                            + status.lastNoticeAt().map(Object::toString).orElse("none") + "; open notices "
                            + openNotices);
                }
                status.lastError().ifPresent(error -> out.println("    last error: " + error));
            }
            for (String entity : harness.store().pushedEntities(subscription.id())) {
                var outbox = harness.store().outboundQuarantine(subscription.id(), entity);
                long waiting = outbox.stream()
                        .filter(f -> f.status().equals("waiting"))
                        .count();
                out.println("  " + entity + " (out): " + harness.store().count("push_links", subscription.id(), entity)
                        + " pushed; outbox " + waiting + " waiting for their next attempt, " + (outbox.size() - waiting)
                        + " quarantined");
                outbox.stream()
                        .limit(OUTBOX_SHOWN)
                        .forEach(f -> out.println("    " + f.key() + ": " + f.status()
                                + f.nextAttemptAt().map(at -> " until " + at).orElse("") + ", " + f.attempts()
                                + " attempts; " + f.errorKind() + ": " + f.message()));
                if (outbox.size() > OUTBOX_SHOWN) {
                    out.println("    … and " + (outbox.size() - OUTBOX_SHOWN) + " more");
                }
                if (!outbox.isEmpty()) {
                    out.println("    retry " + subscription.id() + " KEY, or push " + subscription.id() + " '" + entity
                            + "' --quarantined");
                }
            }
            return ExitCodes.OK;
        }
    }
}
