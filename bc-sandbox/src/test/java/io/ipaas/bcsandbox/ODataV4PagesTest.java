package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.allPages;
import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ODataV4 web services: customer price groups and sales prices, addressed by company name. */
class ODataV4PagesTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String odata;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(30).build().start();
        token = new SandboxClient(sandbox).accessToken();
        odata = sandbox.apiRoot().toString().replace("/api/v2.0", "/ODataV4");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String usa(String service) {
        return odata + "/Company('CRONUS%20USA%2C%20Inc.')/" + service;
    }

    private static List<String> fields(JsonNode entity) {
        List<String> fields = new ArrayList<>();
        entity.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    @Test
    void salesPricesCarryTheFixturesPropertiesAndContext() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sales_prices_odata.json")) {
            fixture = SandboxClient.MAPPER.readTree(in);
        }
        JsonNode page = json(get(usa("SalesPrices"), token));
        assertTrue(
                page.get("@odata.context")
                        .asText()
                        .endsWith("/ODataV4/$metadata#Company('CRONUS%20USA%2C%20Inc.')/SalesPrices"),
                page.get("@odata.context").asText());
        assertFalse(page.get("value").isEmpty());
        Set<String> types = new HashSet<>();
        for (JsonNode price : page.get("value")) {
            assertEquals(fields(fixture.get("value").get(0)), fields(price));
            types.add(price.get("Sales_Type").asText());
        }
        assertTrue(
                types.containsAll(Set.of("Customer", "Customer_x0020_Price_x0020_Group", "All_x0020_Customers")),
                types.toString());
    }

    @Test
    void filtersPagesAndTheOtherAddressForms() {
        JsonNode retail = json(get(usa("SalesPrices") + "?$filter=" + encode("Sales_Code eq 'RETAIL'"), token));
        retail.get("value")
                .forEach(p -> assertEquals("RETAIL", p.get("Sales_Code").asText()));
        String today = LocalDate.now().toString();
        JsonNode current = json(get(
                usa("SalesPrices") + "?$filter=" + encode("Ending_Date eq 0001-01-01 or Ending_Date ge " + today),
                token));
        current.get("value").forEach(p -> {
            String ending = p.get("Ending_Date").asText();
            assertTrue(ending.equals("0001-01-01") || ending.compareTo(today) >= 0, ending);
        });
        List<JsonNode> pages = allPages(usa("SalesPrices"), token, "Prefer", "odata.maxpagesize=10");
        int total = 0;
        for (JsonNode page : pages) {
            total += page.get("value").size();
            if (page.has("@odata.nextLink")) {
                assertTrue(page.get("@odata.nextLink").asText().startsWith(odata + "/Company("));
            }
        }
        assertEquals(
                sandbox.dataset()
                        .priceData(BcSandbox.CRONUS_USA)
                        .set("SalesPrices")
                        .orElseThrow()
                        .ids()
                        .size(),
                total);
        JsonNode byParameter = json(get(odata + "/CustomerPriceGroups?company=" + encode("'CRONUS USA, Inc.'"), token));
        assertEquals(4, byParameter.get("value").size());
        assertEquals("RETAIL", byParameter.get("value").get(0).get("Code").asText());
        JsonNode byId =
                json(get(odata + "/Company(Id=" + BcSandbox.CRONUS_USA + ")/CustomerPriceGroups('VIP')", token));
        assertEquals("Key accounts", byId.get("Description").asText());
    }

    @Test
    void anUnknownCompanyOrServiceIsRefusedAsBcDoes() {
        assertBcError(
                get(odata + "/Company('CRONUS%20usa%2C%20Inc.')/SalesPrices", token), 404, "Internal_CompanyNotFound");
        assertBcError(get(usa("PriceListLines"), token), 404, "BadRequest_ResourceNotFound");
        String services = get(odata + "/", token).body();
        assertTrue(
                services.contains("\"name\":\"SalesPrices\"") && services.contains("\"name\":\"CustomerPriceGroups\""));
        String metadata = get(odata + "/$metadata", token).body();
        assertTrue(metadata.contains("<EntityType Name=\"SalesPrices\">"), metadata);
        assertTrue(metadata.contains("<PropertyRef Name=\"SystemId\" />"), metadata);
        assertTrue(metadata.contains("Name=\"Customer_x0020_Price_x0020_Group\""), metadata);
    }
}
