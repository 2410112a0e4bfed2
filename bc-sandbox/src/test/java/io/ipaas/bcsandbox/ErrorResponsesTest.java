package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(10).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String message(JsonNode error) {
        String text = error.get("message").asText();
        return text.substring(0, text.indexOf("  CorrelationId:  "));
    }

    @Test
    void unknownCompanyIs404InternalCompanyNotFound() {
        assertBcError(
                get(client.root() + "/companies(00000000-0000-0000-0000-00000000abcd)/items", token),
                404,
                "Internal_CompanyNotFound");
        JsonNode single = assertBcError(
                get(client.root() + "/companies(00000000-0000-0000-0000-00000000abcd)", token),
                404,
                "BadRequest_NotFound");
        assertEquals(
                "The Company does not exist. Identification fields and values:"
                        + " Id='{00000000-0000-0000-0000-00000000ABCD}'",
                message(single));
    }

    @Test
    void unknownEntitySetIs404ResourceNotFound() {
        JsonNode error = assertBcError(
                get(client.root() + "/companies(" + BcSandbox.CRONUS_USA + ")/xyz", token),
                404,
                "BadRequest_ResourceNotFound");
        assertEquals("Resource not found for the segment 'xyz'.", message(error));
        assertBcError(get(client.root() + "/xyz", token), 404, "BadRequest_ResourceNotFound");
        assertBcError(
                get(client.items(BcSandbox.CRONUS_USA) + "(" + firstItem() + ")/picture", token),
                404,
                "BadRequest_ResourceNotFound");
    }

    @Test
    void unknownItemIs404InTheFixturesShape() {
        JsonNode error = assertBcError(
                get(client.items(BcSandbox.CRONUS_USA) + "(7e41b0c2-9d3a-4f18-b6e5-2a0c8d4f1e93)", token),
                404,
                "BadRequest_NotFound");
        assertEquals(
                "The Item does not exist. Identification fields and values:"
                        + " Id='{7E41B0C2-9D3A-4F18-B6E5-2A0C8D4F1E93}'",
                message(error),
                "fixture error_entity_not_found.json");
        // an item of another company is not found in this one
        assertBcError(
                get(client.items(BcSandbox.CRONUS_CANADA) + "(" + firstItem() + ")", token),
                404,
                "BadRequest_NotFound");
        JsonNode variant = assertBcError(
                get(
                        client.root() + "/companies(" + BcSandbox.CRONUS_USA + ")/itemVariants(" + UUID.randomUUID()
                                + ")",
                        token),
                404,
                "BadRequest_NotFound");
        assertTrue(message(variant).startsWith("The Item Variant does not exist."));
    }

    @Test
    void unknownEnvironmentIs404() {
        String staging = sandbox.baseUri() + "/v2.0/" + sandbox.tenantId() + "/staging/api/v2.0/companies";
        JsonNode error = assertBcError(get(staging, token), 404, "NoEnvironment");
        assertTrue(message(error).contains("'staging'"));
    }

    @Test
    void writesAre405MethodNotAllowed() {
        for (String method : new String[] {"POST", "PATCH", "DELETE", "PUT"}) {
            HttpResponse<String> response =
                    SandboxClient.send(HttpRequest.newBuilder(URI.create(client.root() + "/companies"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                            .build());
            JsonNode error = assertBcError(response, 405, "BadRequest_MethodNotAllowed");
            assertEquals(
                    "'" + method + "' requests for 'companies' of EdmType 'Entity' are not allowed within"
                            + " Dynamics 365 Business Central OData web services.",
                    message(error));
        }
    }

    @Test
    void malformedUrlsAndOptionsAre400Or404() {
        assertBcError(get(client.items(BcSandbox.CRONUS_USA) + "(not-a-guid)", token), 400, "BadRequest_NotFound");
        assertBcError(get(client.items(BcSandbox.CRONUS_USA) + "/itemVariants", token), 404, "BadRequest_NotFound");
        assertBcError(
                get(
                        client.items(BcSandbox.CRONUS_USA)
                                + "?$filter=blocked%20eq%20true&$filter=blocked%20eq%20false",
                        token),
                400,
                "BadRequest_NotFound");
        JsonNode count = assertBcError(
                get(client.items(BcSandbox.CRONUS_USA) + "?$count=true", token), 400, "BadRequest_NotFound");
        assertTrue(message(count).contains("bc-sandbox"), "says plainly that the sandbox does not emulate it");
        assertEquals(
                200,
                get(client.items(BcSandbox.CRONUS_USA) + "?$schemaversion=2.1&$wibble=1", token)
                        .statusCode(),
                "unknown options are ignored, as BC does");
        assertBcError(
                get(
                        sandbox.baseUri() + "/v2.0/" + sandbox.tenantId() + "/production/api/microsoft/automation/v2.0"
                                + "/companies",
                        token),
                404,
                "BadRequest_NotFound");
        assertBcError(get(sandbox.baseUri() + "/nothing-here", null), 404, "BadRequest_NotFound");
    }

    private static String firstItem() {
        return sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).findFirst().orElseThrow();
    }
}
