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
import io.ipaas.bcsandbox.data.SalesDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sales orders, invoices and shipments with their lines, as BC's API v2.0 pages serve them. */
class SalesDocumentsTest {
    private static final UUID USA = BcSandbox.CRONUS_USA;

    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder()
                .items(50)
                .salesOrders(11)
                .salesInvoices(13)
                .salesShipments(9)
                .build()
                .start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String set(UUID company, String entitySet) {
        return client.root() + "/companies(" + company + ")/" + entitySet;
    }

    private static JsonNode fixture(String file) throws IOException {
        try (InputStream in = SalesDocumentsTest.class.getResourceAsStream("/fixtures/" + file)) {
            JsonNode root = SandboxClient.MAPPER.readTree(in);
            return root.has("value") ? root.get("value").get(0) : root;
        }
    }

    private static List<String> fields(JsonNode entity) {
        List<String> fields = new ArrayList<>();
        entity.fieldNames().forEachRemaining(field -> {
            if (!field.equals("@odata.context")) {
                fields.add(field);
            }
        });
        return fields;
    }

    @ParameterizedTest
    @CsvSource({
        "salesOrders, salesOrderLines, salesOrder_created_response.json",
        "salesInvoices, salesInvoiceLines, salesInvoices_with_lines.json",
        "salesShipments, salesShipmentLines, salesShipments_with_lines.json"
    })
    void documentsAndLinesCarryTheFixturesPropertiesInTheirOrder(String documents, String lines, String file)
            throws IOException {
        JsonNode expected = fixture(file);
        JsonNode page = json(get(set(USA, documents) + "?$expand=" + lines, token));
        assertFalse(page.get("value").isEmpty());
        for (JsonNode document : page.get("value")) {
            assertEquals(fields(expected), fields(document), documents);
            assertFalse(document.get(lines).isEmpty(), "every document has lines");
            for (JsonNode line : document.get(lines)) {
                assertEquals(fields(expected.get(lines).get(0)), fields(line), lines);
                assertEquals(document.get("id"), line.get("documentId"));
                assertFalse(line.has("lastModifiedDateTime"), "no line page has lastModifiedDateTime");
            }
        }
    }

    @Test
    void shipmentsCarryCodesAndTheirLinesTheDocumentNumber() {
        JsonNode shipment = json(get(set(USA, "salesShipments") + "?$top=1&$expand=salesShipmentLines", token))
                .get("value")
                .get(0);
        assertFalse(shipment.has("paymentTermsId"));
        assertTrue(shipment.has("paymentTermsCode") && shipment.has("shipmentMethodCode"));
        JsonNode line = shipment.get("salesShipmentLines").get(0);
        assertEquals(shipment.get("number"), line.get("documentNo"));
        assertFalse(line.has("itemId"), "shipment lines are joined by lineObjectNumber");
    }

    @Test
    void totalsAreTheSumOfTheLines() {
        for (JsonNode invoice : json(get(set(USA, "salesInvoices") + "?$expand=salesInvoiceLines", token))
                .get("value")) {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (JsonNode line : invoice.get("salesInvoiceLines")) {
                sum = sum.add(line.get("amountIncludingTax").decimalValue());
            }
            assertEquals(0, sum.compareTo(invoice.get("totalAmountIncludingTax").decimalValue()), invoice.toString());
        }
    }

    @Test
    void aDocumentsLinesAreANestedCollectionAndTheCompanyWideOneNeedsADocument() {
        String id = sandbox.dataset().rows(USA, "salesInvoices").ids().get(2);
        JsonNode lines = json(get(set(USA, "salesInvoices") + "(" + id + ")/salesInvoiceLines", token));
        assertTrue(lines.get("@odata.context").asText().contains("salesInvoices(" + id + ")/salesInvoiceLines"));
        assertEquals(
                sandbox.dataset()
                        .salesDocuments(USA)
                        .lines(UUID.fromString(id))
                        .orElseThrow()
                        .ids()
                        .size(),
                lines.get("value").size());
        String lineId = lines.get("value").get(0).get("id").asText();
        JsonNode line = json(get(set(USA, "salesInvoices") + "(" + id + ")/salesInvoiceLines(" + lineId + ")", token));
        assertEquals(lineId, line.get("id").asText());
        HttpResponse<String> companyWide = get(set(USA, "salesInvoiceLines"), token);
        JsonNode error = assertBcError(companyWide, 400, "Application_DialogException");
        assertTrue(error.get("message").asText().startsWith("You must specify an Id or a Document Id"));
        assertEquals(
                404,
                get(set(USA, "salesInvoices") + "(" + new UUID(3, 4) + ")", token)
                        .statusCode());
    }

