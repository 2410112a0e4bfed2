package io.ipaas.bcsandbox;

import io.ipaas.bcsandbox.data.Company;
import io.ipaas.bcsandbox.data.Dataset;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.data.SalesDocuments;
import io.ipaas.bcsandbox.data.StandardCompanies;
import io.ipaas.bcsandbox.odata.RecordFault;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone until killed:
 * {@code java -jar bc-sandbox.jar [--port N] [--items N] [--canada-items N] [--customers N] [--contacts N]
 * [--sales-orders N] [--sales-invoices N] [--sales-shipments N] [--break-invoice-lines N] [--seed N]
 * [--variants-per-item N]
 * [--environment NAME] [--client-id ID] [--client-secret SECRET] [--break-record SET:POSITION:FAULT ...]}.
 */
public final class BcSandboxMain {
    static final String USAGE = "usage: java -jar bc-sandbox.jar [--port N (default 8080, 0 = free port)]"
            + " [--items N (default 300)] [--canada-items N (items of CRONUS Canada, default "
            + StandardCompanies.CANADA_ITEMS + ")] [--customers N (per company, default " + Dataset.DEFAULT_CUSTOMERS
            + ")] [--contacts N (per company, default " + Dataset.DEFAULT_CONTACTS + ")]"
            + " [--sales-orders N] [--sales-invoices N] [--sales-shipments N] (per company, defaults "
            + SalesDocuments.DEFAULT_ORDERS + ", " + SalesDocuments.DEFAULT_INVOICES + ", "
            + SalesDocuments.DEFAULT_SHIPMENTS + ")"
            + " [--seed N (default 42)] [--variants-per-item N (default 2)]"
            + " [--environment NAME] [--client-id ID] [--client-secret SECRET]"
            + " [--break-record SET:POSITION:FAULT (repeatable; SET items or itemVariants of CRONUS USA, FAULT "
            + "MISSING_ID or UNPARSABLE_LAST_MODIFIED)]"
            + " [--break-invoice-lines N (the lines of CRONUS USA's N most recently modified sales invoices fail to"
            + " read, as BC fails on bad line data; default 0)]"
            + " [--limits IN_FLIGHT:PER_5_MIN (BC's per-user limits, 429 beyond them; default 5:6000, 'off' for none)]"
            + " [--fail-next STATUS:COUNT (repeatable; e.g. 429:3)] [--retry-after SECONDS (of injected failures,"
            + " default 1)] [--slow-next MILLIS:COUNT] [--truncate-next COUNT (pages that stop halfway)]"
            + " [--reset-next COUNT (requests whose connection is closed)] [--max-page-size N (default 20000)]"
            + " [--token-lifetime SECONDS (default 3599)]"
            + " [--deadlock-next COUNT (writes answered 409, another session holding the table)]"
            + " [--fail-writes STATUS:COUNT (writes answered with a 5xx, nothing stored)]"
            + " [--timeout-after-create COUNT (requests that create a sales order store it, then get no answer)]"
            + " [--customer-templates on|off (off: customers created through the API lack posting groups, so orders"
            + " for them fail; default on)]"
            + " [--webhook-delay MILLIS (how long changes gather before webhook notifications go out; BC: 30000,"
            + " the default)]."
            + " While it runs, type help for commands that change records and inject faults.";

