package io.ipaas.connector.dynamics365;

import io.ipaas.connector.api.CheckResult;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.entity.Direction;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.webhook.WebhookSink;
import io.ipaas.connector.dynamics365.auth.TokenSource;
import io.ipaas.connector.dynamics365.entity.BcEntities;
import io.ipaas.connector.dynamics365.entity.BcEntityAdapter;
import io.ipaas.connector.dynamics365.entity.CustomPage;
import io.ipaas.connector.dynamics365.entity.CustomPageDescriber;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.entity.EntityKind;
import io.ipaas.connector.dynamics365.entity.Reader;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcBatch;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.CompanyDirectory;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.dynamics365.odata.RetryPolicy;
import io.ipaas.connector.dynamics365.poll.CompanyHierarchyPoller;
import io.ipaas.connector.dynamics365.poll.DescribedOnDemand;
import io.ipaas.connector.dynamics365.poll.KeyListing;
import io.ipaas.connector.dynamics365.poll.PersonRelationshipPoller;
import io.ipaas.connector.dynamics365.poll.PriceFormat;
import io.ipaas.connector.dynamics365.poll.ReadPolicy;
import io.ipaas.connector.dynamics365.poll.SalesPricePoller;
import io.ipaas.connector.dynamics365.poll.SnapshotPoller;
import io.ipaas.connector.dynamics365.poll.WatermarkPoller;
import io.ipaas.connector.dynamics365.push.MatchingUpsertWriter;
import io.ipaas.connector.dynamics365.push.SalesOrderWriter;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import io.ipaas.connector.dynamics365.webhook.BcWebhookSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** An opened connection to one Business Central company. */
final class Dynamics365Connector implements Connector {
    private final Settings settings;
    private final ConnectorContext context;
    private final AuthStrategy auth;
    private final TokenSource tokens;
    private final BcApiUrls urls;
    private final CompanyDirectory companies;
    private final RequestCounters counters;
    private final List<EntityAdapter> entities;
    private final BcHttpClient client;
    private final CustomPageDescriber describer;
    private final BcWebhookSink webhooks;
    private final AtomicBoolean closed = new AtomicBoolean();

    Dynamics365Connector(
            Settings settings,
            ConnectorContext context,
            AuthStrategy auth,
            TokenSource tokens,
            BcHttpClient client,
            BcApiUrls urls,
            RequestCounters counters) {
        this.settings = settings;
        this.context = context;
        this.auth = auth;
        this.tokens = tokens;
        this.urls = urls;
        this.counters = counters;
        this.companies = new CompanyDirectory(client, urls);
        this.client = client;
        int pageSize = settings.integer(BcSettings.PAGE_SIZE);
        List<EntityAdapter> adapters = new ArrayList<>();
        for (EntityDefinition catalogued : BcEntities.ALL) {
            if (!catalogued.enabled(settings)) {
                continue;
            }
            EntityDefinition definition = catalogued.resolve(settings);
            BcEntityAdapter adapter =
                    new BcEntityAdapter(definition, poller(definition, client, pageSize), writer(definition));
            if (definition.api().equals("v2.0")
                    && definition.companyScoped()
                    && (definition.reader() == Reader.WATERMARK || definition.reader() == Reader.SNAPSHOT)) {
                adapter.withKeys(new KeyListing(definition, client, urls, this::company));
            }
            adapters.add(adapter);
        }
        this.describer = new CustomPageDescriber(client, urls, context.state());
        for (CustomPage page : CustomPage.declared(settings)) {
            // described when the subscription was checked, else on the first poll; opening makes no request
            EntityDefinition offered = page.definition(describer.stored(page));
            PollSource reader = new DescribedOnDemand(
                    () -> describer.describe(page),
                    description -> page.definition(Optional.of(description)),
                    definition -> poller(definition, client, pageSize));
            adapters.add(new BcEntityAdapter(offered, reader));
        }
        this.entities = List.copyOf(adapters);
        Map<String, EntityDefinition> byName = new java.util.LinkedHashMap<>();
        for (EntityDefinition catalogued : BcEntities.ALL) {
            if (catalogued.enabled(settings)) {
                byName.put(catalogued.name(), catalogued.resolve(settings));
            }
        }
        this.webhooks = new BcWebhookSink(
                byName, client, urls, this::company, context.state(), context.secrets(), context.clock());
    }

    @Override
    public Optional<WebhookSink> webhooks() {
        return Optional.of(webhooks);
    }

