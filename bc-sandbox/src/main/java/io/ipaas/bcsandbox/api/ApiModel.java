package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.CompanyProfile;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.ItemVariant;
import io.ipaas.bcsandbox.odata.EdmType;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.MetadataDocument;
import io.ipaas.bcsandbox.odata.Property;
import io.ipaas.bcsandbox.odata.WeakETag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API v2.0 entity types the sandbox serves, with BC's property names and order (facts §2.1–2.3,
 * fixtures companies.json / items_page1.json / item_with_variants.json).
 */
public final class ApiModel {
    /** companies: no {@code @odata.etag}, as in Microsoft's example and the fixture. */
    public static final EntityType<CompanyProfile> COMPANY = new EntityType<>(
            "company",
            List.of(
                    Property.of("id", EdmType.GUID, CompanyProfile::id),
                    Property.of("systemVersion", EdmType.STRING, CompanyProfile::systemVersion),
                    Property.of("timestamp", EdmType.INT64, CompanyProfile::timestamp),
                    Property.of("name", EdmType.STRING, c -> c.company().name()),
                    Property.of("displayName", EdmType.STRING, c -> c.company().displayName()),
                    Property.of("businessProfileId", EdmType.STRING, CompanyProfile::businessProfileId),
                    Property.of("systemCreatedAt", EdmType.DATETIMEOFFSET, CompanyProfile::systemCreatedAt),
                    Property.of("systemCreatedBy", EdmType.GUID, CompanyProfile::systemCreatedBy),
                    Property.of("systemModifiedAt", EdmType.DATETIMEOFFSET, CompanyProfile::systemModifiedAt),
                    Property.of("systemModifiedBy", EdmType.GUID, CompanyProfile::systemModifiedBy)),
            Set.of(
                    "items",
                    "itemVariants",
                    "customers",
                    "contacts",
                    "salesOrders",
                    "salesInvoices",
                    "salesShipments",
                    "itemCategories",
                    "locations",
                    "shipmentMethods",
                    "unitsOfMeasure",
                    "currencies",
                    "paymentTerms"),
            null);

    public static final EntityType<Item> ITEM = new EntityType<>(
            "item",
            List.of(
                    Property.of("id", EdmType.GUID, Item::id),
                    Property.of("number", EdmType.STRING, Item::number),
                    Property.of("displayName", EdmType.STRING, Item::displayName),
                    Property.of("displayName2", EdmType.STRING, Item::displayName2),
                    new Property<>("type", EdmType.ENUM, "itemType", Item::type),
                    Property.of("itemCategoryId", EdmType.GUID, Item::itemCategoryId),
                    Property.of("itemCategoryCode", EdmType.STRING, Item::itemCategoryCode),
                    Property.of("blocked", EdmType.BOOLEAN, Item::blocked),
                    Property.of("gtin", EdmType.STRING, Item::gtin),
                    Property.of("inventory", EdmType.DECIMAL, Item::inventory),
                    Property.of("unitPrice", EdmType.DECIMAL, Item::unitPrice),
                    Property.of("priceIncludesTax", EdmType.BOOLEAN, Item::priceIncludesTax),
                    Property.of("unitCost", EdmType.DECIMAL, Item::unitCost),
                    Property.of("taxGroupId", EdmType.GUID, Item::taxGroupId),
                    Property.of("taxGroupCode", EdmType.STRING, Item::taxGroupCode),
                    Property.of("baseUnitOfMeasureId", EdmType.GUID, Item::baseUnitOfMeasureId),
                    Property.of("baseUnitOfMeasureCode", EdmType.STRING, Item::baseUnitOfMeasureCode),
                    Property.of("generalProductPostingGroupId", EdmType.GUID, Item::generalProductPostingGroupId),
                    Property.of("generalProductPostingGroupCode", EdmType.STRING, Item::generalProductPostingGroupCode),
                    Property.of("inventoryPostingGroupId", EdmType.GUID, Item::inventoryPostingGroupId),
                    Property.of("inventoryPostingGroupCode", EdmType.STRING, Item::inventoryPostingGroupCode),
                    Property.of("lastModifiedDateTime", EdmType.DATETIMEOFFSET, Item::lastModifiedDateTime)),
            Set.of(
                    "itemCategory",
                    "inventoryPostingGroup",
                    "generalProductPostingGroup",
                    "unitOfMeasure",
                    "picture",
                    "defaultDimensions",
                    "itemVariants",
                    "documentAttachments"),
            item -> WeakETag.of(
                    "item|" + item.id() + "|" + item.lastModifiedDateTime().toEpochMilli()));

