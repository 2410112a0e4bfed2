package io.ipaas.connector.dynamics365;

import io.ipaas.bcsandbox.BcSandbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox holds for "CRONUS USA, Inc.", read from its generator rather than through the API, and the
 * settings that reach it.
 */
final class SandboxData {
    private SandboxData() {}

    static List<String> itemIds(BcSandbox sandbox) {
        return sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).toList();
    }

    static List<String> variantIds(BcSandbox sandbox) {
        return sandbox.dataset().variantIds(BcSandbox.CRONUS_USA).toList();
    }

    /** Client-credentials settings for the sandbox's default app, with this secret and page size. */
    static Map<String, Object> settings(BcSandbox sandbox, String clientSecret, int pageSize) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("apiUrl", sandbox.baseUri().toString());
        raw.put("authorityUrl", sandbox.baseUri().toString());
        raw.put("tenantId", sandbox.tenantId());
        raw.put("environment", sandbox.environment());
        raw.put("companyName", "CRONUS USA, Inc.");
        raw.put("clientId", BcSandbox.DEFAULT_CLIENT_ID);
        raw.put("clientSecret", clientSecret);
        raw.put("pageSize", pageSize);
        return raw;
    }
}
