package io.ipaas.mappings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's record types and their fields: what inbound collections may produce. Kept deliberately
 * small; a field the model lacks can still be written under {@code custom.*}.
 */
public final class CanonicalModel {

    /** The type of a canonical field. */
    public enum FieldType {
        STRING,
        NUMBER,
        BOOLEAN,
        DATE,
        DATETIME,
        OBJECT,
        ARRAY
    }

    /**
     * One field of a canonical type.
     *
     * @param type value type
     * @param elementType for arrays of records, the canonical type of each element
     */
    public record Field(FieldType type, Optional<String> elementType) {}

    private static final Map<String, Map<String, Field>> TYPES = build();

    private CanonicalModel() {}

    /** Names of all canonical types. */
    public static List<String> types() {
        return List.copyOf(TYPES.keySet());
    }

    /** Fields of a type, in declaration order; empty when the type is unknown. */
    public static Map<String, Field> fields(String type) {
        return TYPES.getOrDefault(type, Map.of());
    }

    /**
     * Problems of an inbound collection against the model: unknown target type, or target fields the type
     * does not declare (a field under {@code custom.} is always allowed).
     */
    public static List<String> check(MappingCollection collection) {
        List<String> problems = new ArrayList<>();
        if (collection.direction() != MappingDirection.INBOUND) {
            return problems;
        }
        if (!TYPES.containsKey(collection.target())) {
            problems.add("collection '" + collection.name() + "': unknown target type '" + collection.target()
                    + "'; known types: " + String.join(", ", TYPES.keySet()));
            return problems;
        }
        check(collection.name(), collection.target(), collection.fields(), "", problems);
        return problems;
    }

    private static void check(
            String collection, String type, List<FieldMapping> fields, String prefix, List<String> problems) {
        Map<String, Field> declared = TYPES.get(type);
        for (FieldMapping mapping : fields) {
            String head = mapping.target().head();
            if (head.equals("custom")) {
                continue;
            }
            Field field = declared.get(head);
            if (field == null) {
                problems.add(
                        "collection '" + collection + "': field '" + prefix + mapping.target() + "' is not a field of "
                                + type + " (fields: " + String.join(", ", declared.keySet()) + "); use custom." + head
                                + " for extra data");
            } else if (mapping instanceof FieldMapping.Children children
                    && field.elementType().isPresent()) {
                check(
                        collection,
                        field.elementType().get(),
                        children.fields(),
                        prefix + mapping.target() + "[].",
                        problems);
            }
        }
    }

