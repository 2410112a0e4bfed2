package io.ipaas.bcsandbox;

import io.ipaas.bcsandbox.data.Company;
import io.ipaas.bcsandbox.data.CompanyData;
import io.ipaas.bcsandbox.data.Dataset;
import io.ipaas.bcsandbox.data.SalesDocuments;
import io.ipaas.bcsandbox.data.StandardCompanies;
import io.ipaas.bcsandbox.entra.ClientCredentialsGrant;
import io.ipaas.bcsandbox.entra.ClientRegistry;
import io.ipaas.bcsandbox.entra.DelegatedSessions;
import io.ipaas.bcsandbox.entra.RegisteredApp;
import io.ipaas.bcsandbox.entra.Tenant;
import io.ipaas.bcsandbox.entra.TokenIssuer;
import io.ipaas.bcsandbox.http.RequestLimits;
import io.ipaas.bcsandbox.http.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An in-process emulator of Microsoft Dynamics 365 Business Central online (API v2.0) and the Microsoft
 * Entra ID token endpoint, on one loopback HTTP port.
 *
 * <pre>{@code
 * try (BcSandbox sandbox = BcSandbox.builder().seed(42).items(300).variantsPerItem(2).build().start()) {
 *     URI base = sandbox.baseUri();          // http://127.0.0.1:PORT — both apiUrl and authorityUrl
 *     // POST {base}/{tenant}/oauth2/v2.0/token, then GET {base}/v2.0/{tenant}/{env}/api/v2.0/companies
 * }
 * }</pre>
 *
 * <p>Data is generated lazily and deterministically from the seed; see {@link Dataset} for what to expect.
 * All methods are thread-safe.
 */
public final class BcSandbox implements AutoCloseable {
    public static final String DEFAULT_TENANT_ID = "6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36";
    public static final String DEFAULT_TENANT_DOMAIN = "cronus.onmicrosoft.com";
    public static final String DEFAULT_ENVIRONMENT = "production";
    /** Registered when the builder names no client. */
    public static final String DEFAULT_CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";

    public static final String DEFAULT_CLIENT_SECRET = "sandbox-secret";
    /** The only scope the token endpoint accepts. */
    public static final String BC_SCOPE = ClientCredentialsGrant.BC_SCOPE;
    /** "CRONUS USA, Inc.": holds the configured number of items. */
    public static final UUID CRONUS_USA = StandardCompanies.CRONUS_USA;
    /** "CRONUS Canada": a few items. */
    public static final UUID CRONUS_CANADA = StandardCompanies.CRONUS_CANADA;
    /** "O'Brien Supplies": a few items, and an apostrophe to escape in {@code $filter} literals. */
    public static final UUID OBRIEN = StandardCompanies.OBRIEN;
    /** BC online's fixed maximum page size (facts §3.2). */
    public static final int BC_MAX_PAGE_SIZE = 20_000;

    private final Tenant tenant;
    private final String environment;
    private final Dataset dataset;
    private final ClientRegistry registry;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final int port;
    private final int maxPageSize;
    private final int limitInFlight;
    private final int limitPerWindow;
    private final SandboxStats stats = new SandboxStats();
    private final SandboxFaults faults;
    private final io.ipaas.bcsandbox.webhook.Subscriptions subscriptions;
    private final DelegatedSessions sessions;
    private SandboxServer server;

