package io.ipaas.harness.cli;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.harness.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "webhooks",
        mixinStandardHelpOptions = true,
        description = "An embedded sandbox sends change notifications for --notifications items to the host's webhook"
                + " endpoint on loopback (serve's, with the plugin checking each entry and the host storing the"
                + " notices before it answers), 500 changes to a POST as BC batches them. The last line is:"
                + " notifications=N accepted=A lost=L perSecond=X (A: notices stored; X: N over the time from the first"
                + " POST to the last answer).")
final class BenchWebhooks implements Callable<Integer> {
    private static final String CLIENT_ID = "6a1f3c5e-7b9d-4f2a-8c4e-1d3f5a7b9c02";
    private static final int PER_POST = 500;

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--notifications",
            defaultValue = "50000",
            description = "Changes to notify (default: ${DEFAULT-VALUE}).")
    int notifications;

    @Override
    public Integer call() throws IOException {
        if (notifications < 1 || notifications > 1_000_000) {
            throw UserFailure.badInput("--notifications must be 1 to 1000000");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        String secret = "bench-" + UUID.randomUUID();
        Path home = Files.createTempDirectory("harness-bench-webhooks-");
        try (BcSandbox sandbox = BcSandbox.builder()
                        .items(notifications)
                        .customers(5)
                        .salesOrders(0)
                        .client(CLIENT_ID, secret)
                        .webhookDelay(Duration.ofMinutes(10))
                        .build()
                        .start();
                PluginRegistry plugins = new PluginRegistry(bench.main.pluginsFolder());
                Harness harness = Harness.open(home, plugins, null)) {
            Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
            settings.put("clientSecret", secret);
            String id =
                    SubscribeCommand.subscribe(harness, "dynamics365", settings, "bench-webhooks", true, quiet, quiet);
            if (id == null) {
                throw new UserFailure(ExitCodes.OTHER, "the bench could not subscribe to its sandbox");
            }
            try (Serve serve = new Serve(
                    harness,
                    Clock.systemUTC(),
                    Duration.ofDays(1),
                    InetAddress.getLoopbackAddress(),
                    0,
                    Optional.empty(),
                    quiet)) {
                serve.setUp(List.of(harness.subscription(id)), true);
                List<UUID> items = sandbox.dataset()
                        .items(BcSandbox.CRONUS_USA)
                        .limit(notifications)
                        .map(Item::id)
                        .toList();
                out.println("notifying " + items.size() + " item changes, " + PER_POST + " to a POST, to port "
                        + serve.port());
                out.flush();
                long sentBefore = sandbox.subscriptions().delivered();
                long started = System.nanoTime();
                for (int from = 0; from < items.size(); from += PER_POST) {
                    for (UUID item : items.subList(from, Math.min(items.size(), from + PER_POST))) {
                        sandbox.touch(BcSandbox.CRONUS_USA, "items", item);
                    }
                    sandbox.subscriptions().sendDue();
                }
                long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                long accepted = harness.store().openNotices(id).stream()
                        .filter(n -> n.entity().equals("items"))
                        .count();
                long delivered = sandbox.subscriptions().delivered() - sentBefore;
                out.println(sandbox.subscriptions().posts() + " POSTs, " + delivered + " entries acknowledged, "
                        + millis + " ms");
                out.printf(
                        "notifications=%d accepted=%d lost=%d perSecond=%d%n",
                        items.size(), accepted, items.size() - accepted, items.size() * 1000L / millis);
                return accepted == items.size() ? ExitCodes.OK : ExitCodes.REMOTE;
            }
        } finally {
            BenchCommand.Pull.deleteTree(home);
        }
    }
}
