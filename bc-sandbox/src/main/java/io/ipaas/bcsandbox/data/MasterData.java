package io.ipaas.bcsandbox.data;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A company's customers, contacts and the reference data they point at (payment terms, currencies, units of
 * measure), generated once from the seed with Microsoft's property names in page order (facts §2.4, §2.5, §2.10;
 * fixtures customers.json and contacts.json). Values follow the fixtures' style: blank enums as {@code _x0020_},
 * empty GUIDs for "none", {@code 0001-01-01} for an empty date, the local currency's code on LCY customers.
 */
public final class MasterData {
    public static final String CUSTOMERS = "customers";
    public static final String CONTACTS = "contacts";
    public static final String PAYMENT_TERMS = "paymentTerms";
    public static final String CURRENCIES = "currencies";
    public static final String UNITS_OF_MEASURE = "unitsOfMeasure";
    public static final String ITEM_CATEGORIES = "itemCategories";
    public static final String LOCATIONS = "locations";
    public static final String SHIPMENT_METHODS = "shipmentMethods";
    /** The entity sets this class serves, in service-document order. */
    public static final List<String> ENTITY_SETS = List.of(
            CUSTOMERS,
            CONTACTS,
            PAYMENT_TERMS,
            CURRENCIES,
            UNITS_OF_MEASURE,
            ITEM_CATEGORIES,
            LOCATIONS,
            SHIPMENT_METHODS);

    private static final UUID EMPTY = BcGuids.EMPTY;
    private static final LocalDate NO_DATE = LocalDate.of(1, 1, 1);
    /** BC's lastModifiedDateTime of a record nobody has touched since it was migrated in. */
    public static final Instant NEVER_MODIFIED = Instant.parse("0001-01-01T00:00:00Z");

    private static final String[] NAMES = {
        "Adatum",
        "Trey Research",
        "School of Fine Art",
        "Alpine Ski House",
        "Relecloud",
        "Fabrikam",
        "Coho Winery",
        "Litware",
        "Northwind Traders",
        "Tailspin Toys",
        "Wide World Importers",
        "Contoso Pharmaceuticals",
        "Proseware",
        "Woodgrove Bank",
        "Lamna Healthcare",
        "Margie's Travel",
        "Graphic Design Institute",
        "Fourth Coffee",
        "Bellows College",
        "Humongous Insurance"
    };
    private static final String[] SUFFIXES = {"Corporation", "Inc.", "Ltd.", "LLC", "Group", "& Co."};
    private static final String[][] USA_CITIES = {
        {"Atlanta", "GA", "31772"},
        {"Chicago", "IL", "61236"},
        {"Miami", "FL", "37125"},
        {"Seattle", "WA", "98101"},
        {"Boston", "MA", "02108"},
        {"Denver", "CO", "80202"}
    };
    private static final String[][] CANADA_CITIES = {
        {"Toronto", "ON", "M5H 2N2"}, {"Vancouver", "BC", "V6B 1A1"}, {"Montreal", "QC", "H2Y 1C6"}
    };
    private static final String[] FIRST = {"Robert", "Maria", "Jesper", "Annette", "Kim", "Lina", "Oscar", "Sara"};
    private static final String[] LAST = {"Townes", "Hill", "Aaberg", "Beck", "Abercrombie", "Nyberg", "Lind"};
    private static final String[] TITLES = {"Purchasing Manager", "Accountant", "CEO", "Sales Representative", ""};

    private final Map<String, RowSet> sets = new LinkedHashMap<>();
    private final long anchorMillis;
    private final Random random;
    private final String localCurrency;
    private final boolean canadian;
    private final int companyIndex;
    private final CompanyData items;

    /**
     * @param companyIndex 0, 1, 2… in the order of {@code companies}: makes ids differ per company
     * @param canadian whether the company's addresses and local currency are Canadian
     */
    MasterData(
            long seed,
            int companyIndex,
            boolean canadian,
            Instant anchor,
            long customers,
            long contacts,
            CompanyData items) {
        this.random = new Random(seed * 31 + companyIndex);
        this.anchorMillis = anchor.toEpochMilli();
        this.canadian = canadian;
        this.localCurrency = canadian ? "CAD" : "USD";
        this.companyIndex = companyIndex;
        ENTITY_SETS.forEach(set -> sets.put(set, new RowSet(set)));
        this.items = items;
        List<UUID> terms = paymentTerms();
        currencies();
        unitsOfMeasure();
        itemCategories();
        locations();
        shipmentMethods();
        for (int i = 0; i < customers; i++) {
            customer(i, terms);
        }
        for (int i = 0; i < contacts; i++) {
            contact(i);
        }
    }