    /** The command line, parsed. */
    record Options(
            int port,
            long items,
            long canadaItems,
            long customers,
            long contacts,
            long salesOrders,
            long salesInvoices,
            long salesShipments,
            int brokenInvoiceLines,
            int limitInFlight,
            int limitPerWindow,
            List<int[]> failNext,
            int retryAfter,
            List<long[]> slowNext,
            int truncateNext,
            int resetNext,
            int maxPageSize,
            int tokenLifetime,
            long seed,
            int variantsPerItem,
            String environment,
            String clientId,
            String clientSecret,
            List<BrokenRecord> brokenRecords,
            int deadlockNext,
            List<int[]> failWrites,
            int timeoutAfterCreate,
            boolean customerTemplates,
            long webhookDelayMillis) {

        static Options parse(String[] args) {
            int port = 8080;
            long items = 300;
            long canadaItems = StandardCompanies.CANADA_ITEMS;
            long customers = Dataset.DEFAULT_CUSTOMERS;
            long contacts = Dataset.DEFAULT_CONTACTS;
            long orders = SalesDocuments.DEFAULT_ORDERS;
            long invoices = SalesDocuments.DEFAULT_INVOICES;
            long shipments = SalesDocuments.DEFAULT_SHIPMENTS;
            int brokenLines = 0;
            int[] limits = {5, 6000};
            List<int[]> fails = new ArrayList<>();
            int retryAfter = 1;
            List<long[]> slows = new ArrayList<>();
            int truncates = 0;
            int resets = 0;
            int maxPageSize = BcSandbox.BC_MAX_PAGE_SIZE;
            int tokenLifetime = 3599;
            long seed = 42;
            int variants = 2;
            String environment = BcSandbox.DEFAULT_ENVIRONMENT;
            String clientId = BcSandbox.DEFAULT_CLIENT_ID;
            String secret = BcSandbox.DEFAULT_CLIENT_SECRET;
            List<BrokenRecord> broken = new ArrayList<>();
            int deadlocks = 0;
            List<int[]> failWrites = new ArrayList<>();
            int timeouts = 0;
            boolean templates = true;
            long webhookDelay = 30_000;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + option);
                }
                String value = args[++i];
                try {
                    switch (option) {
                        case "--port" -> port = Integer.parseInt(value);
                        case "--items" -> items = Long.parseLong(value.replace("_", ""));
                        case "--canada-items" -> canadaItems = Long.parseLong(value.replace("_", ""));
                        case "--customers" -> customers = Long.parseLong(value.replace("_", ""));
                        case "--contacts" -> contacts = Long.parseLong(value.replace("_", ""));
                        case "--sales-orders" -> orders = Long.parseLong(value.replace("_", ""));
                        case "--sales-invoices" -> invoices = Long.parseLong(value.replace("_", ""));
                        case "--sales-shipments" -> shipments = Long.parseLong(value.replace("_", ""));
                        case "--break-invoice-lines" -> brokenLines = Integer.parseInt(value);
                        case "--limits" -> limits = value.equals("off") ? new int[] {0, 0} : pair(option, value);
                        case "--fail-next" -> fails.add(pair(option, value));
                        case "--retry-after" -> retryAfter = Integer.parseInt(value);
                        case "--slow-next" -> {
                            int[] slow = pair(option, value);
                            slows.add(new long[] {slow[0], slow[1]});
                        }
                        case "--truncate-next" -> truncates = Integer.parseInt(value);
                        case "--reset-next" -> resets = Integer.parseInt(value);
                        case "--max-page-size" -> maxPageSize = Integer.parseInt(value);
                        case "--token-lifetime" -> tokenLifetime = Integer.parseInt(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--variants-per-item" -> variants = Integer.parseInt(value);
                        case "--environment" -> environment = value;
                        case "--client-id" -> clientId = value;
                        case "--client-secret" -> secret = value;
                        case "--break-record" -> broken.add(BrokenRecord.parse(value));
                        case "--deadlock-next" -> deadlocks = Integer.parseInt(value);
                        case "--fail-writes" -> failWrites.add(pair(option, value));
                        case "--timeout-after-create" -> timeouts = Integer.parseInt(value);
                        case "--webhook-delay" -> webhookDelay = Long.parseLong(value);
                        case "--customer-templates" -> {
                            if (!value.equals("on") && !value.equals("off")) {
                                throw new IllegalArgumentException(
                                        "--customer-templates takes on or off, not '" + value + "'");
                            }
                            templates = value.equals("on");
                        }
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number for " + option + ": " + value, e);
                }
            }
            // the builder owns the bounds; its message names its parameter, a user typed the flag
            int givenPort = port;
            long givenItems = items;
            long givenCanadaItems = canadaItems;
            int givenVariants = variants;
            long givenCustomers = customers;
            long givenContacts = contacts;
            inRange("--customers", () -> BcSandbox.builder().customers(givenCustomers));
            inRange("--contacts", () -> BcSandbox.builder().contacts(givenContacts));
            long givenOrders = orders;
            long givenInvoices = invoices;
            long givenShipments = shipments;
            inRange("--sales-orders", () -> BcSandbox.builder().salesOrders(givenOrders));
            inRange("--sales-invoices", () -> BcSandbox.builder().salesInvoices(givenInvoices));
            inRange("--sales-shipments", () -> BcSandbox.builder().salesShipments(givenShipments));
            if (brokenLines < 0 || brokenLines > invoices) {
                throw new IllegalArgumentException(
                        "--break-invoice-lines must be 0.." + invoices + " (the number of sales invoices)");
            }
            int[] givenLimits = limits;
            int givenMaxPageSize = maxPageSize;
            int givenLifetime = tokenLifetime;
            inRange("--limits", () -> BcSandbox.builder().requestLimits(givenLimits[0], givenLimits[1]));
            inRange("--max-page-size", () -> BcSandbox.builder().maxPageSize(givenMaxPageSize));
            inRange(
                    "--token-lifetime",
                    () -> BcSandbox.builder().tokenLifetime(java.time.Duration.ofSeconds(givenLifetime)));
            for (int[] fail : fails) {
                if (fail[0] < 400 || fail[0] > 599 || fail[1] < 0) {
                    throw new IllegalArgumentException("--fail-next takes STATUS:COUNT with an HTTP error status, e.g."
                            + " 503:2; got " + fail[0] + ":" + fail[1]);
                }
            }
            for (int[] fail : failWrites) {
                if (fail[0] < 500 || fail[0] > 599 || fail[1] < 0) {
                    throw new IllegalArgumentException("--fail-writes takes STATUS:COUNT with a 5xx status, e.g. 503:2;"
                            + " got " + fail[0] + ":" + fail[1]);
                }
            }
            long givenWebhookDelay = webhookDelay;
            inRange(
                    "--webhook-delay",
                    () -> BcSandbox.builder().webhookDelay(java.time.Duration.ofMillis(givenWebhookDelay)));
            if (deadlocks < 0 || timeouts < 0) {
                throw new IllegalArgumentException(
                        (deadlocks < 0 ? "--deadlock-next" : "--timeout-after-create") + " must be 0 or more");
            }
            if (truncates < 0 || resets < 0) {
                throw new IllegalArgumentException(
                        (truncates < 0 ? "--truncate-next" : "--reset-next") + " must be 0 or more");
            }
            if (retryAfter < 0) {
                throw new IllegalArgumentException("--retry-after must be 0 or more seconds");
            }
            inRange("--port", () -> BcSandbox.builder().port(givenPort));
            inRange("--items", () -> BcSandbox.builder().items(givenItems));
            inRange("--canada-items", () -> BcSandbox.builder().canadaItems(givenCanadaItems));
            inRange("--variants-per-item", () -> BcSandbox.builder().variantsPerItem(givenVariants));
            return new Options(
                    port,
                    items,
                    canadaItems,
                    customers,
                    contacts,
                    orders,
                    invoices,
                    shipments,
                    brokenLines,
                    limits[0],
                    limits[1],
                    List.copyOf(fails),
                    retryAfter,
                    List.copyOf(slows),
                    truncates,
                    resets,
                    maxPageSize,
                    tokenLifetime,
                    seed,
                    variants,
                    environment,
                    clientId,
                    secret,
                    List.copyOf(broken),
                    deadlocks,
                    List.copyOf(failWrites),
                    timeouts,
                    templates,
                    webhookDelay);
        }

