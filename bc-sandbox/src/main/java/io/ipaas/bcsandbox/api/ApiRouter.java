package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.CompanyData;
import io.ipaas.bcsandbox.data.CompanyProfile;
import io.ipaas.bcsandbox.data.CustomPages;
import io.ipaas.bcsandbox.data.Dataset;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.ItemVariant;
import io.ipaas.bcsandbox.data.MasterData;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.data.SalesDocuments;
import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Expansion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves the segments after {@code api/v2.0} to an {@link ApiResource}, with BC's errors for what does
 * not exist. Company scope comes from {@code companies({id})/…} or from {@code ?company=} (facts §1.1).
 */
public final class ApiRouter {
    private final Dataset dataset;

    private final ODataV4Router odataV4;

    private final java.time.Clock clock;

    public ApiRouter(Dataset dataset) {
        this(dataset, java.time.Clock.systemUTC());
    }

    /** @param clock stamps the records a write changes */
    public ApiRouter(Dataset dataset, java.time.Clock clock) {
        this.dataset = dataset;
        this.clock = clock;
        this.odataV4 = new ODataV4Router(dataset);
    }

    /**
     * A POST, PATCH or DELETE on the standard API. Customers, contacts and sales orders take them as BC does; any
     * other resource answers BC's 405 for a method the endpoint does not allow.
     *
     * @param ifMatch the request's {@code If-Match}, or null
     * @param transaction where the write leaves its undo and its change notice; the caller commits or rolls back
     * @return the status and the record to send back (none after a delete)
     */
    public WriteResult write(
            String method,
            List<String> segments,
            Optional<String> companyParam,
            byte[] body,
            String ifMatch,
            Transaction transaction) {
        ApiResource resource = resolve(segments, companyParam);
        String set = resource.segment();
        if (set.equals(SalesDocuments.SALES_ORDERS)) {
            return writeOrder(method, resource, segments, companyParam, body, ifMatch, transaction);
        }
        if (!set.equals("customers") && !set.equals("contacts")) {
            throw BcErrors.methodNotAllowed(method, set);
        }
        EntityType<Map<String, Object>> type = MasterDataModel.BY_SET.get(set);
        UUID companyId = companyOf(segments, companyParam);
        RowSet rows = dataset.rows(companyId, set);
        RowWrites.Result result;
        Runnable undo;
        if (resource instanceof ApiResource.Collection<?> && method.equals("POST")) {
            result = RowWrites.create(dataset.masterData(companyId), set, type, body, clock);
            UUID created = idOf(result, resource);
            // the position stays used: a rolled-back create leaves a gap, so no id or number is given out twice
            undo = () -> rows.delete(created);
        } else if (resource instanceof ApiResource.Entity<?> && !method.equals("POST")) {
            Map<String, Object> before = rows.find(idOf(resource)).orElseThrow();
            result = switch (method) {
                case "PATCH" -> RowWrites.update(rows, type, idOf(resource), ifMatch, body, clock);
                case "DELETE" -> RowWrites.delete(rows, type, idOf(resource), ifMatch);
                default -> throw BcErrors.methodNotAllowed(method, set);
            };
            undo = () -> rows.restore(before);
        } else {
            throw BcErrors.methodNotAllowed(method, set);
        }
        transaction.written(undo, change(companyId, set, method, resource, result));
        return new WriteResult(result.status(), type, result.row(), resource);
    }

    private static UUID idOf(ApiResource resource) {
        return (UUID) ((Map<?, ?>) ((ApiResource.Entity<?>) resource).record()).get("id");
    }

    private static UUID idOf(RowWrites.Result result, ApiResource resource) {
        return result.row().map(row -> (UUID) row.get("id")).orElseGet(() -> idOf(resource));
    }

