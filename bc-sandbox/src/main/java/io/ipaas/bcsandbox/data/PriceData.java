package io.ipaas.bcsandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A company's customer price groups and legacy sales prices (table 7002), as the ODataV4 pages 7 "Customer Price
 * Groups" and 7002 "Sales Prices" publish them: control names with spaces as {@code _}, enums escaped (facts §2.11,
 * §2.12; fixture sales_prices_odata.json). Neither has an API v2.0 entity. Rows carry a hidden {@code id} for the
 * row store; the published key is {@code Code} and {@code SystemId}. Some prices have ended before the anchor, some
 * never end ({@code 0001-01-01}), some start later, so a filter on expiry has something to do.
 */
public final class PriceData {
    public static final String CUSTOMER_PRICE_GROUPS = "CustomerPriceGroups";
    public static final String SALES_PRICES = "SalesPrices";
    /** Page 21 "Customer Card" with a partner extension's parent-customer field, as integrations publish it. */
    public static final String CUSTOMER_CARD = "CustomerCard";

    public static final List<String> SERVICES = List.of(CUSTOMER_PRICE_GROUPS, SALES_PRICES, CUSTOMER_CARD);
    /** The hidden row key that versions a row (these pages have no modification time). */
    public static final String VERSION = "$version";
    /** Items (from the first) that have special prices. */
    static final int PRICED_ITEMS = 60;

    private static final LocalDate NO_DATE = LocalDate.of(1, 1, 1);
    private static final String[][] GROUPS = {
        {"RETAIL", "Retail customers"},
        {"WHOLESALE", "Wholesale customers"},
        {"VIP", "Key accounts"},
        {"EXPORT", "Export customers"}
    };

    private final Map<String, RowSet> services = new LinkedHashMap<>();
    private final Random random;
    private final int companyIndex;

    PriceData(long seed, int companyIndex, Instant anchor, CompanyData items, RowSet customers) {
        this.random = new Random(seed * 977 + companyIndex);
        this.companyIndex = companyIndex;
        SERVICES.forEach(service -> services.put(service, new RowSet(service)));
        for (int g = 0; g < GROUPS.length; g++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id(0x7201, g));
            row.put("Code", GROUPS[g][0]);
            row.put("Description", GROUPS[g][1]);
            row.put("Price_Calculation_Method", "_x0020_");
            row.put("Allow_Line_Disc", true);
            row.put("Allow_Invoice_Disc", g != 2);
            row.put("Price_Includes_VAT", false);
            row.put("VAT_Bus_Posting_Gr_Price", "");
            row.put("Coupled_to_Dataverse", false);
            row.put(VERSION, 1);
            services.get(CUSTOMER_PRICE_GROUPS).add(row);
        }
        customerCards(customers);
        LocalDate today = LocalDate.ofInstant(anchor, ZoneOffset.UTC);
        int position = 0;
        long count = Math.min(PRICED_ITEMS, items.itemCount());
        for (long i = items.nextItem(0); i >= 0 && position < count * 3; i = items.nextItem(i + 1)) {
            Item item = items.item(i);
            int rules = 1 + random.nextInt(3);
            for (int r = 0; r < rules; r++) {
                services.get(SALES_PRICES).add(salesPrice(position++, item, today, customers));
            }
            if (--count <= 0) {
                break;
            }
        }
    }

    /**
     * One card per customer: its price group, and for every fifth customer from the fourth on a parent customer
     * (the head of its group of five), for every fifth from the fifth on the fourth, so the hierarchy has two levels.
     */
    private void customerCards(RowSet customers) {
        RowSet cards = services.get(CUSTOMER_CARD);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (long p = customers.next(0); p >= 0; p = customers.next(p + 1)) {
            rows.add(customers.row(p));
        }
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> customer = rows.get(i);
            String parent = i % 5 == 3
                    ? (String) rows.get(i - 3).get("number")
                    : i % 5 == 4 ? (String) rows.get(i - 1).get("number") : "";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", customer.get("id"));
            row.put("No", customer.get("number"));
            row.put("Name", customer.get("displayName"));
            row.put("Customer_Price_Group", i % 5 == 0 ? "" : GROUPS[i % GROUPS.length][0]);
            row.put("ParentCustomerNo_Hierarchy", parent);
            row.put(VERSION, 1);
            cards.add(row);
        }
    }

    /** Sets (or with "" clears) the parent customer on a customer's card, as a user editing the card would. */
    public void setParentCustomer(String customerNumber, String parentNumber) {
        RowSet cards = services.get(CUSTOMER_CARD);
        for (long p = cards.next(0); p >= 0; p = cards.next(p + 1)) {
            Map<String, Object> row = cards.row(p);
            if (customerNumber.equals(row.get("No"))) {
                cards.put((UUID) row.get("id"), "ParentCustomerNo_Hierarchy", parentNumber);
                cards.put((UUID) row.get("id"), VERSION, (Integer) row.get(VERSION) + 1);
                return;
            }
        }
        throw new IllegalArgumentException("no customer card " + customerNumber);
    }

    public Optional<RowSet> set(String service) {
        return Optional.ofNullable(services.get(service));
    }

    private UUID id(int kind, int position) {
        return BcGuids.of(BcGuids.scramble(position, 0x2545f491 + companyIndex * 7919 + kind), kind, 0xf111);
    }

    private Map<String, Object> salesPrice(int position, Item item, LocalDate today, RowSet customers) {
        int kind = random.nextInt(10);
        String salesType;
        String salesCode;
        if (kind < 4) {
            salesType = "Customer_x0020_Price_x0020_Group";
            salesCode = GROUPS[random.nextInt(GROUPS.length)][0];
        } else if (kind < 8 && customers.positions() > 0) {
            salesType = "Customer";
            long p = customers.next(random.nextInt((int) customers.positions()));
            salesCode = p < 0 ? "10000" : (String) customers.row(p).get("number");
        } else if (kind < 9) {
            salesType = "All_x0020_Customers";
            salesCode = "";
        } else {
            salesType = "Campaign";
            salesCode = "CP100" + (1 + random.nextInt(3));
        }
        int period = random.nextInt(4);
        LocalDate starting =
                period == 3 ? today.plusDays(10 + random.nextInt(20)) : today.minusDays(30 + random.nextInt(300));
        LocalDate ending = switch (period) {
            case 0 -> NO_DATE; // never ends
            case 1 -> today.minusDays(1 + random.nextInt(20)); // expired
            default -> today.plusDays(30 + random.nextInt(300));
        };
        BigDecimal discount = BigDecimal.valueOf(80 + random.nextInt(20)).movePointLeft(2);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id(0x7202, position));
        row.put("SystemId", id(0x7202, position));
        row.put("Sales_Type", salesType);
        row.put("Sales_Code", salesCode);
        row.put("Item_No", item.number());
        row.put("Variant_Code", "");
        row.put("Currency_Code", "");
        row.put("Unit_of_Measure_Code", item.baseUnitOfMeasureCode());
        row.put("Minimum_Quantity", BigDecimal.valueOf(random.nextInt(3) == 0 ? 10 : 0));
        row.put("Unit_Price", item.unitPrice().multiply(discount).setScale(2, RoundingMode.HALF_UP));
        row.put("Starting_Date", starting);
        row.put("Ending_Date", ending);
        row.put("Price_Includes_VAT", false);
        row.put("Allow_Line_Disc", true);
        row.put("Allow_Invoice_Disc", true);
        row.put("VAT_Bus_Posting_Gr_Price", "");
        row.put(VERSION, 1);
        return row;
    }
}
