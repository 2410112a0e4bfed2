package io.ipaas.harness.cli;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.harness.plugin.LoadedPlugin;
import io.ipaas.harness.store.Subscription;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = "Start the embedded Business Central sandbox, subscribe the dynamics365 plugin to it, "
                + "pull items with variants, and show what happened.")
final class DemoCommand implements Callable<Integer> {
    private static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";

    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Option(names = "--items", defaultValue = "300", description = "Items in the sandbox (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(
            names = "--page-size",
            defaultValue = "100",
            description = "The connector's pageSize setting (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(
            names = "--grant",
            defaultValue = "client_credentials",
            description = "client_credentials (the app signs in with "
                    + "a secret), or authorization_code (a user signs in with PKCE through a loopback redirect; the sandbox's user has "
                    + "consented already and the demo plays the browser) (default: ${DEFAULT-VALUE}).")
    String grant;

    @Override
    public Integer call() throws Exception {
        if (!grant.equals("client_credentials") && !grant.equals("authorization_code")) {
            throw UserFailure.badInput("--grant must be client_credentials or authorization_code, not '" + grant + "'");
        }
        var out = spec.commandLine().getOut();
        // a throwaway credential of the emulator, generated per run: nothing to leak
        String secret = "demo-" + java.util.UUID.randomUUID();
        try (BcSandbox sandbox = BcSandbox.builder()
                        .seed(42)
                        .items(items)
                        .variantsPerItem(2)
                        .client(CLIENT_ID, secret)
                        .build()
                        .start();
                Harness harness = main.open()) {
            out.println("Business Central sandbox on " + sandbox.baseUri() + " (tenant " + sandbox.tenantId()
                    + ", environment " + sandbox.environment() + ", " + items + " items)");
            Map<String, Object> settings = sandboxSettings(sandbox, CLIENT_ID);
            settings.put("grantType", grant);
            if (grant.equals("authorization_code")) {
                settings.put("oauthUrlTemplate", sandbox.oauthUrlTemplate());
            }
            settings.put("clientSecret", secret);
            settings.put("pullItemVariants", true);
            settings.put("pageSize", pageSize);
            // the guide's initial-setup look-back: the sandbox's documents were modified over the last 30 days
            settings.put("transactionPollSearchDays", DOCUMENT_DAYS);
            // the entities a setting turns on, on: price groups, two sales codes' prices, relationships, hierarchy
            settings.put("transferCustomerPriceGroups", true);
            settings.put("salesCodesForCustomerPrice", List.of("RETAIL", "VIP"));
            settings.put("processCompanyRelationship", true);
            settings.put("enableCompanyHierarchy", true);
            settings.put("processCompanyCreationInPrerequisite", true);
            String id = SubscribeCommand.subscribe(
                    harness,
                    "dynamics365",
                    settings,
                    "demo",
                    true,
                    out,
                    spec.commandLine().getErr());
            if (id == null) {
                return ExitCodes.OTHER;
            }
            long subscribeTokens = sandbox.stats().tokenRequests();
            if (grant.equals("authorization_code")) {
                signInAsTheSandboxUser(harness, id, out);
            }
            long signInTokens = sandbox.stats().tokenRequests() - subscribeTokens;
            PullCommand.Result result =
                    PullCommand.pull(harness, id, "items", true, 20_000, out, System.console() != null);
            long variants = sandbox.dataset().variantCount(BcSandbox.CRONUS_USA);
            out.println();
            out.printf(
                    Locale.ROOT,
                    "summary: %d items with %d variants pulled and mapped in %.2f s; %d requests for items"
                            + " (pageSize %d), %d quarantined; token requests (%s): %d for the subscribe check, %d for the"
                            + " sign-in, %d for the pull%n",
                    result.report().received(),
                    variants,
                    result.report().millis() / 1000.0,
                    sandbox.stats().requests("items"),
                    pageSize,
                    result.report().quarantined(),
                    grant,
                    subscribeTokens,
                    signInTokens,
                    sandbox.stats().tokenRequests() - subscribeTokens - signInTokens);
            out.println();
            printEveryEntity(harness, id, result, out);
            out.println();
            pushBack(harness, id, sandbox, out);
            out.println();
            out.println("three mapped records:");
            RecordsCommand.print(harness.store().records(id, "items", 3), out);
            out.println();
            out.println("stored in " + harness.home().toAbsolutePath().normalize() + "; look again with: java -jar "
                    + "host-harness/target/host-harness.jar --home " + harness.home() + " records " + id
                    + " items --limit 5");
            return ExitCodes.OK;
        }
    }

