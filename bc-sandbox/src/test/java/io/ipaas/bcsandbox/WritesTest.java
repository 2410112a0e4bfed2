package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static io.ipaas.bcsandbox.SandboxClient.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST, PATCH and DELETE on customers as BC answers them (facts §3.3): statuses, If-Match, ETags. */
class WritesTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String customers;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(5).customers(10).build().start();
        token = new SandboxClient(sandbox).accessToken();
        customers = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/customers";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static HttpResponse<String> call(String method, String url, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    @Test
    void aCustomerIsCreatedUpdatedWithItsETagAndDeleted() {
        HttpResponse<String> created = call(
                "POST", customers, "{\"displayName\":\"Fabrikam Webshop\",\"email\":\"shop@fabrikam.example\"}", null);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode customer = json(created);
        assertEquals("Fabrikam Webshop", customer.get("displayName").asText());
        assertTrue(customer.get("number").asText().matches("\\d+"), "BC assigns the number");
        String etag = customer.get("@odata.etag").asText();
        assertEquals(etag, created.headers().firstValue("ETag").orElseThrow());
        String one = customers + "(" + customer.get("id").asText() + ")";

        assertBcError(call("PATCH", one, "{\"city\":\"Oslo\"}", null), 400, "BadRequest_InvalidToken");
        HttpResponse<String> updated = call("PATCH", one, "{\"city\":\"Oslo\"}", etag);
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("Oslo", json(updated).get("city").asText());
        assertEquals("Fabrikam Webshop", json(updated).get("displayName").asText(), "the whole record comes back");
        String newer = json(updated).get("@odata.etag").asText();
        assertNotEquals(etag, newer);
        assertBcError(call("PATCH", one, "{\"city\":\"Bergen\"}", etag), 409, "Request_EntityChanged");
        assertEquals("Oslo", json(get(one, token)).get("city").asText(), "a stale write changes nothing");

        assertBcError(call("DELETE", one, null, etag), 409, "Request_EntityChanged");
        HttpResponse<String> deleted = call("DELETE", one, null, "*");
        assertEquals(204, deleted.statusCode());
        assertEquals(404, get(one, token).statusCode());
    }

    @Test
    void unknownReadOnlyAndMistypedPropertiesAreRefusedNamingThem() {
        JsonNode unknown = assertBcError(call("POST", customers, "{\"colour\":\"red\"}", null), 400, "BadRequest");
        assertTrue(
                unknown.get("message").asText().contains("'colour' does not exist on type 'Microsoft.NAV.customer'"));
        JsonNode readOnly =
                assertBcError(call("POST", customers, "{\"balanceDue\":5}", null), 400, "BadRequest_InvalidOperation");
        assertTrue(readOnly.get("message").asText().contains("'balanceDue' is read-only"));
        JsonNode mistyped =
                assertBcError(call("POST", customers, "{\"creditLimit\":\"lots\"}", null), 400, "BadRequest");
        assertTrue(mistyped.get("message").asText().contains("property 'creditLimit'"));
        assertBcError(
                call("POST", sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/items", "{}", null),
                405,
                "BadRequest_MethodNotAllowed");
    }
}
