package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.SalesDocuments;
import io.ipaas.bcsandbox.odata.EntityType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API v2.0 sales documents and their lines: property lists in page order, checked field by field against
 * the fixtures salesOrder_created_response.json, salesInvoices_with_lines.json and
 * salesShipments_with_lines.json (facts §2.7–2.9). Lines have no {@code lastModifiedDateTime}; shipments carry
 * codes instead of ids and their lines {@code documentNo}, as Microsoft's pages do.
 */
public final class SalesModel {
    private static final String SELL_BILL_SHIP = """
            sellToAddressLine1 STRING, sellToAddressLine2 STRING, sellToCity STRING, sellToCountry STRING,
            sellToState STRING, sellToPostCode STRING, billToAddressLine1 STRING, billToAddressLine2 STRING,
            billToCity STRING, billToCountry STRING, billToState STRING, billToPostCode STRING,
            shipToAddressLine1 STRING, shipToAddressLine2 STRING, shipToCity STRING, shipToCountry STRING,
            shipToState STRING, shipToPostCode STRING,
            """;
    private static final Set<String> DOCUMENT_NAVIGATIONS = Set.of(
            "customer",
            "currency",
            "paymentTerm",
            "shipmentMethod",
            "dimensionValue",
            "dimensionSetLines",
            "pdfDocument",
            "attachments",
            "documentAttachments");

    public static final EntityType<Map<String, Object>> SALES_ORDER =
            RowTypes.type("salesOrder", """
            id GUID, number STRING, externalDocumentNumber STRING, orderDate DATE, postingDate DATE,
            customerId GUID, customerNumber STRING, customerName STRING, billToName STRING, billToCustomerId GUID,
            billToCustomerNumber STRING, shipToName STRING, shipToContact STRING,
            """ + SELL_BILL_SHIP + """
            shortcutDimension1Code STRING, shortcutDimension2Code STRING, currencyId GUID, currencyCode STRING,
            pricesIncludeTax BOOLEAN, paymentTermsId GUID, shipmentMethodId GUID, salesperson STRING,
            partialShipping BOOLEAN, requestedDeliveryDate DATE, discountAmount DECIMAL,
            discountAppliedBeforeTax BOOLEAN, totalAmountExcludingTax DECIMAL, totalTaxAmount DECIMAL,
            totalAmountIncludingTax DECIMAL, fullyShipped BOOLEAN, status ENUM:salesOrderStatus,
            lastModifiedDateTime DATETIMEOFFSET, phoneNumber STRING, email STRING
            """, with(DOCUMENT_NAVIGATIONS, "salesOrderLines"));

    public static final EntityType<Map<String, Object>> SALES_ORDER_LINE = RowTypes.versionedType(
            "salesOrderLine",
            """
            id GUID, documentId GUID, sequence INT32, itemId GUID, accountId GUID, lineType ENUM:salesLineType,
            lineObjectNumber STRING, description STRING, description2 STRING, unitOfMeasureId GUID,
            unitOfMeasureCode STRING, quantity DECIMAL, unitPrice DECIMAL, discountAmount DECIMAL,
            discountPercent DECIMAL, discountAppliedBeforeTax BOOLEAN, amountExcludingTax DECIMAL, taxCode STRING,
            taxPercent DECIMAL, totalTaxAmount DECIMAL, amountIncludingTax DECIMAL,
            invoiceDiscountAllocation DECIMAL, netAmount DECIMAL, netTaxAmount DECIMAL,
            netAmountIncludingTax DECIMAL, shipmentDate DATE, shippedQuantity DECIMAL, invoicedQuantity DECIMAL,
            invoiceQuantity DECIMAL, shipQuantity DECIMAL, itemVariantId GUID, locationId GUID
            """,
            Set.of("salesOrder", "item", "account", "unitOfMeasure", "itemVariant", "dimensionSetLines", "location"));

    public static final EntityType<Map<String, Object>> SALES_INVOICE =
            RowTypes.type("salesInvoice", """
            id GUID, number STRING, externalDocumentNumber STRING, invoiceDate DATE, postingDate DATE,
            dueDate DATE, promisedPayDate DATE, customerPurchaseOrderReference STRING, customerId GUID,
            customerNumber STRING, customerName STRING, billToName STRING, billToCustomerId GUID,
            billToCustomerNumber STRING, shipToName STRING, shipToContact STRING,
            """ + SELL_BILL_SHIP + """
            currencyId GUID, shortcutDimension1Code STRING, shortcutDimension2Code STRING, currencyCode STRING,
            orderId GUID, orderNumber STRING, paymentTermsId GUID, shipmentMethodId GUID, salesperson STRING,
            disputeStatusId GUID, disputeStatus STRING, pricesIncludeTax BOOLEAN, remainingAmount DECIMAL,
            discountAmount DECIMAL, discountAppliedBeforeTax BOOLEAN, totalAmountExcludingTax DECIMAL,
            totalTaxAmount DECIMAL, totalAmountIncludingTax DECIMAL, status ENUM:salesInvoiceStatus,
            lastModifiedDateTime DATETIMEOFFSET, phoneNumber STRING, email STRING
            """, with(DOCUMENT_NAVIGATIONS, "salesInvoiceLines"));

