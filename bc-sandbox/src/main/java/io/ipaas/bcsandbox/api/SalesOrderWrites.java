package io.ipaas.bcsandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.CompanyData;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.MasterData;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.data.SalesDocuments;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.EntityType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * POST, PATCH and DELETE on {@code salesOrders} as BC answers them (facts §2.7, §3.3): a POST is a deep insert of the
 * header and its {@code salesOrderLines} in one transaction, BC assigning the number from its series and filling
 * the customer's addresses and terms; BC's validation refuses the whole order with one error (no customer, an
 * unknown customer or item, a blocked item, a too-long value); a deep update is refused.
 */
final class SalesOrderWrites {
    private static final EntityType<Map<String, Object>> ORDER = SalesModel.SALES_ORDER;
    private static final EntityType<Map<String, Object>> LINE = SalesModel.SALES_ORDER_LINE;
    private static final String LINES = "salesOrderLines";

    /** Computed or assigned by BC on the Sales Order API page (facts §2.7). */
    private static final Set<String> READ_ONLY = Set.of(
            "id",
            "number",
            "customerName",
            "billToName",
            "billToAddressLine1",
            "billToAddressLine2",
            "billToCity",
            "billToCountry",
            "billToState",
            "billToPostCode",
            "discountAppliedBeforeTax",
            "totalAmountExcludingTax",
            "totalTaxAmount",
            "totalAmountIncludingTax",
            "fullyShipped",
            "status",
            "lastModifiedDateTime");

    private static final Set<String> LINE_READ_ONLY = Set.of(
            "id",
            "documentId",
            "discountAppliedBeforeTax",
            "amountExcludingTax",
            "taxPercent",
            "totalTaxAmount",
            "amountIncludingTax",
            "invoiceDiscountAllocation",
            "netAmount",
            "netTaxAmount",
            "netAmountIncludingTax",
            "shippedQuantity",
            "invoicedQuantity");

    /** Text lengths of the Sales Header fields behind the page. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("externalDocumentNumber", 35),
            Map.entry("customerNumber", 20),
            Map.entry("billToCustomerNumber", 20),
            Map.entry("currencyCode", 10),
            Map.entry("shipToName", 100),
            Map.entry("shipToContact", 100),
            Map.entry("sellToAddressLine1", 100),
            Map.entry("sellToAddressLine2", 50),
            Map.entry("sellToCity", 30),
            Map.entry("sellToState", 30),
            Map.entry("sellToCountry", 10),
            Map.entry("sellToPostCode", 20),
            Map.entry("shipToAddressLine1", 100),
            Map.entry("shipToAddressLine2", 50),
            Map.entry("shipToCity", 30),
            Map.entry("shipToState", 30),
            Map.entry("shipToCountry", 10),
            Map.entry("shipToPostCode", 20),
            Map.entry("salesperson", 20),
            Map.entry("email", 80),
            Map.entry("phoneNumber", 30));

    /** Text lengths of the Sales Line fields behind the page. */
    private static final Map<String, Integer> LINE_LENGTHS =
            Map.of("lineObjectNumber", 20, "description", 100, "description2", 50, "unitOfMeasureCode", 10);

    private SalesOrderWrites() {}

    static RowWrites.Result create(
            SalesDocuments documents, CompanyData items, RowSet customers, byte[] body, Clock clock) {
        JsonNode json = RowWrites.object(body);
        JsonNode lines = json.get(LINES);
        com.fasterxml.jackson.databind.node.ObjectNode header = json.deepCopy();
        header.remove(LINES);
        Map<String, Object> given = RowWrites.values(ORDER, header, READ_ONLY, LENGTHS);
        Map<String, Object> customer = customer(given, customers);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        List<Map<String, Object>> lineRows = new ArrayList<>();
        if (lines != null && !lines.isNull()) {
            if (!lines.isArray()) {
                throw new BcException(400, "BadRequest", "The property 'salesOrderLines' must be an array.");
            }
            int sequence = 10000;
            for (Iterator<JsonNode> it = lines.elements(); it.hasNext(); sequence += 10000) {
                JsonNode line = it.next();
                if (!line.isObject()) {
                    throw new BcException(400, "BadRequest", "Each of 'salesOrderLines' must be an object.");
                }
                Map<String, Object> values = RowWrites.values(LINE, line, LINE_READ_ONLY, LINE_LENGTHS);
                String lineType = (String) values.getOrDefault("lineType", "Item");
                Item item = lineType.equals("Comment") ? null : item(values, items);
                if (item == null && !lineType.equals("Comment") && !lineType.equals("Item")) {
                    throw new BcException(
                            400,
                            "Application_DialogException",
                            "The line type '" + lineType + "' is not emulated by bc-sandbox; use Item or Comment.");
                }
                int at = values.containsKey("sequence") ? ((Number) values.get("sequence")).intValue() : sequence;
                lineRows.add(documents.orderLine(id, at, item, lineType, values, today));
            }
        }
        Map<String, Object> row =
                documents.addOrder(documents.orderHeader(id, customer, given, lineRows, now), lineRows);
        return new RowWrites.Result(201, Optional.of(row));
    }