    /** What the change feed is told once the write is kept. */
    private Runnable change(UUID companyId, String set, String method, ApiResource resource, RowWrites.Result result) {
        UUID id = idOf(result, resource);
        String changeType = method.equals("POST") ? "created" : method.equals("DELETE") ? "deleted" : "updated";
        java.time.Instant at = result.row()
                .map(row -> (java.time.Instant) row.get("lastModifiedDateTime"))
                .orElseGet(clock::instant);
        return () -> dataset.changes().publish(companyId, set, id, changeType, at);
    }

    private WriteResult writeOrder(
            String method,
            ApiResource resource,
            List<String> segments,
            Optional<String> companyParam,
            byte[] body,
            String ifMatch,
            Transaction transaction) {
        UUID companyId = companyOf(segments, companyParam);
        SalesDocuments documents = dataset.salesDocuments(companyId);
        RowSet orders = dataset.rows(companyId, SalesDocuments.SALES_ORDERS);
        RowWrites.Result result;
        Runnable undo;
        if (resource instanceof ApiResource.Collection<?> && method.equals("POST")) {
            result = SalesOrderWrites.create(
                    documents, dataset.company(companyId), dataset.rows(companyId, MasterData.CUSTOMERS), body, clock);
            UUID created = idOf(result, resource);
            undo = () -> documents.withdrawOrder(created);
        } else if (resource instanceof ApiResource.Entity<?> && !method.equals("POST")) {
            UUID id = idOf(resource);
            Map<String, Object> before = orders.find(id).orElseThrow();
            RowSet lines = documents.lines(id).orElse(null);
            result = switch (method) {
                case "PATCH" -> SalesOrderWrites.update(documents, orders, id, ifMatch, body, clock);
                case "DELETE" -> SalesOrderWrites.delete(documents, orders, id, ifMatch);
                default -> throw BcErrors.methodNotAllowed(method, SalesDocuments.SALES_ORDERS);
            };
            undo = () -> documents.restoreDocument(SalesDocuments.SALES_ORDERS, before, lines);
        } else {
            throw BcErrors.methodNotAllowed(method, SalesDocuments.SALES_ORDERS);
        }
        transaction.written(undo, change(companyId, SalesDocuments.SALES_ORDERS, method, resource, result));
        return new WriteResult(result.status(), SalesModel.SALES_ORDER, result.row(), resource);
    }

    /** A write's answer: status, the record's type, and the record as it now is (empty after a delete). */
    public record WriteResult(
            int status,
            EntityType<Map<String, Object>> type,
            Optional<Map<String, Object>> row,
            ApiResource resource) {}

    private UUID companyOf(List<String> segments, Optional<String> companyParam) {
        Segment first = Segment.parse(segments.get(0));
        if (first.name().equals("companies") && first.hasKey()) {
            return first.guidKey();
        }
        return companyByParameter(companyParam.orElseThrow(BcErrors::defaultCompanyNotFound))
                .company()
                .id();
    }

    /** Whether a custom API route {@code publisher/group/version} is published here. */
    public boolean servesRoute(String route) {
        return route.equals(CustomPages.ROUTE);
    }

