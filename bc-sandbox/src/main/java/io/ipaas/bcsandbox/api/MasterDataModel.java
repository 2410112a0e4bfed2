package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.MasterData;
import io.ipaas.bcsandbox.odata.EntityType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API v2.0 entity types of customers, contacts and reference data, whose records are rows of Microsoft's
 * property names: the property list below is the page's field list in page order (facts §2.4, §2.5, §2.10).
 */
public final class MasterDataModel {
    public static final EntityType<Map<String, Object>> CUSTOMER = type(
            "customer",
            """
            id GUID, number STRING, displayName STRING, type ENUM:contactType, addressLine1 STRING,
            addressLine2 STRING, city STRING, state STRING, country STRING, postalCode STRING, phoneNumber STRING,
            email STRING, website STRING, salespersonCode STRING, balanceDue DECIMAL, creditLimit DECIMAL,
            taxLiable BOOLEAN, taxAreaId GUID, taxAreaDisplayName STRING, taxRegistrationNumber STRING,
            currencyId GUID, currencyCode STRING, paymentTermsId GUID, shipmentMethodId GUID, paymentMethodId GUID,
            blocked ENUM:customerBlocked, lastModifiedDateTime DATETIMEOFFSET
            """,
            Set.of(
                    "currency",
                    "paymentTerm",
                    "shipmentMethod",
                    "paymentMethod",
                    "customerFinancialDetail",
                    "picture",
                    "defaultDimensions",
                    "agedAccountsReceivable",
                    "contactsInformation",
                    "documentAttachments"));

    public static final EntityType<Map<String, Object>> CONTACT = type("contact", """
            id GUID, number STRING, type ENUM:contactType, displayName STRING, jobTitle STRING,
            companyNumber STRING, companyName STRING, contactBusinessRelation ENUM:contactBusinessRelation,
            addressLine1 STRING, addressLine2 STRING, city STRING, state STRING, country STRING, postalCode STRING,
            phoneNumber STRING, mobilePhoneNumber STRING, email STRING, website STRING, searchName STRING,
            privacyBlocked BOOLEAN, taxRegistrationNumber STRING, lastInteractionDate DATE,
            lastModifiedDateTime DATETIMEOFFSET
            """, Set.of("picture"));

    public static final EntityType<Map<String, Object>> PAYMENT_TERM = type("paymentTerm", """
            id GUID, code STRING, displayName STRING, dueDateCalculation STRING, discountDateCalculation STRING,
            discountPercent DECIMAL, calculateDiscountOnCreditMemos BOOLEAN, lastModifiedDateTime DATETIMEOFFSET
            """, Set.of());

    public static final EntityType<Map<String, Object>> CURRENCY = type("currency", """
            id GUID, code STRING, displayName STRING, symbol STRING, amountDecimalPlaces STRING,
            amountRoundingPrecision DECIMAL, lastModifiedDateTime DATETIMEOFFSET
            """, Set.of());

    public static final EntityType<Map<String, Object>> UNIT_OF_MEASURE = type("unitOfMeasure", """
            id GUID, code STRING, displayName STRING, internationalStandardCode STRING, symbol STRING,
            lastModifiedDateTime DATETIMEOFFSET
            """, Set.of());

    public static final EntityType<Map<String, Object>> ITEM_CATEGORY = type("itemCategory", """
            id GUID, code STRING, displayName STRING, lastModifiedDateTime DATETIMEOFFSET
            """, Set.of());

    public static final EntityType<Map<String, Object>> LOCATION = type("location", """
            id GUID, code STRING, displayName STRING, contact STRING, addressLine1 STRING, addressLine2 STRING,
            city STRING, state STRING, country STRING, postalCode STRING, phoneNumber STRING, email STRING,
            website STRING, lastModifiedDateTime DATETIMEOFFSET
            """, Set.of());

    public static final EntityType<Map<String, Object>> SHIPMENT_METHOD = type("shipmentMethod", """
            id GUID, code STRING, displayName STRING, lastModifiedDateTime DATETIMEOFFSET
            """, Set.of());

    /** Entity set name to its type, in service-document order. */
    public static final Map<String, EntityType<Map<String, Object>>> BY_SET = bySet();

    /** The enum members the $metadata document lists for these types. */
    static final Map<String, List<String>> ENUMS = Map.of(
            "contactType", List.of("Company", "Person"),
            "customerBlocked", List.of("_x0020_", "Ship", "Invoice", "All"),
            "contactBusinessRelation",
                    List.of(
                            "_x0020_",
                            "Customer",
                            "Vendor",
                            "Bank_x0020_Account",
                            "Employee",
                            "None",
                            "Other",
                            "Multiple"));

    private MasterDataModel() {}

    private static Map<String, EntityType<Map<String, Object>>> bySet() {
        Map<String, EntityType<Map<String, Object>>> sets = new LinkedHashMap<>();
        sets.put(MasterData.CUSTOMERS, CUSTOMER);
        sets.put(MasterData.CONTACTS, CONTACT);
        sets.put(MasterData.PAYMENT_TERMS, PAYMENT_TERM);
        sets.put(MasterData.CURRENCIES, CURRENCY);
        sets.put(MasterData.UNITS_OF_MEASURE, UNIT_OF_MEASURE);
        sets.put(MasterData.ITEM_CATEGORIES, ITEM_CATEGORY);
        sets.put(MasterData.LOCATIONS, LOCATION);
        sets.put(MasterData.SHIPMENT_METHODS, SHIPMENT_METHOD);
        return java.util.Collections.unmodifiableMap(sets);
    }

    private static EntityType<Map<String, Object>> type(String name, String properties, Set<String> navigations) {
        return RowTypes.type(name, properties, navigations);
    }
}