    static RowWrites.Result update(
            SalesDocuments documents, RowSet orders, UUID id, String ifMatch, byte[] body, Clock clock) {
        Map<String, Object> current = orders.find(id).orElseThrow();
        RowWrites.requireMatch(ORDER, current, ifMatch);
        JsonNode json = RowWrites.object(body);
        if (json.has(LINES)) {
            // deep update is not supported (facts §2.7): lines change through their own requests
            throw new BcException(
                    400,
                    "BadRequest",
                    "Deep update is not supported. Change the lines through the salesOrderLines of the order.");
        }
        Map<String, Object> values =
                RowWrites.values(ORDER, json, union(READ_ONLY, Set.of("customerId", "customerNumber")), LENGTHS);
        values.forEach((field, value) -> orders.put(id, field, value));
        orders.touch(id, clock);
        return new RowWrites.Result(200, orders.find(id));
    }

    static RowWrites.Result delete(SalesDocuments documents, RowSet orders, UUID id, String ifMatch) {
        RowWrites.requireMatch(ORDER, orders.find(id).orElseThrow(), ifMatch);
        documents.deleteDocument(SalesDocuments.SALES_ORDERS, id);
        return new RowWrites.Result(204, Optional.empty());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The sell-to customer, by id or number, as page 30028 validates them: none is an AL Error (Microsoft lists this
     * very message under Application_DialogException), an id and a number of two customers are refused.
     */
    private static Map<String, Object> customer(Map<String, Object> given, RowSet customers) {
        Object id = given.get("customerId");
        Object number = given.get("customerNumber");
        boolean hasNumber = number != null && !number.toString().isEmpty();
        if (id == null && !hasNumber) {
            throw new BcException(
                    400, "Application_DialogException", "A \"customerNumber\" or a \"customerId\" must be provided.");
        }
        for (long p = customers.next(0); p >= 0; p = customers.next(p + 1)) {
            Map<String, Object> row = customers.row(p);
            if (id != null ? id.equals(row.get("id")) : number.equals(row.get("number"))) {
                if (id != null && hasNumber && !number.equals(row.get("number"))) {
                    throw new BcException(
                            400,
                            "Application_DialogException",
                            "The sell-to customer values do not match to a specific Customer.");
                }
                if (Boolean.TRUE.equals(row.get(MasterData.NO_POSTING_GROUPS))) {
                    // a TestField: Microsoft's error table maps NavTestFieldException to this code
                    throw new BcException(
                            400,
                            "Application_FieldValidationException",
                            "Gen. Bus. Posting Group must have a value in Customer: No.=" + row.get("number")
                                    + ". It cannot be zero or empty.");
                }
                return row;
            }
        }
        // the table relation's words (clients read the value and table from them); page 30028's own check may come
        // first on BC with 'The sell-to customer cannot be found.' (Application_DialogException): unconfirmed
        throw new BcException(
                400,
                "Internal_InvalidTableRelation",
                "The field Sell-to Customer No. of table Sales Header contains a value (" + (id != null ? id : number)
                        + ") that cannot be found in the related table (Customer).");
    }

    /**
     * The line's item by number or id; unknown and blocked items are refused as BC refuses them. An unknown item gets
     * the table relation's words; page 30044's own check may come first on BC with 'Item does not exist.'
     * (Application_DialogException): unconfirmed.
     */
    private static Item item(Map<String, Object> line, CompanyData items) {
        Object number = line.get("lineObjectNumber");
        Object id = line.get("itemId");
        OptionalLong index = OptionalLong.empty();
        if (number instanceof String text && !text.isEmpty()) {
            index = items.itemIndexByNumber(text);
            if (index.isEmpty()) {
                throw new BcException(
                        400,
                        "Internal_InvalidTableRelation",
                        "The field No. of table Sales Line contains a value (" + text
                                + ") that cannot be found in the related table (Item).");
            }
        }
        if (id instanceof UUID guid && !guid.equals(new UUID(0, 0))) {
            OptionalLong byId = items.itemIndex(guid);
            if (byId.isEmpty()) {
                throw new BcException(
                        400,
                        "Internal_InvalidTableRelation",
                        "The field No. of table Sales Line contains a value (" + guid
                                + ") that cannot be found in the related table (Item).");
            }
            if (index.isPresent() && index.getAsLong() != byId.getAsLong()) {
                // page 30044 validates itemId first (it sets the line's No.), then refuses a different number
                throw new BcException(
                        400, "Application_DialogException", "The value for \"lineObjectNumber\" cannot be modified.");
            }
            index = byId;
        }
        if (index.isEmpty()) {
            return null;
        }
        Item item = items.item(index.getAsLong());
        if (item.blocked()) {
            // Item.TestField(Blocked, false) on the Sales Line: NavTestFieldException
            throw new BcException(
                    400,
                    "Application_FieldValidationException",
                    "Blocked must be equal to 'No'  in Item: No.=" + item.number() + ". Current value is 'Yes'.");
        }
        return item;
    }
}
