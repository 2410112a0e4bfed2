package io.ipaas.harness.cli;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.harness.plugin.PluginRegistry;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.Subscription;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = "Push generated platform sales orders (with --lines lines each) through the default mapping and"
                + " the plugin to an embedded sandbox, from a fresh temporary home; failed orders are pushed again from"
                + " the quarantine (up to 5 rounds, as an outbox would) and faults can be injected. The last line is:"
                + " orders=N requests=R created=C duplicates=D (R: the API requests the sandbox served, the company"
                + " lookup included; C: orders the sandbox created; D: orders created beyond the first with the same"
                + " external document number).")
final class BenchPush implements Callable<Integer> {
    private static final String CLIENT_ID = "3e9c1a7b-6d2f-4b8e-a5c3-0f7d9e1b2a64";
    private static final int ROUNDS = 5;

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--orders",
            defaultValue = "1000",
            description = "Sales orders to push (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--lines", defaultValue = "3", description = "Item lines per order (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(
            names = "--timeouts",
            defaultValue = "0",
            description =
                    "Requests creating orders that store them and then get no answer (default: ${DEFAULT-VALUE}).")
    int timeouts;

    @Option(
            names = "--deadlocks",
            defaultValue = "0",
            description = "Order creates answered 409, another session holding the table (default: ${DEFAULT-VALUE}).")
    int deadlocks;

    @Option(
            names = "--failures",
            defaultValue = "0",
            description = "Order creates answered 503, nothing stored (default: ${DEFAULT-VALUE}).")
    int failures;

    @Override
    public Integer call() throws IOException {
        if (orders < 1 || orders > 100_000) {
            throw UserFailure.badInput("--orders must be 1 to 100000");
        }
        if (lines < 1 || lines > 50) {
            throw UserFailure.badInput("--lines must be 1 to 50");
        }
        if (timeouts < 0 || deadlocks < 0 || failures < 0) {
            throw UserFailure.badInput("--timeouts, --deadlocks and --failures must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        String secret = "bench-" + UUID.randomUUID();
        Path home = Files.createTempDirectory("harness-bench-push-");
        try (BcSandbox sandbox = BcSandbox.builder()
                        .items(1000)
                        .customers(50)
                        .salesOrders(0)
                        .client(CLIENT_ID, secret)
                        .build()
                        .start();
                PluginRegistry plugins = new PluginRegistry(bench.main.pluginsFolder());
                Harness harness = Harness.open(home, plugins, null)) {
            Map<String, Object> settings = DemoCommand.sandboxSettings(sandbox, CLIENT_ID);
            settings.put("clientSecret", secret);
            String id = SubscribeCommand.subscribe(harness, "dynamics365", settings, "bench-push", true, quiet, quiet);
            if (id == null) {
                throw new UserFailure(ExitCodes.OTHER, "the bench could not subscribe to its sandbox");
            }
            Subscription subscription = harness.subscription(id);
            List<Map<String, Object>> records = orders(sandbox);
            sandbox.faults()
                    .retryAfterSeconds(0)
                    .timeoutAfterCreateNext(timeouts)
                    .deadlockNext(deadlocks)
                    .failWritesNext(failures, 503);
            out.println("pushing " + orders + " sales orders with " + lines + " lines each (faults: " + timeouts
                    + " timeouts after create, " + deadlocks + " deadlocks, " + failures + " 503s)");
            out.flush();
            long requestsBefore = sandbox.stats().apiRequests();
            long started = System.nanoTime();
            PushCommand.push(harness, subscription, "salesOrders", records, false, quiet);
            int round = 1;
            for (; round < ROUNDS; round++) {
                List<Map<String, Object>> again = harness.store().outboundQuarantine(id, "salesOrders").stream()
                        .map(Store.OutboundFailure::record)
                        .toList();
                if (again.isEmpty()) {
                    break;
                }
                PushCommand.push(harness, subscription, "salesOrders", again, false, quiet);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            long requests = sandbox.stats().apiRequests() - requestsBefore;
            int left = harness.store().outboundQuarantine(id, "salesOrders").size();
            out.printf(
                    "%d orders in %d ms (%.0f orders/s), %d push round(s), %d still quarantined%n",
                    orders, millis, orders * 1000.0 / Math.max(1, millis), Math.min(round, ROUNDS), left);
            out.println("orders=" + orders + " requests=" + requests + " created=" + sandbox.salesOrdersCreated()
                    + " duplicates=" + sandbox.duplicateSalesOrders());
            return left == 0 ? ExitCodes.OK : ExitCodes.REMOTE;
        } finally {
            BenchCommand.Pull.deleteTree(home);
        }
    }

    /** Platform orders as the canonical model has them: a customer of the sandbox, items that are not blocked. */
    private List<Map<String, Object>> orders(BcSandbox sandbox) {
        List<String> customers = new ArrayList<>();
        var rows = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers");
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            customers.add((String) rows.row(p).get("number"));
        }
        List<String> skus = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .map(Item::number)
                .limit(200)
                .toList();
        List<Map<String, Object>> records = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("externalNumber", "BENCH-" + (100001 + i));
            order.put("customerNumber", customers.get(i % customers.size()));
            order.put("orderDate", "2026-12-01");
            order.put("shipTo", Map.of("name", "Receiving", "city", "Atlanta", "state", "GA"));
            List<Map<String, Object>> orderLines = new ArrayList<>();
            for (int l = 0; l < lines; l++) {
                orderLines.add(Map.of(
                        "type",
                        "item",
                        "sku",
                        skus.get((i * lines + l) % skus.size()),
                        "quantity",
                        1 + l,
                        "unitPrice",
                        19.5));
            }
            order.put("lines", orderLines);
            records.add(order);
        }
        return records;
    }
}
