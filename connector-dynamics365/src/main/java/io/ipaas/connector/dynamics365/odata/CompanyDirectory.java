package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Resolves a company name to its id with one filtered request, and remembers the answer. */
public final class CompanyDirectory {
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Map<String, Company> resolved = new ConcurrentHashMap<>();

    public CompanyDirectory(BcHttpClient client, BcApiUrls urls) {
        this.client = client;
        this.urls = urls;
    }

    /**
     * Finds the company called {@code name}.
     *
     * @throws ConnectorException CONFIGURATION naming {@code companyName} and listing the companies that exist
     */
    public Company resolve(String name) {
        return resolve(name, BcSettings.COMPANY_NAME);
    }

    /**
     * Finds the company called {@code name}, which the setting {@code settingKey} names.
     *
     * @throws ConnectorException CONFIGURATION naming {@code settingKey} and listing the companies that exist
     */
    public Company resolve(String name, String settingKey) {
        return resolved.computeIfAbsent(name, n -> lookup(n, settingKey));
    }

    private Company lookup(String name, String settingKey) {
        List<Map<String, Object>> matches = values(urls.companies(ODataQuery.create()
                .filter("name eq " + ODataLiterals.string(name))
                .select("id,name")));
        if (!matches.isEmpty()) {
            return company(matches.get(0));
        }
        String existing = values(urls.companies(ODataQuery.create().select("name"))).stream()
                .map(c -> "'" + c.get("name") + "'")
                .collect(Collectors.joining(", "));
        throw ConnectorException.configuration(
                settingKey,
                "company '" + name
                        + "' does not exist in this environment; "
                        + (existing.isEmpty()
                                ? "the environment has no companies the app may see (check its permission sets)"
                                : "companies that exist: " + existing + " (names are case-sensitive)"));
    }

    /** Company lists are small and a company filter matches one: a single page is all there is. */
    private List<Map<String, Object>> values(URI uri) {
        List<Map<String, Object>> companies = new ArrayList<>();
        client.page(uri, Optional.empty(), entity -> companies.add(entity.fields()));
        return companies;
    }

    private static Company company(Map<String, Object> json) {
        Object id = json.get("id");
        Object name = json.get("name");
        if (id instanceof String text && name instanceof String companyName) {
            try {
                return new Company(UUID.fromString(text), companyName);
            } catch (IllegalArgumentException notAGuid) {
                // reported below
            }
        }
        throw ConnectorException.remote(
                "Business Central listed company '" + name + "' with an id that is not a GUID (" + id + ")", null);
    }
}