    private static Map<String, Map<String, Field>> build() {
        Map<String, Map<String, Field>> types = new LinkedHashMap<>();
        types.put(
                "product",
                fields(
                        "sku STRING",
                        "name STRING",
                        "description STRING",
                        "type STRING",
                        "price NUMBER",
                        "cost NUMBER",
                        "currency STRING",
                        "gtin STRING",
                        "barcode STRING",
                        "unit STRING",
                        "category STRING",
                        "blocked BOOLEAN",
                        "inventory NUMBER",
                        "taxGroup STRING",
                        "modifiedAt DATETIME",
                        "variants ARRAY:productVariant",
                        "prices ARRAY:priceRule"));
        types.put(
                "productVariant",
                fields("sku STRING", "code STRING", "description STRING", "parentSku STRING", "modifiedAt DATETIME"));
        types.put(
                "priceRule",
                fields(
                        "sku STRING",
                        "variantCode STRING",
                        "salesType STRING",
                        "salesCode STRING",
                        "customerGroup STRING",
                        "customerNumber STRING",
                        "currency STRING",
                        "unit STRING",
                        "minimumQuantity NUMBER",
                        "price NUMBER",
                        "discountPercent NUMBER",
                        "startsOn DATE",
                        "endsOn DATE",
                        "priceIncludesTax BOOLEAN"));
        types.put(
                "customer",
                fields(
                        "id STRING",
                        "number STRING",
                        "name STRING",
                        "type STRING",
                        "email STRING",
                        "phone STRING",
                        "website STRING",
                        "address OBJECT",
                        "currency STRING",
                        "priceGroup STRING",
                        "creditLimit NUMBER",
                        "taxLiable BOOLEAN",
                        "taxRegistrationNumber STRING",
                        "blocked STRING",
                        "parentNumber STRING",
                        "modifiedAt DATETIME"));
        types.put(
                "contact",
                fields(
                        "id STRING",
                        "number STRING",
                        "type STRING",
                        "name STRING",
                        "jobTitle STRING",
                        "companyNumber STRING",
                        "companyName STRING",
                        "email STRING",
                        "phone STRING",
                        "mobilePhone STRING",
                        "address OBJECT",
                        "modifiedAt DATETIME"));
        types.put(
                "paymentTerm",
                fields(
                        "code STRING",
                        "name STRING",
                        "dueDateFormula STRING",
                        "discountDateFormula STRING",
                        "discountPercent NUMBER",
                        "discountOnCreditMemos BOOLEAN",
                        "modifiedAt DATETIME"));
        types.put(
                "currency",
                fields(
                        "code STRING",
                        "name STRING",
                        "symbol STRING",
                        "decimalPlaces STRING",
                        "roundingPrecision NUMBER",
                        "modifiedAt DATETIME"));
        types.put(
                "unitOfMeasure",
                fields("code STRING", "name STRING", "isoCode STRING", "symbol STRING", "modifiedAt DATETIME"));
        types.put("category", fields("code STRING", "name STRING", "modifiedAt DATETIME"));
        types.put(
                "location",
                fields(
                        "code STRING",
                        "name STRING",
                        "contact STRING",
                        "address OBJECT",
                        "phone STRING",
                        "email STRING",
                        "modifiedAt DATETIME"));
        types.put("shipmentMethod", fields("code STRING", "name STRING", "modifiedAt DATETIME"));
        types.put(
                "relationship",
                fields(
                        "type STRING",
                        "parentId STRING",
                        "parentNumber STRING",
                        "parentName STRING",
                        "childId STRING",
                        "childNumber STRING",
                        "childName STRING",
                        "jobTitle STRING",
                        "level NUMBER"));
        types.put(
                "customerGroup",
                fields(
                        "code STRING",
                        "name STRING",
                        "priceIncludesTax BOOLEAN",
                        "allowLineDiscount BOOLEAN",
                        "allowInvoiceDiscount BOOLEAN"));
        types.put(
                "company",
                fields("name STRING", "displayName STRING", "businessProfileId STRING", "modifiedAt DATETIME"));
        types.put(
                "salesOrder",
                fields(
                        "number STRING",
                        "externalNumber STRING",
                        "orderDate DATE",
                        "customerNumber STRING",
                        "currency STRING",
                        "shipTo OBJECT",
                        "billTo OBJECT",
                        "totalExcludingTax NUMBER",
                        "totalTax NUMBER",
                        "totalIncludingTax NUMBER",
                        "status STRING",
                        "lines ARRAY:documentLine",
                        "modifiedAt DATETIME"));
        types.put(
                "invoice",
                fields(
                        "number STRING",
                        "orderNumber STRING",
                        "invoiceDate DATE",
                        "dueDate DATE",
                        "customerNumber STRING",
                        "currency STRING",
                        "totalExcludingTax NUMBER",
                        "totalTax NUMBER",
                        "totalIncludingTax NUMBER",
                        "remainingAmount NUMBER",
                        "status STRING",
                        "lines ARRAY:documentLine",
                        "modifiedAt DATETIME"));
        types.put(
                "shipment",
                fields(
                        "number STRING",
                        "orderNumber STRING",
                        "shipmentDate DATE",
                        "customerNumber STRING",
                        "shipTo OBJECT",
                        "lines ARRAY:documentLine",
                        "modifiedAt DATETIME"));
        types.put(
                "documentLine",
                fields(
                        "sequence NUMBER",
                        "type STRING",
                        "sku STRING",
                        "variantCode STRING",
                        "description STRING",
                        "unit STRING",
                        "quantity NUMBER",
                        "unitPrice NUMBER",
                        "discountPercent NUMBER",
                        "amountExcludingTax NUMBER",
                        "taxPercent NUMBER",
                        "amountIncludingTax NUMBER"));
        return Collections.unmodifiableMap(types);
    }

    private static Map<String, Field> fields(String... declarations) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String declaration : declarations) {
            String[] parts = declaration.split(" ");
            String[] type = parts[1].split(":");
            fields.put(
                    parts[0],
                    new Field(FieldType.valueOf(type[0]), type.length > 1 ? Optional.of(type[1]) : Optional.empty()));
        }
        return Collections.unmodifiableMap(fields);
    }
}
