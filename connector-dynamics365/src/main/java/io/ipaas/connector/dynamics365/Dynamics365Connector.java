package io.ipaas.connector.dynamics365;

import io.ipaas.connector.api.CheckResult;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.entity.Direction;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.error.ConnectorException;
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
import java.util.function.Supplier;

/** An opened connection to one Business Central company. */
final class Dynamics365Connector implements Connector {
    private final Settings settings;
    private final ConnectorContext context;
    private final AuthStrategy auth;
    private final TokenSource tokens;
    private final BcApiUrls urls;
    private final CompanyDirectory companies;
    private final RequestCounters counters;
    private final BcHttpClient client;
    private final CustomPageDescriber describer;
    /** Each synced company's entities and webhooks, the settings' company first. */
    private final Map<String, CompanyScope> scopes = new java.util.LinkedHashMap<>();

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
        this.describer = new CustomPageDescriber(client, urls, context.state());
        List<String> names = new ArrayList<>();
        names.add(settings.string(BcSettings.COMPANY_NAME));
        settings.list(BcSettings.COMPANIES).stream()
                .filter(n -> !names.contains(n))
                .forEach(names::add);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String settingKey = i == 0 ? BcSettings.COMPANY_NAME : BcSettings.COMPANIES;
            scopes.put(name, scope(() -> companies.resolve(name, settingKey), i == 0));
        }
    }

    /** One company's entities and webhooks, each resolving the company when it first needs its id. */
    private record CompanyScope(List<EntityAdapter> entities, BcWebhookSink webhooks) {}

    /**
     * The adapters of one company. Entities that are not company-scoped (the company list itself) are read once, in
     * the first company only.
     */
    private CompanyScope scope(Supplier<Company> company, boolean first) {
        int pageSize = settings.integer(BcSettings.PAGE_SIZE);
        List<EntityAdapter> adapters = new ArrayList<>();
        Map<String, EntityDefinition> byName = new java.util.LinkedHashMap<>();
        for (EntityDefinition catalogued : BcEntities.ALL) {
            if (!catalogued.enabled(settings) || (!first && !catalogued.companyScoped())) {
                continue;
            }
            EntityDefinition definition = catalogued.resolve(settings);
            byName.put(definition.name(), definition);
            BcEntityAdapter adapter =
                    new BcEntityAdapter(definition, poller(definition, company, pageSize), writer(definition, company));
            if (definition.api().equals("v2.0")
                    && definition.companyScoped()
                    && (definition.reader() == Reader.WATERMARK || definition.reader() == Reader.SNAPSHOT)) {
                adapter.withKeys(new KeyListing(definition, client, urls, company));
            }
            adapters.add(adapter);
        }
        for (CustomPage page : CustomPage.declared(settings)) {
            // described when the subscription was checked, else on the first poll; opening makes no request
            EntityDefinition offered = page.definition(describer.stored(page));
            PollSource reader = new DescribedOnDemand(
                    () -> describer.describe(page),
                    description -> page.definition(Optional.of(description)),
                    definition -> poller(definition, company, pageSize));
            adapters.add(new BcEntityAdapter(offered, reader));
        }
        BcWebhookSink webhooks =
                new BcWebhookSink(byName, client, urls, company, context.state(), context.secrets(), context.clock());
        return new CompanyScope(List.copyOf(adapters), webhooks);
    }

    @Override
    public List<String> scopes() {
        return List.copyOf(scopes.keySet());
    }

    @Override
    public List<EntityAdapter> entities(String scope) {
        return companyScope(scope).entities();
    }

    @Override
    public Optional<WebhookSink> webhooks(String scope) {
        return Optional.of(companyScope(scope).webhooks());
    }

    private CompanyScope companyScope(String scope) {
        CompanyScope found = scopes.get(scope);
        if (found == null) {
            throw ConnectorException.unsupported(
                    "company '" + scope + "' is not synced by this subscription; add it to '" + BcSettings.COMPANIES
                            + "' (synced: " + String.join(", ", scopes.keySet()) + ")");
        }
        return found;
    }

    @Override
    public Optional<WebhookSink> webhooks() {
        return webhooks(scopes().get(0));
    }

    /** The writer of an entity that flows outbound: orders created idempotently, customers and contacts upserted. */
    private Optional<EntityWriter> writer(EntityDefinition definition, Supplier<Company> company) {
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
                        company,
                        Set.copyOf(settings.list(BcSettings.EXCLUDED_LINE_ITEM_SKUS)),
                        RetryPolicy.STANDARD,
                        counters,
                        context.logger()));
            case BcEntities.CUSTOMERS:
                return Optional.of(MatchingUpsertWriter.customers(
                        definition.entitySet(), batch, urls, company, RetryPolicy.STANDARD));
            case BcEntities.CONTACTS:
                return Optional.of(MatchingUpsertWriter.contacts(
                        definition.entitySet(), batch, urls, company, RetryPolicy.STANDARD));
            default:
                throw new IllegalStateException("the catalogue lets " + definition.name()
                        + " flow outbound but the connector has no writer for it");
        }
    }

    /** The reader the catalogue assigns: incremental, whole, or whole and grouped into item prices. */
    private PollSource poller(EntityDefinition definition, Supplier<Company> company, int pageSize) {
        ReadPolicy policy = readPolicy(definition, pageSize);
        return switch (definition.reader()) {
            case WATERMARK ->
                new WatermarkPoller(
                        definition, client, urls, company, policy, context.clock(), counters, context.logger());
            case SNAPSHOT ->
                new SnapshotPoller(
                        definition, client, urls, company, policy, context.clock(), counters, context.logger());
            case SALES_PRICES ->
                new SalesPricePoller(
                        definition,
                        client,
                        urls,
                        company,
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
                new PersonRelationshipPoller(definition, client, urls, company, policy, context.clock(), counters);
            case COMPANY_HIERARCHY ->
                new CompanyHierarchyPoller(
                        definition,
                        client,
                        urls,
                        company,
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
        return entities(scopes().get(0));
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
        List<String> more = scopes().subList(1, scopes().size());
        for (String name : more) {
            details.put(
                    "company " + name,
                    companies.resolve(name, BcSettings.COMPANIES).id().toString());
        }
        details.put("apiRoot", urls.root());
        describeCustomPages().forEach((name, summary) -> details.put("entity " + name, summary));
        return new CheckResult(
                "connected to Business Central environment '" + settings.string(BcSettings.ENVIRONMENT) + "', company '"
                        + company.name() + "'" + (more.isEmpty() ? "" : " and " + String.join(", ", more)),
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
