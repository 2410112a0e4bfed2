package io.ipaas.bcsandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generates records from (seed, company, index) on demand, so a million items cost no memory. Item {@code i}
 * has {@code i % (variantsPerItem + 1)} variants. Changes made through {@link #touch} are kept in an overlay.
 */
public final class Dataset {
    private static final String[] NOUNS = {"Desk", "Chair", "Lamp", "Cabinet", "Table", "Shelf", "Sofa", "Stool",
        "Bench", "Locker", "Whiteboard", "Monitor Arm"};
    private static final String[] NAMES = {"ATHENS", "PARIS", "LONDON", "ROME", "BERLIN", "OSLO", "MADRID", "VIENNA",
        "PRAGUE", "LISBON", "DUBLIN", "HELSINKI", "AMSTERDAM", "ANTWERP", "SYDNEY", "TOKYO"};
    private static final String[] TYPES = {"Inventory", "Inventory", "Inventory", "Service", "Non_x002D_Inventory"};
    private static final String[] UNITS = {"PCS", "PCS", "BOX", "SET", "HOUR"};
    private static final String[] CATEGORIES = {"FURNITURE", "CHAIR", "DESK", "OFFICE", "MISC"};
    private static final String[] VARIANT_CODES = {"RED", "BLUE", "GREEN", "BLACK", "WHITE", "OAK", "ASH", "STEEL"};

    private final long seed;
    private final int variantsPerItem;
    private final Instant epoch;
    private final List<Company> companies;
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    public Dataset(long seed, int variantsPerItem, Instant epoch, List<Company> companies) {
        this.seed = seed;
        this.variantsPerItem = variantsPerItem;
        this.epoch = epoch.truncatedTo(ChronoUnit.MILLIS);
        this.companies = List.copyOf(companies);
    }

    public List<Company> companies() {
        return companies;
    }

    public Optional<Company> company(UUID id) {
        return companies.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public int itemCount(UUID companyId) {
        return company(companyId).map(Company::items).orElse(0);
    }

    /** Variants of items {@code [0, items)}: full cycles of 0..v plus the partial cycle. */
    public long variantCount(UUID companyId) {
        return variantsBefore(itemCount(companyId));
    }

    private long variantsBefore(long items) {
        long cycle = variantsPerItem + 1L;
        long full = items / cycle;
        long rest = items % cycle;
        return full * (variantsPerItem * cycle / 2) + rest * (rest - 1) / 2;
    }

    public int variantsOf(long itemIndex) {
        return (int) (itemIndex % (variantsPerItem + 1L));
    }

    /** The item that holds variant number {@code ordinal} (company-wide order), by binary search. */
    public long itemOfVariant(long ordinal) {
        long low = 0;
        long high = Integer.MAX_VALUE;
        while (low < high) {
            long mid = (low + high + 1) >>> 1;
            if (variantsBefore(mid) <= ordinal) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    public long variantOrdinal(long itemIndex, int k) {
        return variantsBefore(itemIndex) + k;
    }

    public UUID itemId(UUID companyId, long index) {
        return Ids.of(seed ^ companyId.getLeastSignificantBits(), 1, index);
    }

    public UUID variantId(UUID companyId, long itemIndex, int k) {
        return Ids.of(seed ^ companyId.getLeastSignificantBits(), 2, itemIndex * 64 + k);
    }

    /** Ids of every item of a company, streamed. */
    public Stream<String> itemIds(UUID companyId) {
        return LongStream.range(0, itemCount(companyId)).mapToObj(i -> itemId(companyId, i).toString());
    }

    /** Ids of every variant of a company, streamed. */
    public Stream<String> variantIds(UUID companyId) {
        return LongStream.range(0, itemCount(companyId)).boxed()
                .flatMap(i -> java.util.stream.IntStream.range(0, variantsOf(i)).mapToObj(k -> variantId(companyId, i, k).toString()));
    }

    /** Marks a record modified at {@code when}. */
    public void touch(String entitySet, UUID id, Instant when) {
        touched.put(entitySet + "/" + id, when.truncatedTo(ChronoUnit.MILLIS));
    }

    private Instant modified(String entitySet, UUID id, SplittableRandom random) {
        Instant generated = epoch.plusMillis(random.nextLong(Duration.ofDays(90).toMillis()));
        return touched.getOrDefault(entitySet + "/" + id, generated);
    }

    /** Item {@code index} of a company, with BC's field names and value conventions (facts §2.2). */
    public Map<String, Object> item(UUID companyId, long index) {
        SplittableRandom random = new SplittableRandom(Ids.mix(seed * 7919 + index) ^ companyId.getMostSignificantBits());
        UUID id = itemId(companyId, index);
        String type = TYPES[random.nextInt(TYPES.length)];
        String unit = type.equals("Service") ? "HOUR" : UNITS[random.nextInt(UNITS.length - 1)];
        BigDecimal price = BigDecimal.valueOf(random.nextInt(100, 500_000), 2);
        BigDecimal cost = price.multiply(BigDecimal.valueOf(random.nextInt(40, 90))).divide(BigDecimal.valueOf(100), 2,
                RoundingMode.HALF_UP);
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id.toString());
        item.put("number", (1000 + index) + "-S");
        item.put("displayName", NAMES[random.nextInt(NAMES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)]);
        item.put("displayName2", random.nextInt(4) == 0 ? "Assembled" : "");
        item.put("type", type);
        item.put("itemCategoryId", Ids.of(seed, 3, category.hashCode()).toString());
        item.put("itemCategoryCode", category);
        item.put("blocked", random.nextInt(25) == 0);
        item.put("gtin", random.nextInt(3) == 0 ? "" : String.format("%013d", Math.floorMod(Ids.mix(index + seed), 10_000_000_000_000L)));
        item.put("inventory", type.equals("Inventory") ? BigDecimal.valueOf(random.nextInt(0, 500)) : BigDecimal.ZERO);
        item.put("unitPrice", price);
        item.put("priceIncludesTax", false);
        item.put("unitCost", cost);
        item.put("taxGroupId", Ids.of(seed, 4, 1).toString());
        item.put("taxGroupCode", "FURNITURE");
        item.put("baseUnitOfMeasureId", Ids.of(seed, 5, unit.hashCode()).toString());
        item.put("baseUnitOfMeasureCode", unit);
        item.put("generalProductPostingGroupId", Ids.of(seed, 6, 1).toString());
        item.put("generalProductPostingGroupCode", "RETAIL");
        item.put("inventoryPostingGroupId", Ids.of(seed, 7, 1).toString());
        item.put("inventoryPostingGroupCode", "RESALE");
        item.put("lastModifiedDateTime", modified("items", id, random).toString());
        return item;
    }

    /** Variant {@code k} of item {@code itemIndex} (facts §2.3). */
    public Map<String, Object> variant(UUID companyId, long itemIndex, int k) {
        SplittableRandom random = new SplittableRandom(Ids.mix(seed * 104_729 + itemIndex * 64 + k));
        UUID id = variantId(companyId, itemIndex, k);
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("id", id.toString());
        variant.put("itemId", itemId(companyId, itemIndex).toString());
        variant.put("itemNumber", (1000 + itemIndex) + "-S");
        String code = VARIANT_CODES[(int) ((itemIndex + k) % VARIANT_CODES.length)];
        variant.put("code", code);
        variant.put("description", code.charAt(0) + code.substring(1).toLowerCase() + " finish");
        variant.put("lastModifiedDateTime", modified("itemVariants", id, random).toString());
        return variant;
    }

    /** An item's index from its number ({@code 1000+i}-S), as generated. */
    public long itemIndexOf(UUID companyId, String number) {
        return Long.parseLong(number.substring(0, number.indexOf('-'))) - 1000;
    }

    /** Finds an item's index by id, scanning (fine for the sandbox's single-record reads). */
    public Optional<Long> itemIndex(UUID companyId, UUID itemId) {
        int count = itemCount(companyId);
        for (long i = 0; i < count; i++) {
            if (itemId(companyId, i).equals(itemId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