    public Optional<RowSet> set(String entitySet) {
        return Optional.ofNullable(sets.get(entitySet));
    }

    /** Ids in BC's style ({@code …-f011-a5f1-6045bd7e02c4}), distinct per company, set and position. */
    private UUID id(int kind, int position) {
        return BcGuids.of(BcGuids.scramble(position, 0x5bd1e995 + companyIndex * 7919 + kind), kind, 0xf011);
    }

    /** A timestamp in the 90 days before the anchor; about one in 25 repeats the previous one's millisecond. */
    private Instant modified(RowSet set) {
        if (set.positions() > 0 && random.nextInt(25) == 0) {
            return (Instant) set.row(set.positions() - 1).get(RowSet.LAST_MODIFIED);
        }
        return Instant.ofEpochMilli(anchorMillis - 1 - (long) (random.nextDouble() * CompanyData.SPREAD_MILLIS));
    }

    private List<UUID> paymentTerms() {
        RowSet set = sets.get(PAYMENT_TERMS);
        Object[][] terms = {
            {"1M(8D)", "1 Month/2% 8 days", "1M", "8D", "2"}, {"14 DAYS", "Net 14 days", "14D", "0D", "0"},
            {"21 DAYS", "Net 21 days", "21D", "0D", "0"}, {"30 DAYS", "Net 30 days", "30D", "0D", "0"},
            {"7 DAYS", "Net 7 days", "7D", "0D", "0"}, {"CM", "Current month", "CM", "0D", "0"},
            {"COD", "Cash on delivery", "0D", "0D", "0"}
        };
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            UUID id = id(0x7001, i);
            row.put("id", id);
            row.put("code", terms[i][0]);
            row.put("displayName", terms[i][1]);
            row.put("dueDateCalculation", terms[i][2]);
            row.put("discountDateCalculation", terms[i][3]);
            row.put("discountPercent", new BigDecimal((String) terms[i][4]));
            row.put("calculateDiscountOnCreditMemos", false);
            row.put("lastModifiedDateTime", modified(set));
            set.add(row);
            ids.add(id);
        }
        return ids;
    }

    private void currencies() {
        RowSet set = sets.get(CURRENCIES);
        String[][] currencies = canadian
                ? new String[][] {{"USD", "US dollar", "$"}, {"EUR", "Euro", "€"}, {"GBP", "Pound Sterling", "£"}}
                : new String[][] {
                    {"CAD", "Canadian dollar", "$"},
                    {"EUR", "Euro", "€"},
                    {"GBP", "Pound Sterling", "£"},
                    {"MXN", "Mexican peso", "$"},
                    {"JPY", "Japanese yen", "¥"}
                };
        for (int i = 0; i < currencies.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id(0x7002, i));
            row.put("code", currencies[i][0]);
            row.put("displayName", currencies[i][1]);
            row.put("symbol", currencies[i][2]);
            row.put("amountDecimalPlaces", currencies[i][0].equals("JPY") ? "0:0" : "2:2");
            row.put("amountRoundingPrecision", new BigDecimal(currencies[i][0].equals("JPY") ? "1" : "0.01"));
            row.put("lastModifiedDateTime", modified(set));
            set.add(row);
        }
    }

    private void unitsOfMeasure() {
        RowSet set = sets.get(UNITS_OF_MEASURE);
        String[][] units = {
            {"PCS", "Piece", "EA"},
            {"BOX", "Box", "BX"},
            {"HOUR", "Hour", "HUR"},
            {"KG", "Kilogram", "KGM"},
            {"PACK", "Pack", "PK"},
            {"SET", "Set", "SET"},
            {"DAY", "Day", "DAY"}
        };
        for (int i = 0; i < units.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            // the id the items' baseUnitOfMeasureId points at
            row.put("id", items.unitOfMeasureId(units[i][0]));
            row.put("code", units[i][0]);
            row.put("displayName", units[i][1]);
            row.put("internationalStandardCode", units[i][2]);
            row.put("symbol", "");
            row.put("lastModifiedDateTime", modified(set));
            set.add(row);
        }
    }

    /** The categories the generated items use, with the ids the items point at (page 30025). */
    private void itemCategories() {
        RowSet set = sets.get(ITEM_CATEGORIES);
        String[][] categories = {
            {"CHAIR", "Office Chair"},
            {"LIGHTING", "Lighting"},
            {"MISC", "Miscellaneous"},
            {"SERVICES", "Services"},
            {"STORAGE", "Storage"},
            {"TABLE", "Office Table"}
        };
        for (String[] category : categories) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", items.itemCategoryId(category[0]));
            row.put("code", category[0]);
            row.put("displayName", category[1]);
            row.put("lastModifiedDateTime", modified(set));
            set.add(row);
        }
    }

    /** Warehouses with addresses (page 30076). */
    private void locations() {
        RowSet set = sets.get(LOCATIONS);
        String[][] locations = canadian
                ? new String[][] {{"TORONTO", "Toronto Warehouse"}, {"VANCOUVER", "Vancouver Warehouse"}}
                : new String[][] {
                    {"EAST", "East Warehouse"},
                    {"MAIN", "Main Warehouse"},
                    {"WEST", "West Warehouse"},
                    {"OUT. LOG.", "Outsourced Logistics"}
                };
        for (int i = 0; i < locations.length; i++) {
            String[] city = city();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id(0x7006, i));
            row.put("code", locations[i][0]);
            row.put("displayName", locations[i][1]);
            row.put("contact", FIRST[i % FIRST.length] + " " + LAST[i % LAST.length]);
            row.put("addressLine1", (10 + i * 7) + " Industrial Park");
            row.put("addressLine2", "");
            row.put("city", city[0]);
            row.put("state", city[1]);
            row.put("country", canadian ? "CA" : "US");
            row.put("postalCode", city[2]);
            row.put("phoneNumber", "555-03" + (10 + i));
            row.put(
                    "email",
                    locations[i][0].toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + "@cronus.example");
            row.put("website", "");
            row.put("lastModifiedDateTime", modified(set));
            set.add(row);
        }
    }

    /** How goods travel (page 30024); codes the shipments name. */
    private void shipmentMethods() {
        RowSet set = sets.get(SHIPMENT_METHODS);
        String[][] methods = {
            {"CFR", "Cost and Freight"},
            {"DHL", "DHL Express"},
            {"EXW", "Ex Warehouse"},
            {"PICKUP", "Pickup at Location"}
        };
        for (int i = 0; i < methods.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id(0x7007, i));
            row.put("code", methods[i][0]);
            row.put("displayName", methods[i][1]);
            row.put("lastModifiedDateTime", modified(set));
            set.add(row);
        }
    }

    private String name(int i) {
        String base = NAMES[i % NAMES.length];
        return i < NAMES.length ? base + " " + SUFFIXES[i % SUFFIXES.length] : base + " " + (i / NAMES.length + 1);
    }

    private String[] city() {
        String[][] cities = canadian ? CANADA_CITIES : USA_CITIES;
        return cities[random.nextInt(cities.length)];
    }

    private Map<String, Object> customerFields(UUID id, int i, List<UUID> terms) {
        String name = name(i);
        String[] city = city();
        String domain = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + ".example";
        boolean foreign = random.nextInt(8) == 0;
        int blocked = random.nextInt(20);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("number", String.valueOf(10000 + i * 10));
        row.put("displayName", name);
        row.put("type", random.nextInt(6) == 0 ? "Person" : "Company");
        row.put("addressLine1", (1 + random.nextInt(200)) + " Station Road");
        row.put("addressLine2", "");
        row.put("city", city[0]);
        row.put("state", city[1]);
        row.put("country", canadian ? "CA" : "US");
        row.put("postalCode", city[2]);
        row.put("phoneNumber", "555-01" + (10 + random.nextInt(90)));
        row.put("email", "info@" + domain);
        row.put("website", random.nextBoolean() ? "www." + domain : "");
        row.put("salespersonCode", random.nextBoolean() ? "PS" : "JR");
        row.put("balanceDue", BigDecimal.valueOf(random.nextInt(500_000), 2));
        row.put("creditLimit", BigDecimal.valueOf(random.nextInt(5) * 5000L));
        row.put("taxLiable", random.nextInt(4) != 0);
        row.put("taxAreaId", EMPTY);
        row.put("taxAreaDisplayName", "");
        row.put("taxRegistrationNumber", "");
        row.put("currencyId", foreign ? id(0x7002, 1) : EMPTY);
        row.put("currencyCode", foreign ? "EUR" : localCurrency);
        row.put("paymentTermsId", terms.get(random.nextInt(terms.size())));
        row.put("shipmentMethodId", EMPTY);
        row.put("paymentMethodId", EMPTY);
        row.put("blocked", blocked == 0 ? "All" : blocked == 1 ? "Ship" : "_x0020_");
        return row;
    }

    private void customer(int i, List<UUID> terms) {
        RowSet set = sets.get(CUSTOMERS);
        Map<String, Object> row = customerFields(id(0x7004, i), i, terms);
        // the second customer was migrated in and never modified since: BC shows SystemModifiedAt 0001-01-01
        row.put("lastModifiedDateTime", i == 1 ? NEVER_MODIFIED : modified(set));
        set.add(row);
    }

    private Map<String, Object> contactFields(UUID id, int i) {
        boolean person = i % 3 == 2;
        String company = name(i / 3 * 2 + (i % 3 == 1 ? 1 : 0));
        String displayName = person ? FIRST[i % FIRST.length] + " " + LAST[i % LAST.length] : company;
        String[] city = city();
        String number = String.format(java.util.Locale.ROOT, "CT%06d", 1 + i);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("number", number);
        row.put("type", person ? "Person" : "Company");
        row.put("displayName", displayName);
        row.put("jobTitle", person ? TITLES[i % TITLES.length] : "");
        row.put("companyNumber", person ? String.format(java.util.Locale.ROOT, "CT%06d", i - 1) : number);
        row.put("companyName", company);
        row.put("contactBusinessRelation", i % 5 == 4 ? "None" : "Customer");
        row.put("addressLine1", (1 + random.nextInt(200)) + " Harbour Lane");
        row.put("addressLine2", "");
        row.put("city", city[0]);
        row.put("state", city[1]);
        row.put("country", canadian ? "CA" : "US");
        row.put("postalCode", city[2]);
        row.put("phoneNumber", "555-01" + (10 + random.nextInt(90)));
        row.put("mobilePhoneNumber", person ? "555-02" + (10 + random.nextInt(90)) : "");
        row.put(
                "email",
                (person ? FIRST[i % FIRST.length].toLowerCase(java.util.Locale.ROOT) : "info") + "@"
                        + company.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + ".example");
        row.put("website", "");
        row.put("searchName", displayName.toUpperCase(java.util.Locale.ROOT));
        row.put("privacyBlocked", false);
        row.put("taxRegistrationNumber", "");
        row.put(
                "lastInteractionDate",
                random.nextInt(3) == 0
                        ? NO_DATE
                        : LocalDate.ofEpochDay(anchorMillis / 86_400_000L - 1 - random.nextInt(120)));
        return row;
    }

    private void contact(int i) {
        RowSet set = sets.get(CONTACTS);
        Map<String, Object> row = contactFields(id(0x7005, i), i);
        row.put("lastModifiedDateTime", modified(set));
        set.add(row);
    }

    /** Creates a customer or contact as a user would, modified now; returns its id. */
    /** A customer without the posting groups a customer template would give it: orders for it fail. */
    public static final String NO_POSTING_GROUPS = "$noPostingGroups";

    private volatile boolean customerTemplate = true;

    /**
     * Whether customers created through the API get their posting groups from a customer template (BC's setup;
     * the API cannot set them, facts §2.4). Without one, an order for such a customer fails as BC fails it.
     */
    public void customerTemplate(boolean present) {
        this.customerTemplate = present;
    }

    public UUID create(String entitySet, Clock clock) {
        if (entitySet.equals(CUSTOMERS) && !customerTemplate) {
            RowSet set = sets.get(entitySet);
            int position = (int) set.positions();
            return set.create(
                    id -> {
                        Map<String, Object> row = customerFields(id, position, List.of(id(0x7001, 0)));
                        row.put(NO_POSTING_GROUPS, true);
                        return row;
                    },
                    id(0x7004, position),
                    clock);
        }
        RowSet set = sets.get(entitySet);
        int position = (int) set.positions();
        return switch (entitySet) {
            case CUSTOMERS ->
                set.create(id -> customerFields(id, position, List.of(id(0x7001, 0))), id(0x7004, position), clock);
            case CONTACTS -> set.create(id -> contactFields(id, position), id(0x7005, position), clock);
            default ->
                throw new IllegalArgumentException("the sandbox creates customers and contacts, not " + entitySet);
        };
    }
}