    private BcSandbox(Builder builder) {
        this.tenant = new Tenant(builder.tenantId, builder.tenantDomain);
        this.environment = builder.environment;
        this.clock = builder.clock;
        Instant anchor = builder.dataAnchor != null
                ? builder.dataAnchor
                : clock.instant().truncatedTo(ChronoUnit.DAYS);
        this.dataset = new Dataset(
                StandardCompanies.profiles(builder.items, builder.canadaItems),
                builder.seed,
                builder.variantsPerItem,
                anchor,
                builder.customers,
                builder.contacts,
                builder.salesOrders,
                builder.salesInvoices,
                builder.salesShipments);
        this.registry = new ClientRegistry();
        builder.clients.forEach((id, secrets) -> secrets.forEach(secret -> registry.register(id, secret)));
        this.issuer = new TokenIssuer(tenant, clock, builder.tokenLifetime);
        this.port = builder.port;
        this.maxPageSize = builder.maxPageSize;
        this.limitInFlight = builder.limitInFlight;
        this.limitPerWindow = builder.limitPerWindow;
        builder.certificates.forEach(
                (id, certificates) -> certificates.forEach(c -> registry.registerCertificate(id, c)));
        this.sessions = new DelegatedSessions(clock);
        this.faults = new SandboxFaults(registry, sessions);
        faults.deadlockNext(builder.deadlockNext);
        builder.failWrites.forEach(fail -> faults.failWritesNext(fail[0], fail[1]));
        faults.timeoutAfterCreateNext(builder.timeoutAfterCreate);
        this.subscriptions = new io.ipaas.bcsandbox.webhook.Subscriptions(dataset, clock, builder.webhookDelay);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 on the configured port (0 = a free one) and starts serving; returns this. */
    public synchronized BcSandbox start() {
        if (server != null) {
            throw new IllegalStateException("The sandbox is already running at " + server.baseUri());
        }
        try {
            server = SandboxServer.start(
                    new SandboxServer.Setup(
                            tenant,
                            environment,
                            dataset,
                            registry,
                            issuer,
                            clock,
                            maxPageSize,
                            stats.listener(),
                            faults::takeFailure,
                            sessions,
                            faults::recordFault,
                            faults::takeDisruption,
                            new RequestLimits(limitInFlight, limitPerWindow, clock),
                            faults,
                            subscriptions),
                    port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind 127.0.0.1:" + port, e);
        }
        subscriptions.start();
        return this;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code http://127.0.0.1:PORT}: the API base and the authority (token endpoint host) at once. */
    public synchronized URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("The sandbox is not started");
        }
        return server.baseUri();
    }

    public int port() {
        return baseUri().getPort();
    }

    /** {@code {base}/v2.0/{tenantId}/{environment}/api/v2.0}. */
    public URI apiRoot() {
        return URI.create(baseUri() + "/v2.0/" + tenant.id() + "/" + environment + "/api/v2.0");
    }

    /** {@code {base}/{tenantId}/oauth2/v2.0/token}. */
    public URI tokenEndpoint() {
        return URI.create(baseUri() + "/" + tenant.id() + "/oauth2/v2.0/token");
    }

    /**
     * An {@code oauthUrlTemplate} for this sandbox with the placeholders the integration guide uses, as a user would
     * type it for Entra with {@code login.microsoftonline.com} replaced by the sandbox.
     */
    public String oauthUrlTemplate() {
        return baseUri()
                + "/{Tenant Id}/oauth2/v2.0/authorize?client_id={SystemTypeVersion:ClientId}&response_type=code"
                + "&redirect_uri={iPaaSRedirectUrl}&scope={SystemTypeVersion:Scopes}&state={iPaaSState}"
                + "&code_challenge={CodeChallenge:43}&code_challenge_method=S256";
    }

    public String tenantId() {
        return tenant.id().toString();
    }

    /** The tenant's verified domain, usable instead of the id in token and API URLs. */
    public String tenantDomain() {
        return tenant.domain();
    }

    public String environment() {
        return environment;
    }

    /** "CRONUS USA, Inc." (holds the configured items), "CRONUS Canada" and "O'Brien Supplies". */
    public List<Company> companies() {
        return dataset.companies();
    }

    /** "CRONUS USA, Inc.", the company with the configured number of items. */
    public Company defaultCompany() {
        return dataset.company(StandardCompanies.CRONUS_USA).company();
    }

    /** Expected counts, ids and records, generated lazily. */
    public Dataset dataset() {
        return dataset;
    }

    /** Request counters. */
    public SandboxStats stats() {
        return stats;
    }

    /** Fault injection: throttling, 5xx, revoked or unregistered apps. */
    /**
     * Whether customers created through the API get posting groups from a customer template (default: yes, as in
     * a configured company); without one, orders for them fail with BC's "Gen. Bus. Posting Group must have a
     * value".
     */
    public BcSandbox customerTemplates(boolean present) {
        dataset.companies().forEach(c -> dataset.masterData(c.id()).customerTemplate(present));
        return this;
    }

    /** Sales orders clients created through the API, in every company. */
    public long salesOrdersCreated() {
        return dataset.companies().stream()
                .mapToLong(c -> dataset.salesDocuments(c.id()).ordersCreated())
                .sum();
    }

    /** Created sales orders beyond the first with the same external document number in a company. */
    public long duplicateSalesOrders() {
        return dataset.companies().stream()
                .mapToLong(c -> dataset.salesDocuments(c.id()).duplicateExternalNumbers())
                .sum();
    }

    /** The webhook subscriptions (facts §5), for tests and the bench. */
    public io.ipaas.bcsandbox.webhook.Subscriptions subscriptions() {
        return subscriptions;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** The registered client ids. */
    public List<String> clientIds() {
        return registry.all().stream().map(RegisteredApp::clientId).sorted().toList();
    }

    public Duration tokenLifetime() {
        return issuer.lifetime();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Marks a record modified now (per the sandbox clock, millisecond precision): its lastModifiedDateTime
     * and ETag change, so {@code lastModifiedDateTime gt …} filters find it.
     *
     * @param entitySet "items" or "itemVariants"
     * @return the record's new lastModifiedDateTime
     */
    public Instant touch(UUID companyId, String entitySet, UUID id) {
        Instant at = dataset.touch(companyId, entitySet, id, clock);
        dataset.changes().publish(companyId, entitySet, id, "updated", at);
        return at;
    }

    /**
     * Creates an item in the company as a user would, modified now (sandbox clock), with the variants the variant
     * spread gives its position, created with it.
     *
     * @return the new item's id
     */
    public UUID createItem(UUID companyId) {
        UUID id = dataset.createItem(companyId, clock);
        dataset.changes().publish(companyId, "items", id, "created", clock.instant());
        return id;
    }

    /**
     * Creates a customer or a contact in the company as a user would, modified now (sandbox clock).
     *
     * @param entitySet "customers" or "contacts"
     * @return the new record's id
     */
    public UUID create(UUID companyId, String entitySet) {
        UUID id = dataset.masterData(companyId).create(entitySet, clock);
        dataset.changes().publish(companyId, entitySet, id, "created", clock.instant());
        return id;
    }

    /**
     * Sets the parent customer on a customer's card (ODataV4 {@code CustomerCard}, field
     * {@code ParentCustomerNo_Hierarchy}); a number no customer has, or one that closes a cycle, is allowed, as BC's
     * page without validation would.
     */
    public void setParentCustomer(UUID companyId, String customerNumber, String parentNumber) {
        dataset.priceData(companyId).setParentCustomer(customerNumber, parentNumber);
    }

    /** Creates a sales order with lines in the company as a user would, modified now (sandbox clock). */
    public UUID createSalesOrder(UUID companyId) {
        UUID id = dataset.salesDocuments(companyId).createOrder(clock);
        dataset.changes().publish(companyId, "salesOrders", id, "created", clock.instant());
        return id;
    }

    /**
     * From now on every read of the document's lines fails as BC fails on bad data in a line (a page with
     * {@code $expand} of the lines fails whole), until {@link #mendLines}.
     */
    public void breakLines(UUID companyId, UUID documentId) {
        dataset.salesDocuments(companyId).breakLines(documentId);
    }

    public void mendLines(UUID companyId, UUID documentId) {
        dataset.salesDocuments(companyId).mendLines(documentId);
    }

    /**
     * Deletes a record of one of the small entity sets (customers, contacts, payment terms, currencies, units of
     * measure). Like BC, no tombstone is left: a {@code lastModifiedDateTime} filter cannot see a delete.
     */
    public void delete(UUID companyId, String entitySet, UUID id) {
        dataset.rows(companyId, entitySet).delete(id);
        dataset.changes().publish(companyId, entitySet, id, "deleted", clock.instant());
    }

    /**
     * Deletes an item and its variants. Like BC, the sandbox keeps no tombstone: a {@code lastModifiedDateTime}
     * filter cannot see a delete, and reading the item answers 404.
     */
    public void deleteItem(UUID companyId, UUID itemId) {
        dataset.deleteItem(companyId, itemId);
        dataset.changes().publish(companyId, "items", itemId, "deleted", clock.instant());
    }

    /** Stops the server (the data stays; {@link #start()} may be called again). */
    @Override
    public synchronized void close() {
        subscriptions.close();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Configures a {@link BcSandbox}; every setting has a default. */
    public static final class Builder {
        private long seed = 42;
        private long items = 300;
        private long canadaItems = StandardCompanies.CANADA_ITEMS;
        private long customers = Dataset.DEFAULT_CUSTOMERS;
        private long contacts = Dataset.DEFAULT_CONTACTS;
        private long salesOrders = SalesDocuments.DEFAULT_ORDERS;
        private long salesInvoices = SalesDocuments.DEFAULT_INVOICES;
        private long salesShipments = SalesDocuments.DEFAULT_SHIPMENTS;
        private int variantsPerItem = 2;
        private UUID tenantId = UUID.fromString(DEFAULT_TENANT_ID);
        private String tenantDomain = DEFAULT_TENANT_DOMAIN;
        private String environment = DEFAULT_ENVIRONMENT;
        private final Map<String, List<String>> clients = new LinkedHashMap<>();
        private final Map<String, List<java.security.cert.X509Certificate>> certificates = new LinkedHashMap<>();
        private Duration tokenLifetime = Duration.ofSeconds(3599);
        private Duration webhookDelay = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private int port;
        private int maxPageSize = BC_MAX_PAGE_SIZE;
        private int limitInFlight;
        private int limitPerWindow;
        private Instant dataAnchor;
        private int deadlockNext;
        private final List<int[]> failWrites = new ArrayList<>();
        private int timeoutAfterCreate;

        private Builder() {}

        /** Makes ids and values deterministic (default 42). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Customers per company (default {@value Dataset#DEFAULT_CUSTOMERS}). */
        public Builder customers(long count) {
            if (count < 0 || count > 1_000_000) {
                throw new IllegalArgumentException("customers must be 0..1000000");
            }
            this.customers = count;
            return this;
        }

        /** Contacts per company (default {@value Dataset#DEFAULT_CONTACTS}). */
        public Builder contacts(long count) {
            if (count < 0 || count > 1_000_000) {
                throw new IllegalArgumentException("contacts must be 0..1000000");
            }
            this.contacts = count;
            return this;
        }

        /**
         * BC's per-user limits (facts §6): at most {@code inFlight} requests of one app or user at once and
         * {@code perFiveMinutes} in any five minutes, else 429 with Retry-After (BC online: 5 and 6,000). Off (0, 0)
         * by default, so tests that hammer the sandbox are not throttled unless they ask.
         */
        public Builder requestLimits(int inFlight, int perFiveMinutes) {
            if (inFlight < 0 || perFiveMinutes < 0) {
                throw new IllegalArgumentException("limits must be 0 (off) or more");
            }
            this.limitInFlight = inFlight;
            this.limitPerWindow = perFiveMinutes;
            return this;
        }

        /** Sales orders per company (default {@value SalesDocuments#DEFAULT_ORDERS}), each with 1 to 4 lines. */
        public Builder salesOrders(long count) {
            this.salesOrders = documents("salesOrders", count);
            return this;
        }

        /** Sales invoices per company, drafts and posted (default {@value SalesDocuments#DEFAULT_INVOICES}). */
        public Builder salesInvoices(long count) {
            this.salesInvoices = documents("salesInvoices", count);
            return this;
        }

        /** Posted sales shipments per company (default {@value SalesDocuments#DEFAULT_SHIPMENTS}). */
        public Builder salesShipments(long count) {
            this.salesShipments = documents("salesShipments", count);
            return this;
        }

        private static long documents(String name, long count) {
            if (count < 0 || count > 200_000) {
                throw new IllegalArgumentException(name + " must be 0..200000");
            }
            return count;
        }

        /** Items in "CRONUS USA, Inc." (default 300); generated lazily, so millions are fine. */
        public Builder items(long count) {
            if (count < 0 || count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("items must be 0.." + Integer.MAX_VALUE);
            }
            this.items = count;
            return this;
        }

        /**
         * Items in "CRONUS Canada" (default {@value StandardCompanies#CANADA_ITEMS}): a second, smaller catalogue, e.g.
         * to warm a benchmark up on other records than the ones it measures.
         */
        public Builder canadaItems(long count) {
            if (count < 0 || count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("canadaItems must be 0.." + Integer.MAX_VALUE);
            }
            this.canadaItems = count;
            return this;
        }

        /**
         * The variant spread (default 2): item {@code i} (0-based) gets {@code i % (variantsPerItem + 1)}
         * variants. At most 255.
         */
        public Builder variantsPerItem(int count) {
            if (count < 0 || count > CompanyData.MAX_VARIANTS_PER_ITEM) {
                throw new IllegalArgumentException("variantsPerItem must be 0.." + CompanyData.MAX_VARIANTS_PER_ITEM);
            }
            this.variantsPerItem = count;
            return this;
        }

        /** The tenant (directory) id, a GUID (default {@value BcSandbox#DEFAULT_TENANT_ID}). */
        public Builder tenantId(String id) {
            this.tenantId = UUID.fromString(id);
            return this;
        }

        /** The tenant's verified domain alias (default {@value BcSandbox#DEFAULT_TENANT_DOMAIN}). */
        public Builder tenantDomain(String domain) {
            this.tenantDomain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
            return this;
        }

        /** The environment name (default "production"); other names get 404. */
        public Builder environment(String name) {
            this.environment = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Registers an Entra app with a client secret; call again with the same id to add another valid
         * secret (rotation). Without any call, {@value BcSandbox#DEFAULT_CLIENT_ID} / "sandbox-secret" is
         * registered.
         */
        public Builder client(String clientId, String secret) {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secret, "secret");
            clients.computeIfAbsent(clientId, id -> new ArrayList<>()).add(secret);
            return this;
        }

        /** Access-token lifetime (default 3599 s, as Entra's expires_in). */
        /**
         * Registers a certificate credential on an app, for client assertions (client credentials with a certificate,
         * or a confidential app redeeming a user's sign-in).
         */
        public Builder clientCertificate(String clientId, java.security.cert.X509Certificate certificate) {
            certificates.computeIfAbsent(clientId, id -> new ArrayList<>()).add(certificate);
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive");
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /** The clock for token issue/expiry and {@link BcSandbox#touch} (default system UTC). */
        /**
         * How long changes gather before the webhook notifications are sent (BC: about 30 s, the default; tests use
         * milliseconds). Retry and expiry times follow the sandbox clock.
         */
        public Builder webhookDelay(Duration value) {
            if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("webhookDelay must be more than 0 and at most 10 minutes");
            }
            this.webhookDelay = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The port to bind on 127.0.0.1 (default 0 = any free port). */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = value;
            return this;
        }

        /**
         * The server's maximum page size (default 20,000 like BC online); lower it to exercise server-driven
         * paging without a {@code Prefer} header.
         */
        public Builder maxPageSize(int value) {
            if (value < 1 || value > BC_MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("maxPageSize must be 1.." + BC_MAX_PAGE_SIZE);
            }
            this.maxPageSize = value;
            return this;
        }

        /**
         * Generated lastModifiedDateTime values lie in the 90 days before this instant (default: the start of
         * the clock's current UTC day, so values are stable within a day). Fix it for byte-identical data.
         */
        public Builder dataAnchor(Instant anchor) {
            this.dataAnchor = Objects.requireNonNull(anchor, "anchor");
            return this;
        }

        /** The first {@code count} writes answer 409 with BC's lock message ({@link SandboxFaults#deadlockNext}). */
        public Builder deadlockNext(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("deadlockNext must be >= 0");
            }
            this.deadlockNext = count;
            return this;
        }

        /** The first {@code count} writes fail with {@code status}, a 5xx ({@link SandboxFaults#failWritesNext}). */
        public Builder failWrites(int count, int status) {
            if (count < 0 || status < 500 || status > 599) {
                throw new IllegalArgumentException("failWrites takes a count >= 0 and a 5xx status");
            }
            failWrites.add(new int[] {count, status});
            return this;
        }

        /**
         * The first {@code count} requests that create a sales order store it and get no answer
         * ({@link SandboxFaults#timeoutAfterCreateNext}).
         */
        public Builder timeoutAfterCreate(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("timeoutAfterCreate must be >= 0");
            }
            this.timeoutAfterCreate = count;
            return this;
        }

        public BcSandbox build() {
            if (clients.isEmpty()) {
                client(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
            }
            return new BcSandbox(this);
        }
    }
}
