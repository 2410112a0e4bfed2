package io.ipaas.harness.cli;

import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.harness.bench.HeapPeak;
import io.ipaas.harness.bench.ProcessCpu;
import io.ipaas.harness.bench.RawFloor;
import io.ipaas.harness.bench.SandboxProcess;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.plugin.PluginRegistry;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.sync.PullReport;
import io.ipaas.harness.sync.PullRunner;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingDirection;
import io.ipaas.mappings.MappingDocument;
import io.ipaas.mappings.SourceFields;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure the harness against a raw floor.",
        subcommands = {BenchCommand.Pull.class, BenchPush.class, BenchWebhooks.class})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Override
    public Integer call() {
        throw UserFailure.badInput(
                "bench needs a benchmark: bench pull --items N [--page-size P], or bench push [--orders N]");
    }

    @Command(
            name = "pull",
            mixinStandardHelpOptions = true,
            description = "One run against one sandbox (a child JVM): both sides first warm up on the items of"
                    + " CRONUS Canada (not counted), then the raw floor (JDK HTTP client and Jackson's streaming parser"
                    + " counting the same pages) and then the real plugin pulling, mapping and storing the items of"
                    + " CRONUS USA into a fresh temporary home, --repeat times. The last line is: items=N requests=R"
                    + " floorMs=F pluginMs=P ratio=F/P peakHeapMb=H storeMb=S (F and P: the medians of the rounds;"
                    + " requests: the plugin's; peakHeapMb: this JVM's heap peak; storeMb: the store file with its -wal"
                    + " and -shm after the last pull). With --entity salesOrders, salesInvoices or salesShipments the"
                    + " documents with their lines are measured instead, read from the first read's look-back, and the"
                    + " last line starts entity=E records=N lines=L.")
    static final class Pull implements Callable<Integer> {
        private static final String CLIENT_ID = "7a41c0de-5b3e-4f6a-9d2c-8e1f0a2b3c4d";
        private static final String COMPANY = "CRONUS USA, Inc.";
        /** The other company of the sandbox: both sides warm up on its items, not on the ones they are timed on. */
        private static final String WARM_UP_COMPANY = "CRONUS Canada";
        /**
         * Enough records to get the sandbox's, the floor's and the plugin's hot code compiled before either is
         * timed (the JIT takes seconds of CPU on two cores, which would otherwise fall on whichever runs first).
         */
        private static final long WARM_UP_ITEMS = 200_000;

        private static final long MB = 1024 * 1024;

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--items",
                defaultValue = "100000",
                description = "Items in the sandbox (default: ${DEFAULT-VALUE}).")
        long items;

        @Option(
                names = "--entity",
                defaultValue = "items",
                description = "What is pulled: items (with variants), salesOrders, salesInvoices or salesShipments"
                        + " (with their lines) (default: ${DEFAULT-VALUE}).")
        String entity;

        @Option(
                names = "--documents",
                defaultValue = "10000",
                description = "Sales orders, invoices and shipments per company for the document entities, 1 to"
                        + " 50000: the sandbox holds its documents in memory (default: ${DEFAULT-VALUE}).")
        long documents;

        @Option(
                names = "--page-size",
                defaultValue = "1000",
                description =
                        "Records per page for both the floor and the plugin, 1 to 20000 (default: ${DEFAULT-VALUE}).")
        int pageSize;

        @Option(
                names = "--repeat",
                defaultValue = "3",
                description = "Rounds of floor then plugin after the warm-up, 1 to 10; the last line gives the medians"
                        + " (default: ${DEFAULT-VALUE}: these machines are shared and one round can be 10%% off).")
        int repeat;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (repeat < 1 || repeat > 10) {
                throw UserFailure.badInput("--repeat must be 1 to 10");
            }
            if (items < 1 || items > Integer.MAX_VALUE) {
                throw UserFailure.badInput("--items must be 1 to " + Integer.MAX_VALUE);
            }
            String navigation = switch (entity) {
                case "items" -> "itemVariants";
                case "salesOrders" -> "salesOrderLines";
                case "salesInvoices" -> "salesInvoiceLines";
                case "salesShipments" -> "salesShipmentLines";
                default ->
                    throw UserFailure.badInput("--entity must be items, salesOrders, salesInvoices or"
                            + " salesShipments, not '" + entity + "'");
            };
            boolean documentsMeasured = !entity.equals("items");
            if (documentsMeasured && (documents < 1 || documents > 50_000)) {
                // every document set of every company is generated up front; beyond this the child JVM's start
                // (measured: 100,000 did not start within 60 s) would fail with a less useful message
                throw UserFailure.badInput("--documents must be 1 to 50000");
            }
            if (pageSize < 1 || pageSize > 20_000) {
                throw UserFailure.badInput("--page-size must be 1 to 20000 (Business Central's largest page)");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            // a throwaway credential of the emulator, made per run
            String secret = "bench-" + UUID.randomUUID();
            out.println("starting the sandbox with " + items + " items"
                    + (documentsMeasured ? " and " + documents + " of each sales document" : "") + " in a child JVM");
            out.flush();
            // loaded once for both runs, as a long-running host does: a second load would be new classes that the JIT
            // compiles again while the timed pull runs (measured: C2 spent ~3 s of the plugin's CPU recompiling)
            try (HeapPeak heap = HeapPeak.start();
                    PluginRegistry plugins = new PluginRegistry(bench.main.pluginsFolder());
                    SandboxProcess sandbox = SandboxProcess.start(
                            items,
                            documentsMeasured ? 1000 : WARM_UP_ITEMS,
                            documentsMeasured ? documents : 0,
                            CLIENT_ID,
                            secret)) {
                RawFloor floor = floor(sandbox, COMPANY, secret);
                RawFloor warmUpFloor = floor(sandbox, WARM_UP_COMPANY, secret);
                Set<String> fields = fieldsRead(plugins, entity);
                RawFloor.Result warmUp = warmUpFloor.read(entity, navigation, pageSize, fields, Long.MAX_VALUE);
                Path warmUpHome = Files.createTempDirectory("harness-bench-warm-up-");
                PluginRun pluginWarmUp;
                try {
                    pluginWarmUp = pluginRun(warmUpHome, plugins, sandbox, secret, WARM_UP_COMPANY, err);
                } finally {
                    deleteTree(warmUpHome);
                }
                out.println("warm-up on " + WARM_UP_COMPANY + " (not counted): floor " + warmUp.items() + " " + entity
                        + " in "
                        + warmUp.millis() + " ms, plugin " + pluginWarmUp.items() + " " + entity + " in "
                        + pluginWarmUp.millis() + " ms");
                List<Long> floorMillis = new ArrayList<>();
                List<Long> pluginMillis = new ArrayList<>();
                PluginRun last = null;
                long lastLines = 0;
                for (int round = 1; round <= repeat; round++) {
                    String of = repeat == 1 ? "" : " (round " + round + " of " + repeat + ")";
                    CpuMark floorStart = CpuMark.now(sandbox);
                    RawFloor.Result raw = floor.read(entity, navigation, pageSize, fields, Long.MAX_VALUE);
                    out.println("floor: " + raw.items() + " " + entity + ", " + raw.requests() + " requests, "
                            + raw.millis() + " ms, " + floorStart.since(sandbox) + of);
                    out.flush();
                    PluginRun run = timedPluginRun(plugins, sandbox, secret, err, out, heap, of);
                    if (run.items() != raw.items()) {
                        throw new UserFailure(
                                ExitCodes.OTHER,
                                "the plugin pulled " + run.items() + " items but the floor counted " + raw.items()
                                        + "; the runs are not comparable");
                    }
                    lastLines = raw.children();
                    floorMillis.add(raw.millis());
                    pluginMillis.add(run.millis());
                    last = run;
                }
                long floorMs = median(floorMillis);
                long pluginMs = median(pluginMillis);
                if (documentsMeasured) {
                    out.printf(
                            Locale.ROOT,
                            "entity=%s records=%d lines=%d requests=%d floorMs=%d pluginMs=%d ratio=%.2f peakHeapMb=%d"
                                    + " storeMb=%.1f%n",
                            entity,
                            last.items(),
                            lastLines,
                            last.requests(),
                            floorMs,
                            pluginMs,
                            floorMs / (double) Math.max(1, pluginMs),
                            heap.usedBytes() / MB,
                            last.storeBytes() / (double) MB);
                    return ExitCodes.OK;
                }
                out.printf(
                        Locale.ROOT,
                        "items=%d requests=%d floorMs=%d pluginMs=%d ratio=%.2f peakHeapMb=%d storeMb=%.1f%n",
                        last.items(),
                        last.requests(),
                        floorMs,
                        pluginMs,
                        floorMs / (double) Math.max(1, pluginMs),
                        heap.usedBytes() / MB,
                        last.storeBytes() / (double) MB);
                return ExitCodes.OK;
            }
        }

        /** One timed pull of the measured company into a fresh home, removed afterwards; prints its line. */
        private PluginRun timedPluginRun(
                PluginRegistry plugins,
                SandboxProcess sandbox,
                String secret,
                PrintWriter err,
                PrintWriter out,
                HeapPeak heap,
                String of)
                throws IOException {
            Path home = Files.createTempDirectory("harness-bench-");
            try {
                CpuMark pluginStart = CpuMark.now(sandbox);
                PluginRun run = pluginRun(home, plugins, sandbox, secret, COMPANY, err);
                String pluginCpu = pluginStart.since(sandbox) + " (poll "
                        + run.cpu().pollMillis() + " ms, map " + run.cpu().mapMillis() + " ms, write "
                        + run.cpu().writeMillis() + " ms)";
                out.printf(
                        Locale.ROOT,
                        "plugin: %d " + entity
                                + " stored, %d requests, %d ms (the pull from its sign-in on, like the floor),"
                                + " %s; heap peak %d MB, at most %d MB after a collection (old-generation garbage"
                                + " included)%s%n",
                        run.items(),
                        run.requests(),
                        run.millis(),
                        pluginCpu,
                        heap.usedBytes() / MB,
                        heap.afterGcBytes() / MB,
                        of);
                out.flush();
                return run;
            } finally {
                deleteTree(home);
            }
        }

        /** The middle value (the lower middle of an even count): one slow or fast round does not move it. */
        static long median(List<Long> values) {
            List<Long> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return sorted.get((sorted.size() - 1) / 2);
        }

        /** The fields the plugin's default mappings read of an entity: what the plugin asks Business Central for. */
        private static Set<String> fieldsRead(PluginRegistry plugins, String entity) {
            LoadedPlugin plugin = plugins.plugin("dynamics365")
                    .orElseThrow(() -> UserFailure.badInput(
                            "no dynamics365 plugin is loaded; build it (mvn package) or pass --plugins"));
            List<MappingCollection> items = new ArrayList<>();
            for (DefaultMapping mapping : plugin.factory().defaultMappings()) {
                for (MappingCollection collection :
                        MappingDocument.parse(mapping.json()).collections()) {
                    if (collection.entity().equals(entity) && collection.direction() == MappingDirection.INBOUND) {
                        items.add(collection);
                    }
                }
            }
            return SourceFields.of(items);
        }

        private static RawFloor floor(SandboxProcess sandbox, String company, String secret) {
            return new RawFloor(new RawFloor.Target(
                    sandbox.baseUri(), sandbox.tenantId(), sandbox.environment(), company, CLIENT_ID, secret));
        }

        /** CPU used by the harness and the sandbox from a moment on: shows which side a phase waited for. */
        private record CpuMark(Duration harness, Duration sandbox) {
            static CpuMark now(SandboxProcess sandbox) {
                return new CpuMark(ProcessCpu.used(), sandbox.cpu());
            }

            String since(SandboxProcess sandbox) {
                return "cpu harness " + ProcessCpu.used().minus(harness).toMillis() + " ms, sandbox "
                        + sandbox.cpu().minus(this.sandbox).toMillis() + " ms";
            }
        }

        private record PluginRun(long items, long requests, long millis, long storeBytes, PullReport.Cpu cpu) {}

        private PluginRun pluginRun(
                Path home,
                PluginRegistry plugins,
                SandboxProcess sandbox,
                String secret,
                String company,
                PrintWriter err) {
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            // a fresh home with its own fresh key: nothing of the user's home is read or written
            try (Harness harness = Harness.open(home, plugins, null)) {
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("apiUrl", sandbox.baseUri().toString());
                settings.put("authorityUrl", sandbox.baseUri().toString());
                settings.put("tenantId", sandbox.tenantId());
                settings.put("environment", sandbox.environment());
                settings.put("companyName", company);
                settings.put("clientId", CLIENT_ID);
                settings.put("clientSecret", secret);
                settings.put("pageSize", pageSize);
                settings.put("pullItemVariants", true);
                // every generated document: they were modified over the 30 days before the sandbox's day
                settings.put("transactionPollSearchDays", 40);
                String id = SubscribeCommand.subscribe(harness, "dynamics365", settings, "bench", true, quiet, err);
                if (id == null) {
                    throw new UserFailure(ExitCodes.OTHER, "the bench could not subscribe to its sandbox");
                }
                long started = System.nanoTime();
                PullCommand.Result result = PullCommand.pull(
                        harness,
                        id,
                        entity,
                        true,
                        20_000,
                        PullRunner.DEFAULT_MAX_WAIT,
                        quiet,
                        err,
                        PullCommand.Display.NONE);
                long millis = (System.nanoTime() - started) / 1_000_000;
                return new PluginRun(
                        result.report().received(),
                        result.requests(),
                        millis,
                        storeBytes(home),
                        result.report().cpu());
            }
        }

        private static long storeBytes(Path home) {
            long bytes = 0;
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path file = home.resolve(Store.FILE_NAME + suffix);
                try {
                    bytes += Files.exists(file) ? Files.size(file) : 0;
                } catch (IOException e) {
                    throw new UserFailure(ExitCodes.OTHER, "cannot measure " + file + ": " + e.getMessage());
                }
            }
            return bytes;
        }

        /** Removes a bench's temporary home with everything in it (the push and webhook benches use it too). */
        static void deleteTree(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