    /** The writer of an entity that flows outbound: orders created idempotently, customers and contacts upserted. */
    private Optional<EntityWriter> writer(EntityDefinition definition) {
        if (!definition.descriptor().directions().contains(Direction.OUTBOUND)) {
            return Optional.empty();
        }
        BcBatch batch = new BcBatch(client, urls);
        switch (definition.name()) {
            case "salesOrders":
                return Optional.of(new SalesOrderWriter(
                        definition.entitySet(),
                        batch,
                        urls,
                        this::company,
                        Set.copyOf(settings.list(BcSettings.EXCLUDED_LINE_ITEM_SKUS)),
                        RetryPolicy.STANDARD,
                        counters,
                        context.logger()));
            case BcEntities.CUSTOMERS:
                return Optional.of(MatchingUpsertWriter.customers(
                        definition.entitySet(), batch, urls, this::company, RetryPolicy.STANDARD));
            case BcEntities.CONTACTS:
                return Optional.of(MatchingUpsertWriter.contacts(
                        definition.entitySet(), batch, urls, this::company, RetryPolicy.STANDARD));
            default:
                throw new IllegalStateException("the catalogue lets " + definition.name()
                        + " flow outbound but the connector has no writer for it");
        }
    }

    /** The reader the catalogue assigns: incremental, whole, or whole and grouped into item prices. */
    private PollSource poller(EntityDefinition definition, BcHttpClient client, int pageSize) {
        ReadPolicy policy = readPolicy(definition, pageSize);
        return switch (definition.reader()) {
            case WATERMARK ->
                new WatermarkPoller(
                        definition, client, urls, this::company, policy, context.clock(), counters, context.logger());
            case SNAPSHOT ->
                new SnapshotPoller(
                        definition, client, urls, this::company, policy, context.clock(), counters, context.logger());
            case SALES_PRICES ->
                new SalesPricePoller(
                        definition,
                        client,
                        urls,
                        this::company,
                        policy,
                        new PriceFormat(
                                settings.list(BcSettings.SALES_CODES_FOR_CUSTOMER_PRICE),
                                settings.bool(BcSettings.EXCLUDE_EXPIRED_RULES),
                                settings.string(BcSettings.SALES_PRICE_FIELD_SEPARATOR),
                                settings.string(BcSettings.SALES_PRICE_RECORD_DELIMITER)),
                        context.clock(),
                        counters,
                        context.logger());
            case PERSON_RELATIONSHIPS ->
                new PersonRelationshipPoller(
                        definition, client, urls, this::company, policy, context.clock(), counters);
            case COMPANY_HIERARCHY ->
                new CompanyHierarchyPoller(
                        definition,
                        client,
                        urls,
                        this::company,
                        policy,
                        settings.bool(BcSettings.PROCESS_COMPANY_CREATION_IN_PREREQUISITE),
                        context.clock(),
                        counters);
        };
    }

    private ReadPolicy readPolicy(EntityDefinition entity, int pageSize) {
        Optional<Duration> lookBack = entity.kind() == EntityKind.TRANSACTION
                ? Optional.of(Duration.ofDays(settings.integer(BcSettings.TRANSACTION_POLL_SEARCH_DAYS)))
                : Optional.empty();
        return new ReadPolicy(pageSize, lookBack, Set.copyOf(settings.list(BcSettings.EXCLUDED_LINE_ITEM_SKUS)));
    }

    private Company company() {
        return companies.resolve(settings.string(BcSettings.COMPANY_NAME));
    }

    @Override
    public List<EntityAdapter> entities() {
        return entities;
    }

    @Override
    public AuthStrategy auth() {
        return auth;
    }

    @Override
    public CheckResult check() {
        tokens.accessToken();
        Company company = company();
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("companyId", company.id().toString());
        details.put("apiRoot", urls.root());
        describeCustomPages().forEach((name, summary) -> details.put("entity " + name, summary));
        return new CheckResult(
                "connected to Business Central environment '" + settings.string(BcSettings.ENVIRONMENT) + "', company '"
                        + company.name() + "'",
                details);
    }

    /**
     * Reads each declared custom route's {@code $metadata} once and keeps every declared page's key, fields and
     * navigation properties in the connector state, where opening a connection finds them.
     *
     * @return a one-line summary per page
     */
    private Map<String, String> describeCustomPages() {
        Map<String, String> summaries = new java.util.LinkedHashMap<>();
        for (CustomPage page : CustomPage.declared(settings)) {
            CustomPageDescriber.Described described = describer.refresh(page);
            EntityDefinition definition = page.definition(Optional.of(described.description()));
            summaries.put(
                    page.name(),
                    page.route() + "/" + page.entitySet() + ": key " + definition.key() + ", "
                            + described.set().properties().size() + " fields ("
                            + String.join(", ", described.set().properties().keySet()) + "), "
                            + (definition.cursorField().isEmpty()
                                    ? "no lastModifiedDateTime: read whole on every sync"
                                    : "read incrementally by lastModifiedDateTime"));
        }
        return summaries;
    }

    @Override
    public Map<String, Long> metrics() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            context.logger().log(System.Logger.Level.DEBUG, "connector {0} closed", context.instanceId());
        }
    }
}
