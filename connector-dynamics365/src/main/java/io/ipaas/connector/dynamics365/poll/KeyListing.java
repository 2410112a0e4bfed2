package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.entity.RecordKeys;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every id of an entity set, {@code $select=id} in BC's largest pages, no filter: what the host's reconciliation
 * compares its stored keys with. Continuation links are checked as a poll checks them.
 */
public final class KeyListing implements RecordKeys {
    static final int PAGE_SIZE = 20_000;

    private final EntityDefinition definition;
    private final BcHttpClient http;
    private final BcApiUrls urls;
    private final Supplier<Company> company;

    public KeyListing(EntityDefinition definition, BcHttpClient http, BcApiUrls urls, Supplier<Company> company) {
        this.definition = definition;
        this.http = http;
        this.urls = urls;
        this.company = company;
    }

    @Override
    public void forEach(Consumer<String> each) {
        Company target = company.get();
        String key = definition.key();
        URI next = urls.entitySet(
                target.id(), definition.entitySet(), ODataQuery.create().select(key));
        while (next != null) {
            Optional<String> link = http.page(next, Optional.of(PAGE_SIZE), entity -> {
                Object id = entity.fields().get(key);
                if (id != null) {
                    each.accept(String.valueOf(id));
                }
            });
            if (link.isEmpty()) {
                return;
            }
            Optional<String> problem = urls.continuationProblem(link.get(), target.id(), definition.entitySet());
            if (problem.isPresent()) {
                throw ConnectorException.remote(
                        "Business Central's next page of " + definition.entitySet() + " ids points elsewhere ("
                                + problem.get() + "); not followed, nothing reconciled",
                        null);
            }
            next = URI.create(link.get());
        }
    }
}