    /**
     * Resolves the segments after a custom API route {@code api/{publisher}/{group}/{version}} (facts §1.3): the
     * sandbox publishes {@link CustomPages#ROUTE}; any other route is BC's 404 for a route no extension provides.
     */
    public ApiResource resolveCustom(String route, List<String> segments, Optional<String> companyParam) {
        if (!servesRoute(route)) {
            throw BcErrors.resourceNotFound(route);
        }
        if (segments.isEmpty()) {
            return new ApiResource.ServiceDocument(List.copyOf(CustomRouteModel.SETS.keySet()));
        }
        Segment first = Segment.parse(segments.get(0));
        if (first.name().equals("$metadata") && !first.hasKey() && segments.size() == 1) {
            return new ApiResource.Metadata(CustomRouteModel.metadata());
        }
        CompanyData data;
        List<String> rest;
        String prefix;
        if (first.name().equals("companies") && first.hasKey()) {
            UUID companyId = first.guidKey();
            data = dataset.find(companyId).orElseThrow(() -> BcErrors.companyNotFound(first.key()));
            if (segments.size() == 1) {
                throw BcErrors.notEmulated("Reading a company through a custom API route");
            }
            rest = segments.subList(1, segments.size());
            prefix = "companies(" + first.key() + ")/";
        } else {
            data = companyByParameter(companyParam.orElseThrow(BcErrors::defaultCompanyNotFound));
            rest = segments;
            prefix = "";
        }
        Segment set = Segment.parse(rest.get(0));
        EntityType<Map<String, Object>> type = CustomRouteModel.SETS.get(set.name());
        if (type == null) {
            throw BcErrors.resourceNotFound(set.name());
        }
        RowSet rows = dataset.customPages(data.company().id()).set(set.name()).orElseThrow();
        if (!set.hasKey()) {
            requireLast(rest, 0, set);
            return new ApiResource.Collection<>(
                    set.name(), new RowTable(rows, type, data.company().id()), prefix + set.name(), Map.of(), Map.of());
        }
        UUID id = set.guidKey();
        Map<String, Object> row = rows.find(id).orElseThrow(() -> BcErrors.recordNotFound(type.name(), id));
        requireNothingAfter(rest, 0, type);
        return new ApiResource.Entity<>(set.name(), type, row, prefix + set.name(), Map.of(), Map.of());
    }

    /** Resolves the segments after {@code ODataV4}: the published UI pages (facts §1.2). */
    public ApiResource resolveODataV4(List<String> segments, Optional<String> companyParam) {
        return odataV4.resolve(segments, companyParam);
    }

    /**
     * @param segments     the decoded path segments after {@code api/v2.0} (no empty ones)
     * @param companyParam the {@code company} query parameter, if sent
     */
    public ApiResource resolve(List<String> segments, Optional<String> companyParam) {
        if (segments.isEmpty()) {
            return new ApiResource.ServiceDocument(List.copyOf(ApiModel.ENTITY_SETS.keySet()));
        }
        Segment first = Segment.parse(segments.get(0));
        if (first.name().equals("$metadata") && !first.hasKey() && segments.size() == 1) {
            return new ApiResource.Metadata(ApiModel.metadata());
        }
        switch (first.name()) {
            case "companies" -> {
                if (!first.hasKey()) {
                    requireLast(segments, 0, first);
                    return new ApiResource.Collection<>(
                            "companies", new CompanyTable(dataset.profiles()), "companies", Map.of(), Map.of());
                }
                UUID companyId = first.guidKey();
                Optional<CompanyData> company = dataset.find(companyId);
                if (segments.size() == 1) {
                    CompanyProfile profile = company.map(CompanyData::profile)
                            .orElseThrow(() -> BcErrors.recordNotFound("Company", companyId));
                    return new ApiResource.Entity<>(
                            "companies", ApiModel.COMPANY, profile, "companies", Map.of(), Map.of());
                }
                CompanyData data = company.orElseThrow(() -> BcErrors.companyNotFound(first.key()));
                return companyScoped(data, segments.subList(1, segments.size()), "companies(" + first.key() + ")/");
            }
            case "items",
                    "itemVariants",
                    "customers",
                    "contacts",
                    "paymentTerms",
                    "currencies",
                    "unitsOfMeasure",
                    "itemCategories",
                    "locations",
                    "shipmentMethods",
                    "salesOrders",
                    "salesInvoices",
                    "salesShipments",
                    "salesOrderLines",
                    "salesInvoiceLines",
                    "salesShipmentLines" -> {
                String company = companyParam.orElseThrow(BcErrors::defaultCompanyNotFound);
                return companyScoped(companyByParameter(company), segments, "");
            }
            default -> throw BcErrors.resourceNotFound(first.name());
        }
    }

