package io.ipaas.connector.dynamics365.odata;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.UUID;

/**
 * Business Central's URL layout: {@code {apiUrl}/v2.0/{tenant}/{environment}/api/v2.0/...}. The tenant is
 * always explicit, so one connector can never reach another tenant's environment.
 */
public final class BcApiUrls {
    private final URI apiUrl;
    private final String root;
    private final String odataRoot;
    private final String environmentRoot;

    public BcApiUrls(URI apiUrl, String tenantId, String environment) {
        this.apiUrl = apiUrl;
        String base = apiUrl.toString().replaceAll("/+$", "");
        String environmentRoot = base + "/v2.0/" + ODataQuery.encode(tenantId) + "/" + ODataQuery.encode(environment);
        this.root = environmentRoot + "/api/v2.0";
        this.odataRoot = environmentRoot + "/ODataV4";
        this.environmentRoot = environmentRoot;
    }

    /** The standard API root (the OData service document). */
    public String root() {
        return root;
    }

    public URI companies(ODataQuery query) {
        return URI.create(root + "/companies" + query.toQueryString());
    }

    public URI entitySet(UUID companyId, String entitySet, ODataQuery query) {
        return URI.create(entitySetPath(companyId, entitySet) + query.toQueryString());
    }

    /**
     * A page published as an ODataV4 web service: {@code ODataV4/Company('CRONUS%20USA%2C%20Inc.')/SalesPrices},
     * by the company's exact name (facts §1.2).
     */
    public URI service(String companyName, String service, ODataQuery query) {
        return URI.create(servicePath(companyName, service) + query.toQueryString());
    }

    /** {@link #continuationProblem(String, UUID, String)} for an ODataV4 web service of the company. */
    public Optional<String> serviceContinuationProblem(String link, String companyName, String service) {
        return continuationProblem(link, servicePath(companyName, service));
    }

    private String servicePath(String companyName, String service) {
        return odataRoot + "/Company('" + ODataQuery.encode(companyName.replace("'", "''")) + "')/" + service;
    }

    /**
     * A company's entity set under an API route: {@code v2.0} for Microsoft's standard API or a custom route such as
     * {@code contoso/commerce/v1.0} (facts §1.3); with no company, one of the route's own sets.
     */
    public URI entitySet(String route, Optional<UUID> companyId, String entitySet, ODataQuery query) {
        return URI.create(path(route, companyId, entitySet) + query.toQueryString());
    }

    /** A route's {@code $metadata} document. */
    public URI metadata(String route) {
        return URI.create(routeRoot(route) + "/$metadata");
    }

    /** {@link #continuationProblem(String, UUID, String)} for an entity set under any API route. */
    public Optional<String> continuationProblem(String link, String route, Optional<UUID> companyId, String entitySet) {
        return continuationProblem(link, path(route, companyId, entitySet));
    }

    private String routeRoot(String route) {
        return route.equals("v2.0") ? root : environmentRoot + "/api/" + route;
    }

    private String path(String route, Optional<UUID> companyId, String entitySet) {
        String base = routeRoot(route);
        return companyId.map(id -> base + "/companies(" + id + ")/" + entitySet).orElse(base + "/" + entitySet);
    }

    /** The standard API's {@code $batch} endpoint (facts §4). */
    public URI batch() {
        return URI.create(root + "/$batch");
    }

    /** One record: {@code companies({id})/customers({key})}. */
    public URI record(UUID companyId, String entitySet, String key, ODataQuery query) {
        return URI.create(
                entitySetPath(companyId, entitySet) + "(" + ODataQuery.encode(key) + ")" + query.toQueryString());
    }

    /** An address under the standard API root as a {@code $batch} request names it: relative to the root. */
    public String relativeToRoot(URI uri) {
        String text = uri.toString();
        if (!text.startsWith(root + "/")) {
            throw new IllegalArgumentException(uri + " is not under " + root);
        }
        return text.substring(root.length() + 1);
    }

    /** One document's lines: {@code companies({id})/salesInvoices({documentId})/salesInvoiceLines}. */
    public URI children(UUID companyId, String entitySet, String key, String navigation, ODataQuery query) {
        return URI.create(entitySetPath(companyId, entitySet) + "(" + ODataQuery.encode(key) + ")/" + navigation
                + query.toQueryString());
    }

    /**
     * Why a continuation link must not be followed, if it must not: it has to point at the same scheme, host and
     * port as the configured API URL (the bearer token is only ever sent there) and at the very entity set the
     * page walk started on (so a forged link cannot switch the walk to another company or entity).
     *
     * @return empty when the link is safe to follow and to store in a checkpoint
     */
    public Optional<String> continuationProblem(String link, UUID companyId, String entitySet) {
        return continuationProblem(link, entitySetPath(companyId, entitySet));
    }

    private Optional<String> continuationProblem(String link, String path) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            return Optional.of("it is not a valid URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return Optional.of("it is not an absolute URL");
        }
        if (!apiUrl.getHost().equalsIgnoreCase(uri.getHost())) {
            return Optional.of("it points to host " + uri.getHost() + " instead of " + apiUrl.getHost());
        }
        if (!apiUrl.getScheme().equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("it uses " + uri.getScheme() + " instead of " + apiUrl.getScheme());
        }
        if (effectivePort(apiUrl) != effectivePort(uri)) {
            return Optional.of("it points to port " + effectivePort(uri) + " instead of " + effectivePort(apiUrl));
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("it carries user credentials");
        }
        String expected = URI.create(path).getRawPath();
        if (!expected.equalsIgnoreCase(uri.getRawPath())) {
            return Optional.of("its path is not " + expected);
        }
        return Optional.empty();
    }

    private String entitySetPath(UUID companyId, String entitySet) {
        return root + "/companies(" + companyId + ")/" + entitySet;
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
