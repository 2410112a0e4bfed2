package io.ipaas.connector.dynamics365.odata;

import java.net.URI;
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
        return URI.create(root + "/companies(" + companyId + ")/" + entitySet + query.toQueryString());
    }

    /**
     * Whether a link points at the same origin as the configured API URL. The bearer token is only ever sent
     * there, so a forged {@code @odata.nextLink} cannot make us leak it elsewhere.
     */
    public boolean sameOrigin(URI link) {
        return apiUrl.getScheme().equalsIgnoreCase(link.getScheme())
                && apiUrl.getHost().equalsIgnoreCase(link.getHost())
                && effectivePort(apiUrl) == effectivePort(link);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