    public static final EntityType<Map<String, Object>> SALES_INVOICE_LINE = RowTypes.versionedType(
            "salesInvoiceLine",
            """
            id GUID, documentId GUID, sequence INT32, itemId GUID, accountId GUID, lineType ENUM:salesLineType,
            lineObjectNumber STRING, description STRING, description2 STRING, unitOfMeasureId GUID,
            unitOfMeasureCode STRING, quantity DECIMAL, unitPrice DECIMAL, discountAmount DECIMAL,
            discountPercent DECIMAL, discountAppliedBeforeTax BOOLEAN, amountExcludingTax DECIMAL, taxCode STRING,
            taxPercent DECIMAL, totalTaxAmount DECIMAL, amountIncludingTax DECIMAL,
            invoiceDiscountAllocation DECIMAL, netAmount DECIMAL, netTaxAmount DECIMAL,
            netAmountIncludingTax DECIMAL, shipmentDate DATE, itemVariantId GUID, locationId GUID
            """,
            Set.of("salesInvoice", "item", "account", "unitOfMeasure", "itemVariant", "dimensionSetLines", "location"));

    public static final EntityType<Map<String, Object>> SALES_SHIPMENT = RowTypes.type(
            "salesShipment",
            """
            id GUID, number STRING, externalDocumentNumber STRING, invoiceDate DATE, postingDate DATE,
            dueDate DATE, customerPurchaseOrderReference STRING, customerId GUID, customerNumber STRING,
            customerName STRING, billToCustomerId GUID, billToName STRING, billToCustomerNumber STRING,
            shipToName STRING, shipToContact STRING,
            """ + SELL_BILL_SHIP + """
            currencyCode STRING, orderNumber STRING, paymentTermsCode STRING, shipmentMethodCode STRING,
            salesperson STRING, pricesIncludeTax BOOLEAN, lastModifiedDateTime DATETIMEOFFSET,
            phoneNumber STRING, email STRING
            """,
            Set.of(
                    "customer",
                    "salesShipmentLines",
                    "dimensionSetLines",
                    "pdfDocument",
                    "attachments",
                    "documentAttachments"));

    public static final EntityType<Map<String, Object>> SALES_SHIPMENT_LINE =
            RowTypes.versionedType("salesShipmentLine", """
            id GUID, documentId GUID, documentNo STRING, sequence INT32, lineType ENUM:salesShipmentLineType,
            lineObjectNumber STRING, description STRING, description2 STRING, unitOfMeasureCode STRING,
            unitPrice DECIMAL, quantity DECIMAL, discountPercent DECIMAL, taxPercent DECIMAL, shipmentDate DATE
            """, Set.of("salesShipment", "dimensionSetLines"));

    /** Document entity set to its type, in service-document order. */
    public static final Map<String, EntityType<Map<String, Object>>> DOCUMENTS = documents();

    /** Line entity set (the document's navigation property) to its type. */
    public static final Map<String, EntityType<Map<String, Object>>> LINES = lines();

    static final Map<String, List<String>> ENUMS = Map.of(
            "salesOrderStatus", List.of("Draft", "In_x0020_Review", "Open"),
            "salesInvoiceStatus",
                    List.of("_x0020_", "Draft", "In_x0020_Review", "Open", "Paid", "Canceled", "Corrective"),
            "salesLineType",
                    List.of(
                            "Comment",
                            "Account",
                            "Item",
                            "Resource",
                            "Fixed_x0020_Asset",
                            "Charge",
                            "Allocation_x0020_Account"),
            "salesShipmentLineType",
                    List.of(
                            "_x0020_",
                            "G_x002F_L_x0020_Account",
                            "Item",
                            "Resource",
                            "Fixed_x0020_Asset",
                            "Charge_x0020__x0028_Item_x0029_"));

    private SalesModel() {}

    /** The lines' navigation property of a document entity set ({@code salesInvoices} → {@code salesInvoiceLines}). */
    public static String linesOf(String documentSet) {
        return SalesDocuments.linesOf(documentSet);
    }

    private static Set<String> with(Set<String> navigations, String lines) {
        java.util.HashSet<String> all = new java.util.HashSet<>(navigations);
        all.add(lines);
        return all;
    }

    private static Map<String, EntityType<Map<String, Object>>> documents() {
        Map<String, EntityType<Map<String, Object>>> sets = new LinkedHashMap<>();
        sets.put(SalesDocuments.SALES_ORDERS, SALES_ORDER);
        sets.put(SalesDocuments.SALES_INVOICES, SALES_INVOICE);
        sets.put(SalesDocuments.SALES_SHIPMENTS, SALES_SHIPMENT);
        return Collections.unmodifiableMap(sets);
    }

    private static Map<String, EntityType<Map<String, Object>>> lines() {
        Map<String, EntityType<Map<String, Object>>> sets = new LinkedHashMap<>();
        sets.put("salesOrderLines", SALES_ORDER_LINE);
        sets.put("salesInvoiceLines", SALES_INVOICE_LINE);
        sets.put("salesShipmentLines", SALES_SHIPMENT_LINE);
        return Collections.unmodifiableMap(sets);
    }
}