    private ApiResource companyScoped(CompanyData data, List<String> segments, String prefix) {
        Segment set = Segment.parse(segments.get(0));
        return switch (set.name()) {
            case "items" -> items(data, segments, prefix, set);
            case "itemVariants" -> companyVariants(data, segments, prefix, set);
            case "salesOrders", "salesInvoices", "salesShipments" -> documents(data, segments, prefix, set);
            case "salesOrderLines", "salesInvoiceLines", "salesShipmentLines" ->
                // BC's line pages read a temporary table filled for one document: without one they refuse
                throw new BcException(
                        400,
                        "Application_DialogException",
                        "You must specify an Id or a Document Id to get the lines.");
            default -> {
                if (!MasterDataModel.BY_SET.containsKey(set.name())) {
                    throw unknownSegment(ApiModel.COMPANY, set.name());
                }
                yield rows(data, segments, prefix, set);
            }
        };
    }

    /** Sales orders, invoices and shipments: the collection, one document, or one document's lines. */
    private ApiResource documents(CompanyData data, List<String> segments, String prefix, Segment set) {
        EntityType<Map<String, Object>> type = SalesModel.DOCUMENTS.get(set.name());
        SalesDocuments sales = dataset.salesDocuments(data.company().id());
        RowSet rows = sales.set(set.name()).orElseThrow();
        String linesSet = SalesModel.linesOf(set.name());
        EntityType<Map<String, Object>> lineType = SalesModel.LINES.get(linesSet);
        Map<String, EntityType<?>> expandable = new java.util.HashMap<>(Map.of(linesSet, lineType));
        Map<String, Expansion<Map<String, Object>>> expansions =
                new java.util.HashMap<>(Map.of(linesSet, new LinesExpansion(sales, lineType)));
        reference(data, "customer", "customerId", expandable, expansions);
        if (!set.name().equals("salesShipments")) {
            // shipments carry codes, not ids: BC generates no links for them
            reference(data, "currency", "currencyId", expandable, expansions);
            reference(data, "paymentTerm", "paymentTermsId", expandable, expansions);
            reference(data, "shipmentMethod", "shipmentMethodId", expandable, expansions);
        }
        UUID companyId = data.company().id();
        if (!set.hasKey()) {
            requireLast(segments, 0, set);
            return new ApiResource.Collection<>(
                    set.name(), new RowTable(rows, type, companyId), prefix + set.name(), expandable, expansions);
        }
        UUID id = set.guidKey();
        Map<String, Object> document = rows.find(id).orElseThrow(() -> BcErrors.recordNotFound(recordName(type), id));
        String documentPath = prefix + set.name();
        if (segments.size() == 1) {
            return new ApiResource.Entity<>(set.name(), type, document, documentPath, expandable, expansions);
        }
        Segment nested = Segment.parse(segments.get(1));
        if (!nested.name().equals(linesSet)) {
            throw unknownSegment(type, nested.name());
        }
        RowSet lines = LinesExpansion.lines(sales, id);
        String linesPath = prefix + set.name() + "(" + set.key() + ")/" + linesSet;
        if (!nested.hasKey()) {
            requireLast(segments, 1, nested);
            return new ApiResource.Collection<>(
                    linesSet, new RowTable(lines, lineType, companyId), linesPath, Map.of(), Map.of());
        }
        UUID lineId = nested.guidKey();
        Map<String, Object> line =
                lines.find(lineId).orElseThrow(() -> BcErrors.recordNotFound(recordName(lineType), lineId));
        requireNothingAfter(segments, 1, lineType);
        return new ApiResource.Entity<>(linesSet, lineType, line, linesPath, Map.of(), Map.of());
    }

