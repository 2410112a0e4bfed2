package io.ipaas.bcsandbox.data;

import java.util.List;

/**
 * The word lists items are built from: CRONUS-style furniture names, categories and posting setup.
 * Kept apart from the generator so the values can be read (and extended) at a glance.
 */
final class ItemCatalog {
    static final String INVENTORY = "Inventory";
    static final String SERVICE = "Service";
    /** BC escapes the hyphen of "Non-Inventory" in enum values (facts §2, OBS-ENUM). */
    static final String NON_INVENTORY = "Non_x002D_Inventory";

    /** A product line: its name, item category, tax group and a base price in cents. */
    record Product(String name, String category, String taxGroup, int basePriceCents) {}

    static final List<String> CITIES = List.of(
            "ATHENS",
            "PARIS",
            "LONDON",
            "ANTWERP",
            "BERLIN",
            "MUNICH",
            "ROME",
            "MADRID",
            "AMSTERDAM",
            "SEOUL",
            "TOKYO",
            "SYDNEY",
            "CHAMONIX",
            "MEXICO",
            "ATLANTA",
            "TORONTO",
            "OSLO",
            "VIENNA",
            "DUBLIN",
            "LISBON");

    static final List<Product> FURNITURE = List.of(
            new Product("Desk", "TABLE", "FURNITURE", 100080),
            new Product("Conference Table", "TABLE", "FURNITURE", 64940),
            new Product("Mobile Pedestal", "TABLE", "FURNITURE", 28140),
            new Product("Guest Chair", "CHAIR", "FURNITURE", 19280),
            new Product("Swivel Chair", "CHAIR", "FURNITURE", 19010),
            // the apostrophe is on purpose: $filter literals must escape it as ''
            new Product("Children's Chair", "CHAIR", "FURNITURE", 8990),
            new Product("Bookcase", "STORAGE", "FURNITURE", 31500),
            new Product("Storage Unit", "STORAGE", "FURNITURE", 42075),
            new Product("Whiteboard", "MISC", "MATERIALS", 12500),
            new Product("Desk Lamp", "LIGHTING", "MATERIALS", 4995));

    static final List<Product> NON_STOCK = List.of(
            new Product("Gift Card", "MISC", "MATERIALS", 5000),
            new Product("Cleaning Kit", "MISC", "MATERIALS", 1450),
            new Product("Packaging Material", "MISC", "MATERIALS", 320),
            new Product("Assembly Kit", "MISC", "MATERIALS", 2100));

    static final List<Product> SERVICES = List.of(
            new Product("Installation Service", "SERVICES", "LABOR", 9500),
            new Product("Assembly Service", "SERVICES", "LABOR", 6500),
            new Product("Delivery Service", "SERVICES", "LABOR", 4900),
            new Product("Design Consultation", "SERVICES", "LABOR", 15000));

    /** Colour suffixes; the empty one keeps plain names common. */
    static final List<String> COLOURS = List.of("", "", "", ", black", ", blue", ", red", ", white", ", green");

    static final List<String> SECOND_NAMES = List.of("Special order", "Discontinued soon", "Assembly required");

    /** Variant codes (Code[10]) with the words their descriptions use. */
    static final List<String[]> VARIANTS = List.of(
            new String[] {"BLACKOAK", "black oak"}, new String[] {"WHITEASH", "white ash"},
            new String[] {"WALNUT", "walnut"}, new String[] {"MAPLE", "maple"},
            new String[] {"CHROME", "chrome"}, new String[] {"RED", "red"},
            new String[] {"BLUE", "blue"}, new String[] {"GREEN", "green"},
            new String[] {"YELLOW", "yellow"}, new String[] {"SMALL", "small"},
            new String[] {"LARGE", "large"}, new String[] {"XL", "extra large"});

    private ItemCatalog() {}
}
