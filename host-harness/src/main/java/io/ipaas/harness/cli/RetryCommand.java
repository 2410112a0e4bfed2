package io.ipaas.harness.cli;

import io.ipaas.harness.store.Subscription;
import java.util.List;
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
        name = "retry",
        description = "Push one record of the outbox again now (waiting for its next attempt or quarantined), by its"
                + " key as status and push print it.")
final class RetryCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
    String subscriptionId;

    @Parameters(index = "1", paramLabel = "KEY", description = "The record's key (its idempotency key).")
    String key;

    @Option(names = "--entity", description = "The entity, when the key is in the outbox for more than one.")
    String entity;

    @Override
    public Integer call() {
        try (Harness harness = main.open()) {
            Subscription subscription = harness.subscription(subscriptionId);
            Map<String, Map<String, Object>> found = harness.store().outboundByKey(subscription.id(), key);
            if (entity != null) {
                found.keySet().retainAll(List.of(entity));
            }
            if (found.isEmpty()) {
                throw UserFailure.badInput("no record '" + key + "' in the outbox of " + subscription.id()
                        + (entity == null ? "" : " for " + entity) + "; status " + subscription.id() + " shows it");
            }
            if (found.size() > 1) {
                throw UserFailure.badInput("'" + key + "' is in the outbox for " + String.join(" and ", found.keySet())
                        + "; say which with --entity");
            }
            Map.Entry<String, Map<String, Object>> only =
                    found.entrySet().iterator().next();
            return PushCommand.push(
                    harness,
                    subscription,
                    only.getKey(),
                    List.of(only.getValue()),
                    false,
                    spec.commandLine().getOut());
        }
    }
}
