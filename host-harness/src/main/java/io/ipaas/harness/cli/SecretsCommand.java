package io.ipaas.harness.cli;

import io.ipaas.harness.secrets.EncryptedSecretStore;
import io.ipaas.harness.secrets.MasterKey;
import io.ipaas.harness.secrets.SecretCipher;
import io.ipaas.harness.secrets.SecretKeyException;
import io.ipaas.harness.store.Subscription;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The way back from a lost or replaced key. The sealed secrets cannot be recovered without the key that sealed them,
 * so the choice is: bring that key back, or forget what it sealed. Forgetting keeps each subscription (its
 * settings, mappings, checkpoints and records); subscribing it again with its settings file stores its secrets anew
 * and the next pull continues where the last one stopped. Starting over by deleting the home would lose all of
 * that.
 */
@Command(
        name = "secrets",
        mixinStandardHelpOptions = true,
        description =
                "Show which sealed secrets this home's key opens, or forget the ones it cannot (after a lost key).",
        subcommands = {SecretsCommand.Status.class, SecretsCommand.Forget.class})
final class SecretsCommand implements Runnable {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw HarnessMain.missingSubcommand(spec);
    }

    /** Per owner (a subscription id), each sealed secret's name with whether the key in use opens it. */
    private static Map<String, Map<String, Boolean>> inventory(Harness harness, Optional<MasterKey> key) {
        Map<String, Map<String, Boolean>> owners = new LinkedHashMap<>();
        Optional<SecretCipher> cipher = key.map(SecretCipher::new);
        for (String owner : harness.store().secretOwners()) {
            Map<String, Boolean> names = new LinkedHashMap<>();
            for (String name : harness.store().secretNames(owner)) {
                names.put(
                        name,
                        cipher.map(c -> new EncryptedSecretStore(harness.store(), c, owner).opens(name))
                                .orElse(false));
            }
            owners.put(owner, names);
        }
        return owners;
    }

    /** The key a command would use; an unusable key file counts as none, a bad variable must be fixed first. */
    private static Optional<MasterKey> currentKey(HarnessMain main, Harness harness) {
        String fromEnvironment = main.environment(MasterKey.ENVIRONMENT_VARIABLE);
        try {
            return MasterKey.existing(harness.home(), fromEnvironment);
        } catch (SecretKeyException unusable) {
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                throw unusable;
            }
            return Optional.empty();
        }
    }

    private static String describe(Harness harness, String owner) {
        return harness.store()
                .subscription(owner)
                .map(s -> owner + " (" + s.pluginId() + " '" + s.name() + "')")
                .orElse(owner + " (not a subscription: left by a subscribe check)");
    }

    private static long count(Map<String, Map<String, Boolean>> inventory, boolean opens) {
        return inventory.values().stream()
                .flatMap(names -> names.values().stream())
                .filter(open -> open == opens)
                .count();
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Where the key comes from, and per subscription how many sealed secrets it opens.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        SecretsCommand secrets;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Harness harness = secrets.main.openWithoutKey()) {
                Optional<MasterKey> key = currentKey(secrets.main, harness);
                out.println("key: "
                        + key.map(MasterKey::source)
                                .orElse("none usable (" + harness.home().resolve(MasterKey.FILE_NAME)
                                        + " is missing, empty or malformed)"));
                Map<String, Map<String, Boolean>> inventory = inventory(harness, key);
                if (inventory.isEmpty()) {
                    out.println("no sealed secrets");
                }
                inventory.forEach((owner, names) -> out.println(describe(harness, owner) + ": " + names.size()
                        + " sealed, "
                        + names.values().stream().filter(open -> open).count() + " open with this key"));
                long closed = count(inventory, false);
                if (closed > 0) {
                    out.println(closed + " sealed secret" + (closed == 1 ? "" : "s")
                            + " cannot be opened with this key; to recover, " + MasterKey.recovery());
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "forget",
            mixinStandardHelpOptions = true,
            description = "Forget the sealed secrets this home's key cannot open (all of them when the key is lost),"
                    + " making a new key if needed; each affected subscription is then subscribed again.")
    static final class Forget implements Callable<Integer> {
        @ParentCommand
        SecretsCommand secrets;

        @Spec
        CommandSpec spec;

        @Option(names = "--yes", description = "Really forget them (without it, only list what would be forgotten).")
        boolean yes;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Harness harness = secrets.main.openWithoutKey()) {
                Optional<MasterKey> key = currentKey(secrets.main, harness);
                Map<String, Map<String, Boolean>> inventory = inventory(harness, key);
                long closed = count(inventory, false);
                if (closed == 0) {
                    out.println(key.map(k -> "every sealed secret opens with the key from " + k.source())
                                    .orElse("no sealed secrets")
                            + "; nothing to forget");
                    if (key.isEmpty() && yes) {
                        out.println("a new key was made: "
                                + MasterKey.replace(harness.home()).source());
                    }
                    return ExitCodes.OK;
                }
                inventory.forEach((owner, names) -> {
                    List<String> forgotten = names.entrySet().stream()
                            .filter(e -> !e.getValue())
                            .map(Map.Entry::getKey)
                            .toList();
                    if (forgotten.isEmpty()) {
                        return;
                    }
                    out.println((yes ? "forgot " : "would forget ") + describe(harness, owner) + ": "
                            + String.join(", ", forgotten));
                    if (yes) {
                        forgotten.forEach(name -> harness.store().deleteSecret(owner, name));
                        harness.store().subscription(owner).ifPresent(subscription -> {
                            harness.store().setStatus(owner, Harness.SECRETS_FORGOTTEN);
                            out.println("  subscribe it again: " + resubscribe(subscription));
                        });
                    }
                });
                if (!yes) {
                    throw UserFailure.badInput("nothing was forgotten; run again with --yes to forget these " + closed
                            + " sealed secret" + (closed == 1 ? "" : "s"));
                }
                if (key.isEmpty()) {
                    out.println("a new key was made: "
                            + MasterKey.replace(harness.home()).source());
                }
                return ExitCodes.OK;
            }
        }

        private static String resubscribe(Subscription subscription) {
            return "subscribe " + subscription.pluginId() + " --name " + subscription.name() + " --settings FILE";
        }
    }
}
