package io.ipaas.bcsandbox.data;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The three companies every sandbox environment holds. The first two match the shared fixtures
 * (companies.json); the third has an apostrophe in its name so clients must escape OData string literals.
 */
public final class StandardCompanies {
    /** "CRONUS USA, Inc.", the company that holds the configurable number of items. */
    public static final UUID CRONUS_USA = UUID.fromString("4c1b9e2a-7d35-f011-a5f1-6045bd7e02c4");

    public static final UUID CRONUS_CANADA = UUID.fromString("9a7e3d51-2b64-f011-a5f1-6045bd7e02c4");
    public static final UUID OBRIEN = UUID.fromString("1d3f5a7c-9e2b-f011-a5f1-6045bd7e02c4");

    /** Items in the two small companies: enough to page through, small enough to ignore. */
    public static final long CANADA_ITEMS = 12;

    public static final long OBRIEN_ITEMS = 5;

    private static final String SYSTEM_VERSION = "27.4.41672.43210";
    private static final UUID NO_USER = new UUID(0L, 0L);
    private static final UUID ADMIN = UUID.fromString("5f0d1c2b-3a4e-4f5a-9b6c-7d8e9f0a1b2c");

    private StandardCompanies() {}

    /** The company profiles, in the order {@code GET companies} returns them. */
    public static List<CompanyProfile> profiles(long usaItems) {
        return profiles(usaItems, CANADA_ITEMS);
    }

    /** The company profiles with {@code canadaItems} items in CRONUS Canada. */
    public static List<CompanyProfile> profiles(long usaItems, long canadaItems) {
        return List.of(
                new CompanyProfile(
                        new Company(CRONUS_USA, "CRONUS USA, Inc.", "CRONUS USA, Inc."),
                        SYSTEM_VERSION,
                        70912,
                        "",
                        Instant.parse("2025-04-02T08:11:42.317Z"),
                        NO_USER,
                        Instant.parse("2025-04-02T08:11:42.317Z"),
                        NO_USER,
                        usaItems),
                new CompanyProfile(
                        new Company(CRONUS_CANADA, "CRONUS Canada", "CRONUS Canada, Inc."),
                        SYSTEM_VERSION,
                        70958,
                        "",
                        Instant.parse("2025-09-15T13:27:05.88Z"),
                        ADMIN,
                        Instant.parse("2026-01-08T10:02:19.443Z"),
                        ADMIN,
                        canadaItems),
                new CompanyProfile(
                        new Company(OBRIEN, "O'Brien Supplies", "O'Brien Supplies Ltd."),
                        SYSTEM_VERSION,
                        71004,
                        "",
                        Instant.parse("2025-11-20T15:45:10.2Z"),
                        ADMIN,
                        Instant.parse("2025-11-20T15:45:10.2Z"),
                        ADMIN,
                        OBRIEN_ITEMS));
    }
}
