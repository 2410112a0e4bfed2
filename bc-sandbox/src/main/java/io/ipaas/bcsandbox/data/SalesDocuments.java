package io.ipaas.bcsandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A company's sales orders, sales invoices (drafts and posted, in one set as BC's aggregate page serves them) and
 * posted sales shipments, each with its lines, generated once from the seed with Microsoft's property names in
 * page order (facts §2.7–2.9; fixtures salesOrder_created_response.json, salesInvoices_with_lines.json,
 * salesShipments_with_lines.json). Documents were modified in the {@link #SPREAD_DAYS} days before the anchor, so a
 * first read that looks back a few days finds some of them and not all. Lines have no modification time of their
 * own; a change to a line touches its document, as in BC.
 */
public final class SalesDocuments {
    public static final String SALES_ORDERS = "salesOrders";
    public static final String SALES_INVOICES = "salesInvoices";
    public static final String SALES_SHIPMENTS = "salesShipments";
    public static final List<String> ENTITY_SETS = List.of(SALES_ORDERS, SALES_INVOICES, SALES_SHIPMENTS);
    public static final long DEFAULT_ORDERS = 40;
    public static final long DEFAULT_INVOICES = 60;
    public static final long DEFAULT_SHIPMENTS = 40;
    /** Documents were last modified within this many days before the anchor. */
    public static final int SPREAD_DAYS = 30;

    /** The hidden row key that versions a line (lines have no lastModifiedDateTime to derive an ETag from). */
    public static final String VERSION = "$version";

    private static final UUID EMPTY = BcGuids.EMPTY;
    private static final LocalDate NO_DATE = LocalDate.of(1, 1, 1);
    private static final int ORDER_KIND = 0x7101;
    private static final int INVOICE_KIND = 0x7102;
    private static final int SHIPMENT_KIND = 0x7103;
    private static final int LINE_KIND = 0x7104;

    private final Map<String, RowSet> documents = new LinkedHashMap<>();
    private final Map<UUID, RowSet> lines = new ConcurrentHashMap<>();
    private final Set<UUID> brokenLines = ConcurrentHashMap.newKeySet();
    private final Random random;
    private final long anchorMillis;
    private final int companyIndex;
    private final boolean canadian;
    private final CompanyData items;
    private final RowSet customers;
    private int lineCounter;
    private final Map<String, Integer> createdByExternalNumber = new java.util.HashMap<>();
    private long created;

    SalesDocuments(
            long seed,
            int companyIndex,
            boolean canadian,
            Instant anchor,
            CompanyData items,
            RowSet customers,
            long orders,
            long invoices,
            long shipments) {
        this.random = new Random(seed * 131 + companyIndex);
        this.anchorMillis = anchor.toEpochMilli();
        this.companyIndex = companyIndex;
        this.canadian = canadian;
        this.items = items;
        this.customers = customers;
        ENTITY_SETS.forEach(set -> documents.put(set, new RowSet(set)));
        for (int i = 0; i < orders; i++) {
            order(i, modified(documents.get(SALES_ORDERS)));
        }
        for (int i = 0; i < invoices; i++) {
            invoice(i, modified(documents.get(SALES_INVOICES)));
        }
        for (int i = 0; i < shipments; i++) {
            shipment(i, modified(documents.get(SALES_SHIPMENTS)));
        }
    }

    /** The lines' entity set of a document entity set: {@code salesInvoices} → {@code salesInvoiceLines}. */
    public static String linesOf(String documentSet) {
        return documentSet.substring(0, documentSet.length() - 1) + "Lines";
    }

    public Optional<RowSet> set(String entitySet) {
        return Optional.ofNullable(documents.get(entitySet));
    }

    /** A document's lines in sequence order; empty for an unknown document. */
    public Optional<RowSet> lines(UUID documentId) {
        return Optional.ofNullable(lines.get(documentId));
    }

    /**
     * From now on any read of the document's lines fails as BC fails on bad data in a line (a unit of measure
     * deleted under it), until {@link #mendLines}: with {@code $expand}, the whole page fails.
     */
    public void breakLines(UUID documentId) {
        brokenLines.add(documentId);
    }

    public void mendLines(UUID documentId) {
        brokenLines.remove(documentId);
    }

    public boolean linesBroken(UUID documentId) {
        return brokenLines.contains(documentId);
    }

    /** The number BC's series gives the next order: {@code S-ORD} and six digits, after every order so far. */
    public synchronized String nextOrderNumber() {
        return "S-ORD" + (101001 + documents.get(SALES_ORDERS).positions());
    }

    /** A new id for a line of a created document. */
    public synchronized UUID newLineId() {
        return id(LINE_KIND, lineCounter++);
    }

    /**
     * Stores an order a client created (its header complete, its lines numbered): the order and its lines appear
     * together, as BC commits a deep insert in one transaction. The number is drawn here, under the same lock as the
     * store, so two orders created at once never share one.
     *
     * @return the header as stored, with its number
     */
    public synchronized Map<String, Object> addOrder(Map<String, Object> header, List<Map<String, Object>> lineRows) {
        UUID id = (UUID) header.get("id");
        RowSet set = new RowSet("orderLines(" + id + ")");
        for (Map<String, Object> line : lineRows) {
            Map<String, Object> row = new LinkedHashMap<>(line);
            row.put(VERSION, 1);
            set.add(row);
        }
        Map<String, Object> stored = new LinkedHashMap<>(header);
        stored.put("number", nextOrderNumber());
        lines.put(id, set);
        documents.get(SALES_ORDERS).add(stored);
        Object external = stored.get("externalDocumentNumber");
        if (external instanceof String number && !number.isEmpty()) {
            createdByExternalNumber.merge(number, 1, Integer::sum);
        }
        created++;
        return stored;
    }

    /**
     * Takes back an order {@link #addOrder} stored, as a rolled-back transaction does: it is gone and no longer
     * counted. Its number stays used (BC's series would give it out again; the sandbox leaves a gap instead, so a
     * number never names two orders).
     */
    public synchronized void withdrawOrder(UUID id) {
        RowSet orders = documents.get(SALES_ORDERS);
        Optional<Map<String, Object>> header = orders.find(id);
        if (header.isEmpty()) {
            return;
        }
        orders.delete(id);
        lines.remove(id);
        Object external = header.get().get("externalDocumentNumber");
        if (external instanceof String number && !number.isEmpty()) {
            createdByExternalNumber.computeIfPresent(number, (key, count) -> count > 1 ? count - 1 : null);
        }
        created--;
    }

    /** Puts a deleted document back with its lines, as a rolled-back delete leaves it. */
    public synchronized void restoreDocument(String entitySet, Map<String, Object> header, RowSet documentLines) {
        documents.get(entitySet).restore(header);
        if (documentLines != null) {
            lines.put((UUID) header.get(RowSet.ID), documentLines);
        }
    }

    /**
     * Builds the header of an order a client posts, in the page's property order: BC's number, the customer's
     * addresses and terms, the values the client gave over them, and the totals of its lines.
     */
    public synchronized Map<String, Object> orderHeader(
            UUID id,
            Map<String, Object> customer,
            Map<String, Object> given,
            List<Map<String, Object>> lineRows,
            Instant now) {
        LocalDate today = date(now);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("number", nextOrderNumber());
        row.put("externalDocumentNumber", given.getOrDefault("externalDocumentNumber", ""));
        row.put("orderDate", given.getOrDefault("orderDate", today));
        row.put("postingDate", given.getOrDefault("postingDate", today));
        party(row, customer, false);
        row.put("shortcutDimension1Code", "");
        row.put("shortcutDimension2Code", "");
        row.put("currencyId", EMPTY);
        row.put("currencyCode", customer.get("currencyCode"));
        row.put("pricesIncludeTax", false);
        row.put("paymentTermsId", customer.get("paymentTermsId"));
        row.put("shipmentMethodId", EMPTY);
        row.put("salesperson", customer.get("salespersonCode"));
        row.put("partialShipping", true);
        row.put("requestedDeliveryDate", NO_DATE);
        totals(row, lineRows);
        row.put("fullyShipped", false);
        row.put("status", "Draft");
        row.put("lastModifiedDateTime", now);
        row.put("phoneNumber", customer.get("phoneNumber"));
        row.put("email", customer.get("email"));
        given.forEach((field, value) -> {
            if (row.containsKey(field)) {
                row.put(field, value);
            }
        });
        return row;
    }

    /**
     * Builds one line of a posted order, in the page's property order: the item's description, unit and price
     * unless the client gave its own, amounts and tax computed as BC computes them (tax at the company's rate).
     *
     * @param item the line's item, or null for a comment line
     */
    public synchronized Map<String, Object> orderLine(
            UUID documentId, int sequence, Item item, String lineType, Map<String, Object> given, LocalDate date) {
        BigDecimal taxPercent = item == null ? BigDecimal.ZERO : BigDecimal.valueOf(canadian ? 13 : 7);
        BigDecimal quantity = decimal(given.get("quantity"), item == null ? BigDecimal.ZERO : BigDecimal.ONE);
        BigDecimal unitPrice = decimal(given.get("unitPrice"), item == null ? BigDecimal.ZERO : item.unitPrice());
        BigDecimal gross = quantity.multiply(unitPrice);
        BigDecimal discountPercent = decimal(given.get("discountPercent"), BigDecimal.ZERO);
        BigDecimal discount = given.containsKey("discountAmount")
                ? decimal(given.get("discountAmount"), BigDecimal.ZERO)
                : gross.multiply(discountPercent).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        BigDecimal amount = gross.subtract(discount).setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = amount.multiply(taxPercent).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", newLineId());
        row.put("documentId", documentId);
        row.put("sequence", sequence);
        row.put("itemId", item == null ? EMPTY : item.id());
        row.put("accountId", EMPTY);
        row.put("lineType", lineType);
        row.put("lineObjectNumber", item == null ? "" : item.number());
        row.put("description", given.getOrDefault("description", item == null ? "" : item.displayName()));
        row.put("description2", given.getOrDefault("description2", ""));
        row.put("unitOfMeasureId", item == null ? EMPTY : item.baseUnitOfMeasureId());
        row.put(
                "unitOfMeasureCode",
                given.getOrDefault("unitOfMeasureCode", item == null ? "" : item.baseUnitOfMeasureCode()));
        row.put("quantity", quantity);
        row.put("unitPrice", unitPrice);
        row.put("discountAmount", discount);
        row.put("discountPercent", discountPercent);
        row.put("discountAppliedBeforeTax", false);
        row.put("amountExcludingTax", amount);
        row.put("taxCode", item == null ? "" : canadian ? "HST" : "FURNITURE");
        row.put("taxPercent", taxPercent);
        row.put("totalTaxAmount", tax);
        row.put("amountIncludingTax", amount.add(tax));
        row.put("invoiceDiscountAllocation", BigDecimal.ZERO);
        row.put("netAmount", amount);
        row.put("netTaxAmount", tax);
        row.put("netAmountIncludingTax", amount.add(tax));
        row.put("shipmentDate", item == null ? NO_DATE : given.getOrDefault("shipmentDate", date));
        row.put("shippedQuantity", BigDecimal.ZERO);
        row.put("invoicedQuantity", BigDecimal.ZERO);
        row.put("invoiceQuantity", quantity);
        row.put("shipQuantity", quantity);
        row.put("itemVariantId", given.getOrDefault("itemVariantId", EMPTY));
        row.put("locationId", given.getOrDefault("locationId", EMPTY));
        return row;
    }

    private static BigDecimal decimal(Object value, BigDecimal fallback) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return fallback;
    }

    /** Orders clients created through the API. */
    public synchronized long ordersCreated() {
        return created;
    }

    /** Created orders beyond the first with the same external document number: what an idempotent client avoids. */
    public synchronized long duplicateExternalNumbers() {
        return createdByExternalNumber.values().stream().mapToLong(n -> n - 1).sum();
    }

    /** Deletes a document and its lines. */
    public synchronized void deleteDocument(String entitySet, UUID id) {
        documents.get(entitySet).delete(id);
        lines.remove(id);
    }

    /** Creates a sales order with two lines as a user would, modified now; returns its id. */
    public synchronized UUID createOrder(Clock clock) {
        RowSet set = documents.get(SALES_ORDERS);
        int position = (int) set.positions();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return order(position, now);
    }

    private UUID id(int kind, int position) {
        return BcGuids.of(BcGuids.scramble(position, 0x3c6ef372 + companyIndex * 7919 + kind), kind, 0xf011);
    }

    /** A time in the spread before the anchor; about one in 25 repeats the previous one's millisecond. */
    private Instant modified(RowSet set) {
        if (set.positions() > 0 && random.nextInt(25) == 0) {
            return (Instant) set.row(set.positions() - 1).get(RowSet.LAST_MODIFIED);
        }
        long spread = SPREAD_DAYS * 86_400_000L;
        return Instant.ofEpochMilli(anchorMillis - 1 - (long) (random.nextDouble() * spread));
    }

    private synchronized UUID order(int i, Instant modified) {
        UUID id = id(ORDER_KIND, i);
        Map<String, Object> customer = customer(i);
        LocalDate date = date(modified);
        // the random draws in the order they always had, so a seed keeps giving the same documents
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("externalDocumentNumber", random.nextInt(3) == 0 ? "" : "WEB-" + (100001 + i));
        given.put("orderDate", date);
        given.put("postingDate", date);
        given.put("requestedDeliveryDate", random.nextBoolean() ? date.plusDays(7) : NO_DATE);
        List<Map<String, Object>> lineRows = lines(id, "", date, 1 + random.nextInt(4), Kind.ORDER);
        given.put("status", random.nextInt(5) == 0 ? "Draft" : "Open");
        documents.get(SALES_ORDERS).add(orderHeader(id, customer, given, lineRows, modified));
        return id;
    }

    private void invoice(int i, Instant modified) {
        UUID id = id(INVOICE_KIND, i);
        Map<String, Object> customer = customer(i + 7);
        LocalDate date = date(modified);
        boolean draft = i % 4 == 3;
        boolean paid = !draft && i % 4 == 1;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("number", draft ? "S-INV" + (102001 + i) : "PS-INV" + (103001 + i));
        row.put("externalDocumentNumber", random.nextInt(3) == 0 ? "" : "WEB-" + (200001 + i));
        row.put("invoiceDate", date);
        row.put("postingDate", date);
        row.put("dueDate", date.plusDays(30));
        row.put("promisedPayDate", NO_DATE);
        row.put("customerPurchaseOrderReference", "");
        party(row, customer, false);
        row.put("currencyId", EMPTY);
        row.put("shortcutDimension1Code", "");
        row.put("shortcutDimension2Code", "");
        row.put("currencyCode", customer.get("currencyCode"));
        // a posted invoice points at the order it came from (BC deletes that order once it is fully invoiced)
        row.put("orderId", draft ? EMPTY : id(ORDER_KIND, 50_000 + i));
        row.put("orderNumber", draft ? "" : "S-ORD" + (151001 + i));
        row.put("paymentTermsId", customer.get("paymentTermsId"));
        row.put("shipmentMethodId", EMPTY);
        row.put("salesperson", customer.get("salespersonCode"));
        row.put("disputeStatusId", EMPTY);
        row.put("disputeStatus", "");
        row.put("pricesIncludeTax", false);
        List<Map<String, Object>> lineRows = lines(id, "", date, 1 + random.nextInt(4), Kind.INVOICE);
        row.put("remainingAmount", BigDecimal.ZERO);
        totals(row, lineRows);
        if (!paid) {
            row.put("remainingAmount", row.get("totalAmountIncludingTax"));
        }
        row.put("status", draft ? "Draft" : paid ? "Paid" : "Open");
        row.put("lastModifiedDateTime", modified);
        row.put("phoneNumber", customer.get("phoneNumber"));
        row.put("email", customer.get("email"));
        documents.get(SALES_INVOICES).add(row);
    }

    private void shipment(int i, Instant modified) {
        UUID id = id(SHIPMENT_KIND, i);
        Map<String, Object> customer = customer(i + 13);
        LocalDate date = date(modified);
        String number = "S-SHPT" + (102301 + i);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("number", number);
        row.put("externalDocumentNumber", random.nextInt(3) == 0 ? "" : "WEB-" + (300001 + i));
        row.put("invoiceDate", date);
        row.put("postingDate", date);
        row.put("dueDate", date.plusDays(30));
        row.put("customerPurchaseOrderReference", "");
        party(row, customer, true);
        row.put("currencyCode", customer.get("currencyCode"));
        row.put("orderNumber", "S-ORD" + (161001 + i));
        row.put("paymentTermsCode", "30 DAYS");
        row.put("shipmentMethodCode", random.nextBoolean() ? "EXW" : "DHL");
        row.put("salesperson", customer.get("salespersonCode"));
        row.put("pricesIncludeTax", false);
        row.put("lastModifiedDateTime", modified);
        row.put("phoneNumber", customer.get("phoneNumber"));
        row.put("email", customer.get("email"));
        lines(id, number, date, 1 + random.nextInt(4), Kind.SHIPMENT);
        documents.get(SALES_SHIPMENTS).add(row);
    }

    private enum Kind {
        ORDER,
        INVOICE,
        SHIPMENT
    }

    private List<Map<String, Object>> lines(UUID documentId, String documentNo, LocalDate date, int count, Kind kind) {
        RowSet set = new RowSet(kind.name().toLowerCase(java.util.Locale.ROOT) + "Lines(" + documentId + ")");
        List<Map<String, Object>> rows = new ArrayList<>();
        BigDecimal taxPercent = BigDecimal.valueOf(canadian ? 13 : 7);
        for (int l = 0; l < count; l++) {
            Map<String, Object> row = new LinkedHashMap<>();
            Item item = anItem();
            BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(10));
            BigDecimal unitPrice = item == null ? BigDecimal.TEN : item.unitPrice();
            BigDecimal amount = unitPrice.multiply(quantity).setScale(2, RoundingMode.HALF_UP);
            BigDecimal tax = amount.multiply(taxPercent).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
            row.put("id", id(LINE_KIND, lineCounter++));
            row.put("documentId", documentId);
            if (kind == Kind.SHIPMENT) {
                row.put("documentNo", documentNo);
            }
            row.put("sequence", 10000 * (l + 1));
            if (kind != Kind.SHIPMENT) {
                row.put("itemId", item == null ? EMPTY : item.id());
                row.put("accountId", EMPTY);
            }
            row.put("lineType", "Item");
            row.put("lineObjectNumber", item == null ? "" : item.number());
            row.put("description", item == null ? "" : item.displayName());
            row.put("description2", "");
            if (kind != Kind.SHIPMENT) {
                row.put("unitOfMeasureId", item == null ? EMPTY : item.baseUnitOfMeasureId());
            }
            row.put("unitOfMeasureCode", item == null ? "PCS" : item.baseUnitOfMeasureCode());
            if (kind == Kind.SHIPMENT) {
                row.put("unitPrice", unitPrice);
                row.put("quantity", quantity);
                row.put("discountPercent", BigDecimal.ZERO);
                row.put("taxPercent", taxPercent);
                row.put("shipmentDate", date);
            } else {
                row.put("quantity", quantity);
                row.put("unitPrice", unitPrice);
                row.put("discountAmount", BigDecimal.ZERO);
                row.put("discountPercent", BigDecimal.ZERO);
                row.put("discountAppliedBeforeTax", false);
                row.put("amountExcludingTax", amount);
                row.put("taxCode", canadian ? "HST" : "FURNITURE");
                row.put("taxPercent", taxPercent);
                row.put("totalTaxAmount", tax);
                row.put("amountIncludingTax", amount.add(tax));
                row.put("invoiceDiscountAllocation", BigDecimal.ZERO);
                row.put("netAmount", amount);
                row.put("netTaxAmount", tax);
                row.put("netAmountIncludingTax", amount.add(tax));
                row.put("shipmentDate", date);
                if (kind == Kind.ORDER) {
                    row.put("shippedQuantity", BigDecimal.ZERO);
                    row.put("invoicedQuantity", BigDecimal.ZERO);
                    row.put("invoiceQuantity", quantity);
                    row.put("shipQuantity", quantity);
                }
                row.put("itemVariantId", EMPTY);
                row.put("locationId", EMPTY);
            }
            row.put(VERSION, 1);
            set.add(row);
            rows.add(row);
        }
        lines.put(documentId, set);
        return rows;
    }

    /** One of the first thousand items (documents sell the catalogue's head), or none in an empty company. */
    private Item anItem() {
        if (items.itemCount() == 0) {
            return null;
        }
        long position = items.nextItem(random.nextInt((int) Math.min(1000, items.positions())));
        return items.item(position >= 0 ? position : items.nextItem(0));
    }

    /** Sets the document's amounts from its lines, in the fixture's order of the total fields. */
    private static void totals(Map<String, Object> row, List<Map<String, Object>> lineRows) {
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (Map<String, Object> line : lineRows) {
            net = net.add((BigDecimal) line.get("amountExcludingTax"));
            tax = tax.add((BigDecimal) line.get("totalTaxAmount"));
        }
        row.put("discountAmount", BigDecimal.ZERO);
        row.put("discountAppliedBeforeTax", false);
        row.put("totalAmountExcludingTax", net);
        row.put("totalTaxAmount", tax);
        row.put("totalAmountIncludingTax", net.add(tax));
    }

    /** Customer, bill-to and the three addresses, in page order; shipments list bill-to id before its name. */
    private static void party(Map<String, Object> row, Map<String, Object> customer, boolean shipment) {
        row.put("customerId", customer.get("id"));
        row.put("customerNumber", customer.get("number"));
        row.put("customerName", customer.get("displayName"));
        if (shipment) {
            row.put("billToCustomerId", customer.get("id"));
            row.put("billToName", customer.get("displayName"));
        } else {
            row.put("billToName", customer.get("displayName"));
            row.put("billToCustomerId", customer.get("id"));
        }
        row.put("billToCustomerNumber", customer.get("number"));
        row.put("shipToName", customer.get("displayName"));
        row.put("shipToContact", "");
        for (String prefix : List.of("sellTo", "billTo", "shipTo")) {
            row.put(prefix + "AddressLine1", customer.get("addressLine1"));
            row.put(prefix + "AddressLine2", customer.get("addressLine2"));
            row.put(prefix + "City", customer.get("city"));
            row.put(prefix + "Country", customer.get("country"));
            row.put(prefix + "State", customer.get("state"));
            row.put(prefix + "PostCode", customer.get("postalCode"));
        }
    }

    /** The i-th customer (cycling), or a walk-in one when the company has none. */
    private Map<String, Object> customer(int i) {
        long count = customers.positions();
        if (count > 0) {
            long position = customers.next(i % count);
            if (position >= 0) {
                return customers.row(position);
            }
        }
        Map<String, Object> walkIn = new LinkedHashMap<>();
        walkIn.put("id", EMPTY);
        walkIn.put("number", "");
        walkIn.put("displayName", "Walk-in customer");
        for (String field : List.of("addressLine1", "addressLine2", "city", "country", "state", "postalCode")) {
            walkIn.put(field, "");
        }
        walkIn.put("currencyCode", canadian ? "CAD" : "USD");
        walkIn.put("paymentTermsId", EMPTY);
        walkIn.put("salespersonCode", "");
        walkIn.put("phoneNumber", "");
        walkIn.put("email", "");
        return walkIn;
    }

    private static LocalDate date(Instant modified) {
        return LocalDate.ofInstant(modified, ZoneOffset.UTC);
    }
}
