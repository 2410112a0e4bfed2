package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The single-valued navigation properties BC generates from …Id fields, in $expand and $metadata. */
class NavigationExpansionTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String company;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(20).salesOrders(5).build().start();
        token = new SandboxClient(sandbox).accessToken();
        company = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void itemsExpandTheirCategoryAndUnitOfMeasure() {
        JsonNode page =
                json(get(company + "/items?$expand=" + encode("itemCategory($select=code),unitOfMeasure"), token));
        for (JsonNode item : page.get("value")) {
            assertEquals(
                    item.get("itemCategoryCode").asText(),
                    item.get("itemCategory").get("code").asText());
            assertEquals(
                    item.get("baseUnitOfMeasureCode").asText(),
                    item.get("unitOfMeasure").get("code").asText());
        }
    }

    @Test
    void customersAndOrdersExpandWhatTheirIdsPointAt() {
        for (JsonNode customer : json(get(company + "/customers?$top=10&$expand=paymentTerm,currency", token))
                .get("value")) {
            assertEquals(
                    customer.get("paymentTermsId").asText(),
                    customer.get("paymentTerm").get("id").asText());
            if (customer.get("currencyId").asText().equals("00000000-0000-0000-0000-000000000000")) {
                assertTrue(customer.get("currency").isNull(), "an empty id expands to null");
            } else {
                assertEquals(
                        customer.get("currencyCode").asText(),
                        customer.get("currency").get("code").asText());
            }
        }
        for (JsonNode order : json(get(
                        company + "/salesOrders?$expand=" + encode("customer($select=number),salesOrderLines"), token))
                .get("value")) {
            assertEquals(
                    order.get("customerNumber").asText(),
                    order.get("customer").get("number").asText());
            assertTrue(order.get("salesOrderLines").isArray());
        }
    }

    @Test
    void theMetadataDeclaresThemAsSingleValued() {
        String metadata = get(sandbox.apiRoot() + "/$metadata", token).body();
        assertTrue(
                metadata.contains("<NavigationProperty Name=\"itemCategory\" Type=\"Microsoft.NAV.itemCategory\""),
                metadata);
        assertTrue(
                metadata.contains(
                        "<NavigationProperty Name=\"salesOrderLines\" Type=\"Collection(Microsoft.NAV.salesOrderLine)\""),
                metadata);
    }
}
