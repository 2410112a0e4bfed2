package io.ipaas.harness.cli;

import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.Subscription;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = "Forget an entity's committed checkpoint, so its next pull starts from the beginning."
                + " Stored records and quarantined records stay; the next pull updates them by key.")
final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBSCRIPTION", description = "The subscription id (sub-…).")
    String subscriptionId;

    @Parameters(
            index = "1",
            paramLabel = "ENTITY",
            description = "The entity whose checkpoint to forget (entity@company for a further company).")
    String entity;

    @Override
    public Integer call() {
        // no secret is read: a reset works while the secret key is lost too
        try (Harness harness = main.openWithoutKey()) {
            Subscription subscription = harness.subscription(subscriptionId);
            LoadedPlugin plugin = harness.plugin(subscription.pluginId());
            List<String> entities = harness
                    .call(plugin, () -> plugin.factory().info().entities())
                    .stream()
                    .map(EntityDescriptor::name)
                    .toList();
            // a further company's unit is entity@company; its checkpoint is kept under that id
            String named = entity.contains("@") ? entity.substring(0, entity.indexOf('@')) : entity;
            if (!entities.contains(named)) {
                throw UserFailure.badInput("subscription " + subscription.id() + " offers no entity '" + entity
                        + "'; it offers: " + String.join(", ", entities));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (harness.store().resetCheckpoint(subscription.id(), entity)) {
                out.println("reset " + entity + " for " + subscription.id()
                        + ": the committed checkpoint is forgotten; the next pull starts from the beginning"
                        + " (stored records stay and are updated by key)");
            } else {
                out.println(entity + " for " + subscription.id()
                        + " had no committed checkpoint; the next pull starts from the beginning anyway");
            }
            return ExitCodes.OK;
        }
    }
}