    /**
     * The other direction: a new platform customer and two platform orders for it go to BC with the default
     * mappings, then the same orders again, which BC already has (found by their external document number).
     */
    private static void pushBack(Harness harness, String id, BcSandbox sandbox, java.io.PrintWriter out) {
        List<String> skus = sandbox.dataset()
                .items(BcSandbox.CRONUS_USA)
                .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                .map(io.ipaas.bcsandbox.data.Item::number)
                .limit(2)
                .toList();
        var subscription = harness.subscription(id);
        out.println("pushing back with the default mappings (platform -> Business Central):");
        PushCommand.push(
                harness,
                subscription,
                "customers",
                List.of(Map.of(
                        "id", "platform-customer-1",
                        "number", "WEB-C1",
                        "name", "Fabrikam Webshop",
                        "email", "orders@fabrikam.example",
                        "address", Map.of("line1", "400 Pine Street", "city", "Seattle", "state", "WA"))),
                false,
                out);
        List<Map<String, Object>> orders = List.of(
                demoOrder("WEB-100482", skus.get(0), skus.get(1)), demoOrder("WEB-100483", skus.get(1), skus.get(0)));
        long before = sandbox.salesOrdersCreated();
        PushCommand.push(harness, subscription, "salesOrders", orders, false, out);
        PushCommand.push(harness, subscription, "salesOrders", orders, false, out);
        out.println("Business Central created " + (sandbox.salesOrdersCreated() - before)
                + " sales orders for the two pushes of 2 (the second push found them by externalDocumentNumber)");
    }

    private static Map<String, Object> demoOrder(String number, String sku, String otherSku) {
        return Map.of(
                "externalNumber", number,
                "customerNumber", "WEB-C1",
                "orderDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
                "shipTo", Map.of("name", "Fabrikam Webshop - Receiving", "city", "Seattle", "state", "WA"),
                "lines",
                        List.of(
                                Map.of("type", "item", "sku", sku, "quantity", 2, "unitPrice", 949.5),
                                Map.of("type", "item", "sku", otherSku, "quantity", 1),
                                Map.of("type", "comment", "description", "Deliver to loading dock B")));
    }

    /** How far back the demo's first read of documents reaches (transactionPollSearchDays). */
    static final int DOCUMENT_DAYS = 30;

    /** The dynamics365 settings that reach a sandbox as the given app: its URLs, tenant, environment and main company. */
    static Map<String, Object> sandboxSettings(BcSandbox sandbox, String clientId) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("apiUrl", sandbox.baseUri().toString());
        settings.put("authorityUrl", sandbox.baseUri().toString());
        settings.put("tenantId", sandbox.tenantId());
        settings.put("environment", sandbox.environment());
        settings.put("companyName", sandbox.defaultCompany().name());
        settings.put("clientId", clientId);
        return settings;
    }

    /** Runs {@code auth connect}'s steps with the demo as the browser: the real state, PKCE and loopback redirect. */
    /**
     * Pulls every other entity the plugin offers and prints one table of what each pull did; a pull that fails is a
     * row with its one-line reason, and the others still run.
     */
    private static void printEveryEntity(Harness harness, String id, PullCommand.Result items, PrintWriter out) {
        List<String> entities = harness.plugin(harness.subscription(id).pluginId()).factory().info().entities().stream()
                .map(EntityDescriptor::name)
                .toList();
        out.println(
                "every entity (master and reference data in full, documents of the last " + DOCUMENT_DAYS + " days):");
        out.printf(Locale.ROOT, "  %-22s %9s %9s %7s%n", "entity", "records", "requests", "errors");
        out.printf(
                Locale.ROOT,
                "  %-22s %9d %9d %7d%n",
                "items",
                items.report().received(),
                items.requests(),
                items.report().quarantined());
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        for (String entity : entities) {
            if (entity.equals("items")) {
                continue;
            }
            try {
                PullCommand.Result result = PullCommand.pull(harness, id, entity, true, 20_000, quiet, false);
                out.printf(
                        Locale.ROOT,
                        "  %-22s %9d %9d %7d%n",
                        entity,
                        result.report().received(),
                        result.requests(),
                        result.report().quarantined());
            } catch (RuntimeException e) {
                out.printf(Locale.ROOT, "  %-22s %9s %9s %7s  %s%n", entity, "-", "-", "1", e.getMessage());
            }
        }
    }

    private static void signInAsTheSandboxUser(Harness harness, String id, PrintWriter out) throws Exception {
        Subscription subscription = harness.subscription(id);
        LoadedPlugin plugin = harness.plugin(subscription.pluginId());
        try (Connector connector = harness.open(plugin, subscription);
                LoopbackReceiver receiver = new LoopbackReceiver(0)) {
            SignIn signIn = new SignIn(harness);
            URI authorize = signIn.begin(plugin, connector, id, receiver.redirectUri());
            out.println("sign-in: opening " + authorize);
            HttpClient browser = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpResponse<Void> landed =
                    browser.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding());
            out.println("sign-in: the browser landed on " + landed.uri().getScheme() + "://"
                    + landed.uri().getAuthority() + landed.uri().getPath() + " (HTTP " + landed.statusCode() + ")");
            Map<String, String> callback = receiver.await(Duration.ofSeconds(10))
                    .orElseThrow(() -> new UserFailure(
                            ExitCodes.AUTHENTICATION,
                            "the sandbox sent no sign-in answer to " + receiver.redirectUri()));
            AuthStatus status = signIn.complete(plugin, connector, id, callback);
            out.println("sign-in: " + status.state() + ", " + status.message());
        }
    }
}
