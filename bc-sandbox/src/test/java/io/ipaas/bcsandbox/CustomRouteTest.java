package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The custom API route api/contoso/commerce/v1.0, beside the standard API (facts §1.3). */
class CustomRouteTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String route;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(5).build().start();
        token = new SandboxClient(sandbox).accessToken();
        route = sandbox.apiRoot().toString().replace("/api/v2.0", "/api/contoso/commerce/v1.0");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theRoutesSetsPageAndDescribeThemselves() {
        var response = get(route + "/companies(" + BcSandbox.CRONUS_USA + ")/webCategories", token);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode categories = json(response);
        assertTrue(
                categories
                        .get("@odata.context")
                        .asText()
                        .endsWith("/api/contoso/commerce/v1.0/$metadata#companies(" + BcSandbox.CRONUS_USA
                                + ")/webCategories"),
                categories.get("@odata.context").asText());
        List<String> fields = new ArrayList<>();
        categories.get("value").get(0).fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("@odata.etag", "id", "code", "parentCode", "displayName", "sortOrder"), fields);
        assertEquals(5, categories.get("value").size());
        JsonNode groups =
                json(get(route + "/customerPriceGroups?company=" + SandboxClient.encode("CRONUS USA, Inc."), token));
        assertTrue(groups.get("value").get(0).has("lastModifiedDateTime"));
        String metadata = get(route + "/$metadata", token).body();
        assertTrue(
                metadata.contains("<EntitySet Name=\"webCategories\" EntityType=\"Microsoft.NAV.webCategory\" />"),
                metadata);
        assertFalse(metadata.contains("Name=\"items\""), "a custom route's metadata holds its own sets only");
    }

    @Test
    void anUnknownRouteOrSetIsANotFound() {
        String other = sandbox.apiRoot().toString().replace("/api/v2.0", "/api/fabrikam/sales/v2.0");
        JsonNode noRoute = assertBcError(
                get(other + "/companies(" + BcSandbox.CRONUS_USA + ")/orders", token), 404, "BadRequest_NotFound");
        assertTrue(noRoute.get("message").asText().startsWith("No HTTP resource was found"), noRoute.toString());
        assertBcError(
                get(route + "/companies(" + BcSandbox.CRONUS_USA + ")/items", token),
                404,
                "BadRequest_ResourceNotFound");
    }
}
