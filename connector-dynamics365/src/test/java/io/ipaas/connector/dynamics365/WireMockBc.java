package io.ipaas.connector.dynamics365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings and stubs that point the connector at a WireMock server playing both Entra ID and BC. */
final class WireMockBc {
    static final String TENANT = "6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36";
    static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    static final String SECRET = "wiremock-secret-value";
    static final String COMPANY_ID = "4c1b9e2a-7d35-f011-a5f1-6045bd7e02c4";
    static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
    static final String API = "/v2.0/" + TENANT + "/production/api/v2.0";

    private WireMockBc() {}

    static Map<String, Object> settings(WireMockExtension wm) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("apiUrl", wm.baseUrl());
        raw.put("authorityUrl", wm.baseUrl());
        raw.put("tenantId", TENANT);
        raw.put("environment", "production");
        raw.put("companyName", "CRONUS USA, Inc.");
        raw.put("clientId", CLIENT_ID);
        raw.put("clientSecret", SECRET);
        raw.put("pageSize", 2);
        return raw;
    }

    static Connector open(Map<String, Object> raw, TestConnectorContext context) {
        Dynamics365ConnectorFactory factory = new Dynamics365ConnectorFactory();
        Settings settings = factory.settings().parse(raw);
        return factory.open(settings, context);
    }

    static void stubToken(WireMockExtension wm, String token, int expiresIn) {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":"
                                + expiresIn + ",\"access_token\":\"" + token + "\"}")));
    }

    static String companiesBody() {
        return "{\"@odata.context\":\"x\",\"value\":[{\"id\":\"" + COMPANY_ID + "\",\"name\":\"CRONUS USA, Inc.\"}]}";
    }
}