    private ApiResource items(CompanyData data, List<String> segments, String prefix, Segment set) {
        UUID companyId = data.company().id();
        Map<String, EntityType<?>> expandable = Map.of(
                "itemVariants", ApiModel.ITEM_VARIANT,
                "itemCategory", MasterDataModel.ITEM_CATEGORY,
                "unitOfMeasure", MasterDataModel.UNIT_OF_MEASURE);
        Map<String, Expansion<Item>> expansions = Map.of(
                "itemVariants",
                new ItemVariantsExpansion(data),
                "itemCategory",
                new ReferenceExpansion<>(
                        Item::itemCategoryId, dataset.rows(companyId, "itemCategories"), MasterDataModel.ITEM_CATEGORY),
                "unitOfMeasure",
                new ReferenceExpansion<>(
                        Item::baseUnitOfMeasureId,
                        dataset.rows(companyId, "unitsOfMeasure"),
                        MasterDataModel.UNIT_OF_MEASURE));
        if (!set.hasKey()) {
            requireLast(segments, 0, set);
            return new ApiResource.Collection<>("items", new ItemTable(data), prefix + "items", expandable, expansions);
        }
        UUID itemId = set.guidKey();
        long index = data.itemIndex(itemId).orElseThrow(() -> BcErrors.recordNotFound("Item", itemId));
        if (segments.size() == 1) {
            return new ApiResource.Entity<>(
                    "items", ApiModel.ITEM, data.item(index), prefix + "items", expandable, expansions);
        }
        Segment nested = Segment.parse(segments.get(1));
        if (!nested.name().equals("itemVariants")) {
            throw unknownSegment(ApiModel.ITEM, nested.name());
        }
        String contextPath = prefix + "items(" + set.key() + ")/itemVariants";
        if (!nested.hasKey()) {
            requireLast(segments, 1, nested);
            return new ApiResource.Collection<>(
                    "itemVariants", ItemVariantTable.ofItem(data, index), contextPath, Map.of(), Map.of());
        }
        UUID variantId = nested.guidKey();
        long position = data.variantPosition(variantId).stream()
                .filter(p -> data.itemIndexOfVariantPosition(p) == index)
                .findFirst()
                .orElseThrow(() -> BcErrors.recordNotFound("Item Variant", variantId));
        requireNothingAfter(segments, 1, ApiModel.ITEM_VARIANT);
        return new ApiResource.Entity<>(
                "itemVariants", ApiModel.ITEM_VARIANT, data.variant(position), contextPath, Map.of(), Map.of());
    }

    /** A row-backed set (customers, contacts, reference data): the collection or one record by id. */
    private ApiResource rows(CompanyData data, List<String> segments, String prefix, Segment set) {
        EntityType<Map<String, Object>> type = MasterDataModel.BY_SET.get(set.name());
        RowSet rows = dataset.rows(data.company().id(), set.name());
        Map<String, EntityType<?>> expandable = new java.util.HashMap<>();
        Map<String, Expansion<Map<String, Object>>> expansions = new java.util.HashMap<>();
        if (set.name().equals("customers")) {
            reference(data, "currency", "currencyId", expandable, expansions);
            reference(data, "paymentTerm", "paymentTermsId", expandable, expansions);
            reference(data, "shipmentMethod", "shipmentMethodId", expandable, expansions);
        }
        if (!set.hasKey()) {
            requireLast(segments, 0, set);
            return new ApiResource.Collection<>(
                    set.name(),
                    new RowTable(rows, type, data.company().id()),
                    prefix + set.name(),
                    expandable,
                    expansions);
        }
        UUID id = set.guidKey();
        Map<String, Object> row = rows.find(id).orElseThrow(() -> BcErrors.recordNotFound(recordName(type), id));
        requireNothingAfter(segments, 0, type);
        return new ApiResource.Entity<>(set.name(), type, row, prefix + set.name(), expandable, expansions);
    }

    /** The single-valued navigation BC generates from a row's {@code …Id} field to a reference set. */
    private static final Map<String, String> REFERENCE_SETS = Map.of(
            "currency", "currencies",
            "paymentTerm", "paymentTerms",
            "shipmentMethod", "shipmentMethods",
            "customer", "customers");

