package io.ipaas.connector.dynamics365.entity;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.state.StateStore;
import io.ipaas.connector.api.state.Versioned;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.CsdlDocument;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Learns custom API pages from their route's {@code $metadata} and keeps the descriptions in the connector state
 * (one document read per route and describer).
 */
public final class CustomPageDescriber {
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final StateStore state;
    private final Map<String, CsdlDocument> documents = new HashMap<>();

    public CustomPageDescriber(BcHttpClient client, BcApiUrls urls, StateStore state) {
        this.client = client;
        this.urls = urls;
        this.state = state;
    }

    /** The stored description, without a request. */
    public Optional<Map<String, Object>> stored(CustomPage page) {
        return state.get(page.stateKey()).map(Versioned::value);
    }

    /** The stored description, or the one read from {@code $metadata} now (and stored). */
    public Map<String, Object> describe(CustomPage page) {
        return stored(page).orElseGet(() -> refresh(page).description());
    }

    /** A page described from its route's {@code $metadata} as it is now. */
    public record Described(CsdlDocument.EntitySet set, Map<String, Object> description) {}

    /** Reads the page's description from {@code $metadata} and stores it, failing with what to fix. */
    public synchronized Described refresh(CustomPage page) {
        CsdlDocument document = documents.computeIfAbsent(page.route(), route -> {
            URI uri = urls.metadata(route);
            return CsdlDocument.parse(client.metadata(uri), uri.getPath());
        });
        CsdlDocument.EntitySet set = document.entitySet(page.entitySet())
                .orElseThrow(() -> ConnectorException.configuration(
                        BcSettings.CUSTOM_API_PAGES,
                        "the custom API route " + page.route() + " has no entity set '" + page.entitySet()
                                + "' (it has: " + String.join(", ", document.entitySetNames())
                                + "); correct that entry of " + BcSettings.CUSTOM_API_PAGES));
        if (set.key().size() != 1) {
            throw ConnectorException.configuration(
                    BcSettings.CUSTOM_API_PAGES,
                    "the custom API page " + page.route() + "/" + page.entitySet() + " has the composite key "
                            + set.key() + "; only pages with one key field can be read");
        }
        Map<String, Object> description = CustomPage.describe(set);
        long version = state.get(page.stateKey()).map(Versioned::version).orElse(0L);
        state.compareAndSet(page.stateKey(), version, description);
        return new Described(set, description);
    }
}
