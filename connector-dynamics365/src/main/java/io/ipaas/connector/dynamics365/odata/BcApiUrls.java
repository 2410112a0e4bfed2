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

    public BcApiUrls(URI apiUrl, String tenantId, String environment) {
        this.apiUrl = apiUrl;
        String base = apiUrl.toString().replaceAll("/+$", "");
        this.root = base + "/v2.0/" + ODataQuery.encode(tenantId) + "/" + ODataQuery.encode(environment) + "/api/v2.0";
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

    /** A company's entity set, or with no company one of the environment's own ({@code companies}). */
    public URI entitySet(Optional<UUID> companyId, String entitySet, ODataQuery query) {
        return URI.create(path(companyId, entitySet) + query.toQueryString());
    }

    /** One document's lines: {@code companies({id})/salesInvoices({documentId})/salesInvoiceLines}. */
    public URI children(UUID companyId, String entitySet, String key, String navigation, ODataQuery query) {
        return URI.create(entitySetPath(companyId, entitySet) + "(" + ODataQuery.encode(key) + ")/" + navigation
                + query.toQueryString());
    }

    /** {@link #continuationProblem(String, UUID, String)} for a company's set or, with no company, the environment's. */
    public Optional<String> continuationProblem(String link, Optional<UUID> companyId, String entitySet) {
        return continuationProblem(link, path(companyId, entitySet));
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

    private String path(Optional<UUID> companyId, String entitySet) {
        return companyId.map(id -> entitySetPath(id, entitySet)).orElse(root + "/" + entitySet);
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