    public static final EntityType<ItemVariant> ITEM_VARIANT = new EntityType<>(
            "itemVariant",
            List.of(
                    Property.of("id", EdmType.GUID, ItemVariant::id),
                    Property.of("itemId", EdmType.GUID, ItemVariant::itemId),
                    Property.of("itemNumber", EdmType.STRING, ItemVariant::itemNumber),
                    Property.of("code", EdmType.STRING, ItemVariant::code),
                    Property.of("description", EdmType.STRING, ItemVariant::description),
                    Property.of("lastModifiedDateTime", EdmType.DATETIMEOFFSET, ItemVariant::lastModifiedDateTime)),
            Set.of("item", "picture"),
            variant -> WeakETag.of("itemVariant|" + variant.id() + "|"
                    + variant.lastModifiedDateTime().toEpochMilli()));

    /** The entity sets in service-document order, with their entity types. */
    public static final Map<String, String> ENTITY_SETS = entitySets();

    private static final String METADATA = MetadataDocument.render(
            List.of(
                    new MetadataDocument.TypeEntry(COMPANY, companyNavigations()),
                    new MetadataDocument.TypeEntry(
                            ITEM,
                            List.of(
                                    new MetadataDocument.Navigation("itemVariants", "itemVariant"),
                                    new MetadataDocument.Navigation("itemCategory", "itemCategory", false),
                                    new MetadataDocument.Navigation("unitOfMeasure", "unitOfMeasure", false))),
                    new MetadataDocument.TypeEntry(ITEM_VARIANT, List.of()),
                    new MetadataDocument.TypeEntry(
                            MasterDataModel.CUSTOMER,
                            List.of(
                                    new MetadataDocument.Navigation("currency", "currency", false),
                                    new MetadataDocument.Navigation("paymentTerm", "paymentTerm", false),
                                    new MetadataDocument.Navigation("shipmentMethod", "shipmentMethod", false))),
                    new MetadataDocument.TypeEntry(MasterDataModel.CONTACT, List.of()),
                    new MetadataDocument.TypeEntry(MasterDataModel.PAYMENT_TERM, List.of()),
                    new MetadataDocument.TypeEntry(MasterDataModel.CURRENCY, List.of()),
                    new MetadataDocument.TypeEntry(MasterDataModel.UNIT_OF_MEASURE, List.of()),
                    new MetadataDocument.TypeEntry(MasterDataModel.ITEM_CATEGORY, List.of()),
                    new MetadataDocument.TypeEntry(MasterDataModel.LOCATION, List.of()),
                    new MetadataDocument.TypeEntry(MasterDataModel.SHIPMENT_METHOD, List.of()),
                    document(SalesModel.SALES_ORDER, "salesOrderLines"),
                    new MetadataDocument.TypeEntry(SalesModel.SALES_ORDER_LINE, List.of()),
                    document(SalesModel.SALES_INVOICE, "salesInvoiceLines"),
                    new MetadataDocument.TypeEntry(SalesModel.SALES_INVOICE_LINE, List.of()),
                    document(SalesModel.SALES_SHIPMENT, "salesShipmentLines"),
                    new MetadataDocument.TypeEntry(SalesModel.SALES_SHIPMENT_LINE, List.of())),
            enums(),
            ENTITY_SETS);

    private ApiModel() {}

    /** The CSDL document served at {@code $metadata}. */
    public static String metadata() {
        return METADATA;
    }

    private static MetadataDocument.TypeEntry document(io.ipaas.bcsandbox.odata.EntityType<?> type, String linesSet) {
        return new MetadataDocument.TypeEntry(
                type,
                List.of(new MetadataDocument.Navigation(
                        linesSet, SalesModel.LINES.get(linesSet).name())));
    }

    private static List<MetadataDocument.Navigation> companyNavigations() {
        List<MetadataDocument.Navigation> navigations = new java.util.ArrayList<>();
        navigations.add(new MetadataDocument.Navigation("items", "item"));
        navigations.add(new MetadataDocument.Navigation("itemVariants", "itemVariant"));
        MasterDataModel.BY_SET.forEach(
                (set, type) -> navigations.add(new MetadataDocument.Navigation(set, type.name())));
        SalesModel.DOCUMENTS.forEach((set, type) -> navigations.add(new MetadataDocument.Navigation(set, type.name())));
        SalesModel.LINES.forEach((set, type) -> navigations.add(new MetadataDocument.Navigation(set, type.name())));
        return navigations;
    }

    private static Map<String, List<String>> enums() {
        Map<String, List<String>> enums = new LinkedHashMap<>();
        enums.put("itemType", List.of("Inventory", "Service", "Non_x002D_Inventory"));
        enums.putAll(MasterDataModel.ENUMS);
        enums.putAll(SalesModel.ENUMS);
        return enums;
    }

    private static Map<String, String> entitySets() {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("companies", "company");
        sets.put("items", "item");
        sets.put("itemVariants", "itemVariant");
        MasterDataModel.BY_SET.forEach((set, type) -> sets.put(set, type.name()));
        SalesModel.DOCUMENTS.forEach((set, type) -> sets.put(set, type.name()));
        SalesModel.LINES.forEach((set, type) -> sets.put(set, type.name()));
        return java.util.Collections.unmodifiableMap(sets);
    }
}