    @Test
    void pagesThroughEveryDocumentOnceWithExpandedLines() {
        List<JsonNode> pages =
                allPages(set(USA, "salesOrders") + "?$expand=salesOrderLines", token, "Prefer", "odata.maxpagesize=4");
        assertEquals(3, pages.size(), "11 orders at 4 a page");
        Set<String> ids = new HashSet<>();
        for (JsonNode page : pages) {
            page.get("value").forEach(order -> ids.add(order.get("id").asText()));
        }
        assertEquals(Set.copyOf(sandbox.dataset().rows(USA, "salesOrders").ids()), ids);
    }

    @Test
    void aSelectInsideTheExpansionAndALastModifiedFilterWork() {
        Instant anchor = sandbox.dataset().anchor();
        Instant since = anchor.minusSeconds(10L * 86_400);
        JsonNode page = json(get(
                set(USA, "salesInvoices") + "?$select=number,lastModifiedDateTime&$expand="
                        + encode("salesInvoiceLines($select=lineObjectNumber,quantity)") + "&$filter="
                        + encode("lastModifiedDateTime ge " + since),
                token));
        for (JsonNode invoice : page.get("value")) {
            assertFalse(
                    Instant.parse(invoice.get("lastModifiedDateTime").asText()).isBefore(since));
            assertEquals(
                    List.of("@odata.etag", "number", "lastModifiedDateTime", "salesInvoiceLines"), fields(invoice));
            assertEquals(
                    List.of("@odata.etag", "lineObjectNumber", "quantity"),
                    fields(invoice.get("salesInvoiceLines").get(0)));
        }
        long expected = sandbox.dataset().rows(USA, "salesInvoices").ids().stream()
                .map(id -> sandbox.dataset()
                        .rows(USA, "salesInvoices")
                        .find(UUID.fromString(id))
                        .orElseThrow())
                .filter(row -> !((Instant) row.get("lastModifiedDateTime")).isBefore(since))
                .count();
        assertEquals(expected, page.get("value").size());
        assertTrue(
                expected < 13, "documents spread over " + SalesDocuments.SPREAD_DAYS + " days: a look-back sees some");
    }

    @Test
    void brokenLinesFailAnExpandedPageWholeAndTheirDocumentsLines() {
        UUID broken = UUID.fromString(sandbox.dataset()
                .rows(BcSandbox.CRONUS_CANADA, "salesInvoices")
                .ids()
                .get(1));
        sandbox.breakLines(BcSandbox.CRONUS_CANADA, broken);
        try {
            HttpResponse<String> expanded =
                    get(set(BcSandbox.CRONUS_CANADA, "salesInvoices") + "?$expand=salesInvoiceLines", token);
            assertBcError(expanded, 400, "Internal_RecordNotFound");
            HttpResponse<String> plain = get(set(BcSandbox.CRONUS_CANADA, "salesInvoices"), token);
            assertEquals(200, plain.statusCode(), "the headers still read");
            assertBcError(
                    get(set(BcSandbox.CRONUS_CANADA, "salesInvoices") + "(" + broken + ")/salesInvoiceLines", token),
                    400,
                    "Internal_RecordNotFound");
        } finally {
            sandbox.mendLines(BcSandbox.CRONUS_CANADA, broken);
        }
        assertEquals(
                200,
                get(set(BcSandbox.CRONUS_CANADA, "salesInvoices") + "?$expand=salesInvoiceLines", token)
                        .statusCode());
    }

    @Test
    void aCreatedOrderAndATouchedInvoiceAreSeenByTheNextIncrementalRead() {
        UUID company = BcSandbox.CRONUS_CANADA;
        Instant before = sandbox.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        UUID created = sandbox.createSalesOrder(company);
        String invoice = sandbox.dataset().rows(company, "salesInvoices").ids().get(0);
        Instant touched = sandbox.touch(company, "salesInvoices", UUID.fromString(invoice));
        String filter = "?$filter=" + encode("lastModifiedDateTime ge " + before);
        Set<String> orders = new HashSet<>();
        json(get(set(company, "salesOrders") + filter, token))
                .get("value")
                .forEach(o -> orders.add(o.get("id").asText()));
        assertTrue(orders.contains(created.toString()), orders.toString());
        Set<String> invoices = new HashSet<>();
        json(get(set(company, "salesInvoices") + filter, token))
                .get("value")
                .forEach(i -> invoices.add(i.get("id").asText()));
        assertEquals(Set.of(invoice), invoices);
    }

    @Test
    void theMetadataDescribesDocumentsLinesAndTheirEnums() {
        String metadata = get(client.root() + "/$metadata", token).body();
        for (String type : List.of(
                "salesOrder",
                "salesOrderLine",
                "salesInvoice",
                "salesInvoiceLine",
                "salesShipment",
                "salesShipmentLine")) {
            assertTrue(metadata.contains("<EntityType Name=\"" + type + "\">"), type);
        }
        assertTrue(metadata.contains("Name=\"sequence\" Type=\"Edm.Int32\""));
        assertTrue(metadata.contains("<NavigationProperty Name=\"salesInvoiceLines\""));
        assertTrue(metadata.contains("<Member Name=\"In_x0020_Review\""));
    }
}