        /** "A:B" as two numbers, or an error naming the flag. */
        private static int[] pair(String flag, String value) {
            String[] parts = value.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(flag + " takes two numbers as A:B, got '" + value + "'");
            }
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        }

        private static void inRange(String flag, Runnable check) {
            try {
                check.run();
            } catch (IllegalArgumentException e) {
                // "canadaItems must be 0..N" becomes "--canada-items must be 0..N"
                throw new IllegalArgumentException(e.getMessage().replaceFirst("^\\S+", flag), e);
            }
        }
    }

    /** One record of CRONUS USA to serve broken, as {@code --break-record items:5:MISSING_ID} asks. */
    record BrokenRecord(String entitySet, long position, RecordFault fault) {
        static BrokenRecord parse(String value) {
            String[] parts = value.split(":", -1);
            if (parts.length != 3 || !(parts[0].equals("items") || parts[0].equals("itemVariants"))) {
                throw new IllegalArgumentException("--break-record takes SET:POSITION:FAULT with SET items or"
                        + " itemVariants, e.g. items:5:MISSING_ID; got '" + value + "'");
            }
            try {
                return new BrokenRecord(parts[0], Long.parseLong(parts[1]), RecordFault.valueOf(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--break-record needs a position (0, 1, ...) and a fault out of "
                        + java.util.Arrays.toString(RecordFault.values()) + "; got '" + value + "'");
            }
        }
    }

    private BcSandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        BcSandbox sandbox;
        try {
            sandbox = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("bc-sandbox: " + e.getMessage());
            }
            System.err.println(USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "bc-sandbox-shutdown"));
        // commands typed while it runs; without a terminal (stdin closed) it simply keeps serving
        SandboxConsole console = new SandboxConsole(sandbox);
        try (java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String answer = console.execute(line);
                if (!answer.isEmpty()) {
                    System.out.println(answer);
                }
            }
        } catch (java.io.IOException e) {
            // no console: keep serving
        }
        new CountDownLatch(1).await();
    }

    /** Starts a sandbox as the command line says and prints how to use it; the caller closes it. */
    static BcSandbox launch(String[] args, PrintStream out) {
        Options options = Options.parse(args);
        BcSandbox sandbox = BcSandbox.builder()
                .port(options.port())
                .items(options.items())
                .canadaItems(options.canadaItems())
                .customers(options.customers())
                .contacts(options.contacts())
                .salesOrders(options.salesOrders())
                .salesInvoices(options.salesInvoices())
                .salesShipments(options.salesShipments())
                .requestLimits(options.limitInFlight(), options.limitPerWindow())
                .maxPageSize(options.maxPageSize())
                .tokenLifetime(java.time.Duration.ofSeconds(options.tokenLifetime()))
                .seed(options.seed())
                .variantsPerItem(options.variantsPerItem())
                .environment(options.environment())
                .client(options.clientId(), options.clientSecret())
                .webhookDelay(java.time.Duration.ofMillis(options.webhookDelayMillis()))
                .build()
                .start();
        for (BrokenRecord broken : options.brokenRecords()) {
            sandbox.faults().breakRecord(BcSandbox.CRONUS_USA, broken.entitySet(), broken.position(), broken.fault());
        }
        sandbox.faults().retryAfterSeconds(options.retryAfter());
        options.failNext().forEach(fail -> sandbox.faults().failNext(fail[1], fail[0]));
        sandbox.faults().deadlockNext(options.deadlockNext());
        options.failWrites().forEach(fail -> sandbox.faults().failWritesNext(fail[1], fail[0]));
        sandbox.faults().timeoutAfterCreateNext(options.timeoutAfterCreate());
        sandbox.customerTemplates(options.customerTemplates());
        options.slowNext()
                .forEach(slow -> sandbox.faults().slowNext((int) slow[1], java.time.Duration.ofMillis(slow[0])));
        for (UUID invoice : mostRecent(sandbox, options.brokenInvoiceLines())) {
            sandbox.breakLines(BcSandbox.CRONUS_USA, invoice);
        }
        printBanner(sandbox, options, out);
        return sandbox;
    }

    /** The ids of CRONUS USA's most recently modified sales invoices, newest first. */
    static List<UUID> mostRecent(BcSandbox sandbox, int count) {
        RowSet invoices = sandbox.dataset().rows(BcSandbox.CRONUS_USA, SalesDocuments.SALES_INVOICES);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long p = invoices.next(0); p >= 0; p = invoices.next(p + 1)) {
            rows.add(invoices.row(p));
        }
        rows.sort(Comparator.comparing((Map<String, Object> row) -> (Instant) row.get(RowSet.LAST_MODIFIED))
                .reversed());
        return rows.stream().limit(count).map(row -> (UUID) row.get(RowSet.ID)).toList();
    }

    private static void printBanner(BcSandbox sandbox, Options options, PrintStream out) {
        Company usa = sandbox.defaultCompany();
        out.println("Business Central sandbox (API v2.0 + Entra ID token endpoint) is running.");
        out.println();
        out.println("  base URL (apiUrl and authorityUrl): " + sandbox.baseUri());
        out.println("  tenant:        " + sandbox.tenantId() + "  (or " + sandbox.tenantDomain() + ")");
        out.println("  environment:   " + sandbox.environment());
        out.println("  client id:     " + options.clientId());
        out.println("  client secret: " + options.clientSecret());
        out.println("  scope:         " + BcSandbox.BC_SCOPE);
        out.println("  token URL:     " + sandbox.tokenEndpoint());
        out.println("  API root:      " + sandbox.apiRoot());
        out.println("  companies:");
        for (Company company : sandbox.companies()) {
            out.println("    " + company.id() + "  " + company.name() + "  ("
                    + sandbox.dataset().itemCount(company.id()) + " items, "
                    + sandbox.dataset().variantCount(company.id()) + " variants, "
                    + options.customers() + " customers, " + options.contacts() + " contacts, "
                    + options.salesOrders() + " sales orders, " + options.salesInvoices() + " sales invoices, "
                    + options.salesShipments() + " sales shipments)");
        }
        for (BrokenRecord broken : options.brokenRecords()) {
            out.println("  served broken: CRONUS USA " + broken.entitySet() + " at position " + broken.position() + " ("
                    + broken.fault() + ")");
        }
        if (options.brokenInvoiceLines() > 0) {
            out.println("  served broken: the lines of CRONUS USA's " + options.brokenInvoiceLines()
                    + " most recently modified sales invoice(s)");
        }
        out.println();
        out.println("Try:");
        out.println("  TOKEN=$(curl -s " + sandbox.tokenEndpoint() + " -d grant_type=client_credentials \\");
        out.println("    -d client_id=" + options.clientId() + " --data-urlencode client_secret='"
                + options.clientSecret() + "' \\");
        out.println("    --data-urlencode scope=" + BcSandbox.BC_SCOPE
                + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" '" + sandbox.apiRoot() + "/companies'");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Prefer: odata.maxpagesize=5' \\");
        out.println("    '" + sandbox.apiRoot() + "/companies(" + usa.id()
                + ")/items?$select=number,displayName,lastModifiedDateTime&$expand=itemVariants'");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" \\");
        out.println("    '" + sandbox.apiRoot() + "/companies(" + usa.id()
                + ")/items?$filter=lastModifiedDateTime%20gt%20"
                + sandbox.dataset().anchor().minusSeconds(86_400)
                + "'");
        out.println();
        if (options.limitInFlight() > 0 || options.limitPerWindow() > 0) {
            out.println("  limits:        " + options.limitInFlight() + " requests in flight, "
                    + options.limitPerWindow() + " per 5 minutes per app or user (429 beyond, as BC)");
        }
        out.println("Type help for commands that change records and inject faults while it runs. Stop with Ctrl+C.");
        out.flush();
    }
}
