package io.ipaas.connector.dynamics365;

import io.ipaas.connector.api.CheckResult;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.dynamics365.auth.TokenSource;
import io.ipaas.connector.dynamics365.entity.BcEntities;
import io.ipaas.connector.dynamics365.entity.BcEntityAdapter;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.entity.EntityKind;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.CompanyDirectory;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.dynamics365.poll.ReadPolicy;
import io.ipaas.connector.dynamics365.poll.WatermarkPoller;
import io.ipaas.connector.dynamics365.settings.BcSettings;
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
        int pageSize = settings.integer(BcSettings.PAGE_SIZE);
        List<EntityAdapter> adapters = new ArrayList<>();
        for (EntityDefinition catalogued : BcEntities.ALL) {
            if (!catalogued.enabled(settings)) {
                continue;
            }
            EntityDefinition definition = catalogued.resolve(settings);
            adapters.add(new BcEntityAdapter(
                    definition,
                    new WatermarkPoller(
                            definition,
                            client,
                            urls,
                            this::company,
                            readPolicy(definition, pageSize),
                            context.clock(),
                            counters,
                            context.logger())));
        }
        this.entities = List.copyOf(adapters);
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
        return new CheckResult(
                "connected to Business Central environment '" + settings.string(BcSettings.ENVIRONMENT) + "', company '"
                        + company.name() + "'",
                Map.of("companyId", company.id().toString(), "apiRoot", urls.root()));
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
