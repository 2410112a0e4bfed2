package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
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
        return resolved.computeIfAbsent(name, this::lookup);
    }

    private Company lookup(String name) {
        Map<String, Object> page = client.get(
                urls.companies(ODataQuery.create()
                        .filter("name eq " + ODataLiterals.string(name))
                        .select("id,name")),
                Optional.empty());
        List<Map<String, Object>> matches = values(page);
        if (!matches.isEmpty()) {
            return company(matches.get(0));
        }
        Map<String, Object> all = client.get(urls.companies(ODataQuery.create().select("name")), Optional.empty());
        String existing =
                values(all).stream().map(c -> "'" + c.get("name") + "'").collect(Collectors.joining(", "));
        throw ConnectorException.configuration(
                BcSettings.COMPANY_NAME,
                "company '" + name
                        + "' does not exist in this environment; "
                        + (existing.isEmpty()
                                ? "the environment has no companies the app may see (check its permission sets)"
                                : "companies that exist: " + existing + " (names are case-sensitive)"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> values(Map<String, Object> page) {
        Object value = page.get("value");
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Company company(Map<String, Object> json) {
        return new Company(UUID.fromString((String) json.get("id")), (String) json.get("name"));
    }
}