    private void reference(
            CompanyData data,
            String navigation,
            String idField,
            Map<String, EntityType<?>> expandable,
            Map<String, Expansion<Map<String, Object>>> expansions) {
        String targetSet = REFERENCE_SETS.get(navigation);
        EntityType<Map<String, Object>> targetType = MasterDataModel.BY_SET.get(targetSet);
        expandable.put(navigation, targetType);
        expansions.put(
                navigation,
                new ReferenceExpansion<>(
                        row -> row.get(idField), dataset.rows(data.company().id(), targetSet), targetType));
    }

    /** BC's table caption in "The Customer does not exist" messages. */
    private static String recordName(EntityType<?> type) {
        return switch (type.name()) {
            case "customer" -> "Customer";
            case "contact" -> "Contact";
            case "paymentTerm" -> "Payment Terms";
            case "currency" -> "Currency";
            case "unitOfMeasure" -> "Unit of Measure";
            case "itemCategory" -> "Item Category";
            case "location" -> "Location";
            case "shipmentMethod" -> "Shipment Method";
            case "salesOrder" -> "Sales Order Entity Buffer";
            case "salesInvoice" -> "Sales Invoice Entity Aggregate";
            case "salesShipment" -> "Sales Shipment Header";
            case "salesOrderLine", "salesInvoiceLine" -> "Sales Invoice Line Aggregate";
            case "salesShipmentLine" -> "Sales Shipment Line";
            default -> type.name();
        };
    }

    private ApiResource companyVariants(CompanyData data, List<String> segments, String prefix, Segment set) {
        if (!set.hasKey()) {
            requireLast(segments, 0, set);
            return new ApiResource.Collection<>(
                    "itemVariants", ItemVariantTable.ofCompany(data), prefix + "itemVariants", Map.of(), Map.of());
        }
        UUID variantId = set.guidKey();
        long position =
                data.variantPosition(variantId).orElseThrow(() -> BcErrors.recordNotFound("Item Variant", variantId));
        requireNothingAfter(segments, 0, ApiModel.ITEM_VARIANT);
        ItemVariant variant = data.variant(position);
        return new ApiResource.Entity<>(
                "itemVariants", ApiModel.ITEM_VARIANT, variant, prefix + "itemVariants", Map.of(), Map.of());
    }

    /** {@code ?company=} takes the company id or its name (optionally quoted, as ODataV4 URLs use it). */
    private CompanyData companyByParameter(String value) {
        String text = value.trim();
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            text = text.substring(1, text.length() - 1).replace("''", "'");
        }
        try {
            Optional<CompanyData> byId = dataset.find(UUID.fromString(text));
            if (byId.isPresent()) {
                return byId.get();
            }
        } catch (IllegalArgumentException e) {
            // not a GUID: look it up by name below
        }
        String name = text;
        return dataset.profiles().stream()
                .filter(p -> p.company().name().equals(name))
                .findFirst()
                .map(p -> dataset.company(p.id()))
                .orElseThrow(() -> BcErrors.companyNotFound(value));
    }

    private static void requireLast(List<String> segments, int index, Segment collection) {
        if (segments.size() > index + 1) {
            throw BcErrors.collectionNotLast(collection.name());
        }
    }

    private static void requireNothingAfter(List<String> segments, int index, EntityType<?> type) {
        if (segments.size() > index + 1) {
            throw unknownSegment(type, Segment.parse(segments.get(index + 1)).name());
        }
    }

    /** BC's 404 for an unknown segment; for one BC has but the sandbox does not serve, the text says so. */
    private static BcException unknownSegment(EntityType<?> type, String name) {
        BcException notFound = BcErrors.resourceNotFound(name);
        if (type.isNavigationProperty(name)) {
            return new BcException(
                    notFound.status(),
                    notFound.code(),
                    notFound.getMessage() + " bc-sandbox does not emulate '" + name + "' yet.");
        }
        return notFound;
    }
}
