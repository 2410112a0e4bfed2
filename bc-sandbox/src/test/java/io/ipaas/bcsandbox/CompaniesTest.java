package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompaniesTest {
    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(20).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void listsTheThreeCompaniesWithBcsFieldsInBcsOrder() {
        HttpResponse<String> response = get(client.root() + "/companies", token);
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false;"
                        + " charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("4.0", response.headers().firstValue("OData-Version").orElseThrow());
        JsonNode body = json(response);
        assertEquals(
                client.root() + "/$metadata#companies",
                body.get("@odata.context").asText());
        assertNull(body.get("@odata.nextLink"));
        JsonNode usa = body.get("value").get(0);
        List<String> fields = new ArrayList<>();
        usa.fieldNames().forEachRemaining(fields::add);
        assertEquals(
                List.of(
                        "id",
                        "systemVersion",
                        "timestamp",
                        "name",
                        "displayName",
                        "businessProfileId",
                        "systemCreatedAt",
                        "systemCreatedBy",
                        "systemModifiedAt",
                        "systemModifiedBy"),
                fields,
                "fixture companies.json");
        assertEquals("4c1b9e2a-7d35-f011-a5f1-6045bd7e02c4", usa.get("id").asText());
        assertEquals("CRONUS USA, Inc.", usa.get("name").asText());
        assertEquals(70912, usa.get("timestamp").asLong());
        List<String> names = new ArrayList<>();
        body.get("value").forEach(c -> names.add(c.get("name").asText()));
        assertEquals(List.of("CRONUS USA, Inc.", "CRONUS Canada", "O'Brien Supplies"), names);
        assertEquals(sandbox.companies().stream().map(c -> c.name()).toList(), names);
    }

    @Test
    void filterByNameUnescapesDoubledQuotes() {
        JsonNode page = json(get(client.root() + "/companies?$filter=" + encode("name eq 'O''Brien Supplies'"), token));
        assertEquals(1, page.get("value").size());
        assertEquals(
                BcSandbox.OBRIEN.toString(), page.get("value").get(0).get("id").asText());

        JsonNode canada = json(get(client.root() + "/companies?$filter=" + encode("name eq 'CRONUS Canada'"), token));
        assertEquals(
                BcSandbox.CRONUS_CANADA.toString(),
                canada.get("value").get(0).get("id").asText());
    }

    @Test
    void unescapedQuoteIsASyntaxError() {
        assertBcError(
                get(client.root() + "/companies?$filter=" + encode("name eq 'O'Brien Supplies'"), token),
                400,
                "BadRequest_NotFound");
    }

    @Test
    void selectAndTopShapeTheList() {
        JsonNode page = json(get(client.root() + "/companies?$select=name,id&$top=2", token));
        assertEquals(
                client.root() + "/$metadata#companies(id,name)",
                page.get("@odata.context").asText());
        assertEquals(2, page.get("value").size());
        assertEquals(2, page.get("value").get(1).size(), "only the selected fields (companies carry no etag)");
        assertNull(page.get("@odata.nextLink"));
    }

    @Test
    void singleCompanyAndCompanyParameterForm() {
        JsonNode single = json(get(client.root() + "/companies(" + BcSandbox.CRONUS_CANADA + ")", token));
        assertEquals(
                client.root() + "/$metadata#companies/$entity",
                single.get("@odata.context").asText());
        assertEquals("CRONUS Canada, Inc.", single.get("displayName").asText());

        JsonNode byParameter = json(get(client.root() + "/items?company=" + BcSandbox.CRONUS_CANADA, token));
        assertEquals(12, byParameter.get("value").size());
        JsonNode byName = json(get(client.root() + "/items?company=" + encode("O'Brien Supplies"), token));
        assertEquals(5, byName.get("value").size());
        assertBcError(get(client.root() + "/items", token), 404, "Internal_CompanyNotFound");
    }
}
