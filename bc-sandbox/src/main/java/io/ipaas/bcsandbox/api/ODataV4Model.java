package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.PriceData;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.MetadataDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The UI pages the sandbox publishes as ODataV4 web services (facts §1.2): page 7 "Customer Price Groups" as
 * {@code CustomerPriceGroups} (key: the table's primary key {@code Code}) and page 7002 "Sales Prices" as
 * {@code SalesPrices} (key: its ODataKeyFields {@code SystemId}), with property names as BC derives them from the
 * control names (fixture sales_prices_odata.json).
 */
public final class ODataV4Model {
    public static final EntityType<Map<String, Object>> CUSTOMER_PRICE_GROUP =
            RowTypes.versionedType("CustomerPriceGroups", """
            Code STRING, Description STRING, Price_Calculation_Method ENUM:priceCalculationMethod,
            Allow_Line_Disc BOOLEAN, Allow_Invoice_Disc BOOLEAN, Price_Includes_VAT BOOLEAN,
            VAT_Bus_Posting_Gr_Price STRING, Coupled_to_Dataverse BOOLEAN
            """, Set.of());

    public static final EntityType<Map<String, Object>> SALES_PRICE =
            RowTypes.versionedType("SalesPrices", """
            SystemId GUID, Sales_Type ENUM:salesPriceType, Sales_Code STRING, Item_No STRING, Variant_Code STRING,
            Currency_Code STRING, Unit_of_Measure_Code STRING, Minimum_Quantity DECIMAL, Unit_Price DECIMAL,
            Starting_Date DATE, Ending_Date DATE, Price_Includes_VAT BOOLEAN, Allow_Line_Disc BOOLEAN,
            Allow_Invoice_Disc BOOLEAN, VAT_Bus_Posting_Gr_Price STRING
            """, Set.of());

    public static final EntityType<Map<String, Object>> CUSTOMER_CARD =
            RowTypes.versionedType("CustomerCard", """
            No STRING, Name STRING, Customer_Price_Group STRING, ParentCustomerNo_Hierarchy STRING
            """, Set.of());

    /** Service name to its type, in service-document order. */
    public static final Map<String, EntityType<Map<String, Object>>> SERVICES = services();

    private static final String METADATA = MetadataDocument.render(
            List.of(
                    new MetadataDocument.TypeEntry(CUSTOMER_PRICE_GROUP, List.of()),
                    new MetadataDocument.TypeEntry(SALES_PRICE, List.of()),
                    new MetadataDocument.TypeEntry(CUSTOMER_CARD, List.of())),
            Map.of(
                    "priceCalculationMethod",
                    List.of("_x0020_", "Lowest_x0020_Price"),
                    "salesPriceType",
                    List.of("Customer", "Customer_x0020_Price_x0020_Group", "All_x0020_Customers", "Campaign")),
            serviceTypes());

    private ODataV4Model() {}

    public static String metadata() {
        return METADATA;
    }

    private static Map<String, EntityType<Map<String, Object>>> services() {
        Map<String, EntityType<Map<String, Object>>> services = new LinkedHashMap<>();
        services.put(PriceData.CUSTOMER_PRICE_GROUPS, CUSTOMER_PRICE_GROUP);
        services.put(PriceData.SALES_PRICES, SALES_PRICE);
        services.put(PriceData.CUSTOMER_CARD, CUSTOMER_CARD);
        return java.util.Collections.unmodifiableMap(services);
    }

    private static Map<String, String> serviceTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        SERVICES.forEach((service, type) -> types.put(service, type.name()));
        return types;
    }
}
