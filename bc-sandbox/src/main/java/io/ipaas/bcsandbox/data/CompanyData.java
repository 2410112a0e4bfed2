package io.ipaas.bcsandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The items and item variants of one company, generated on demand from (seed, company, index).
 *
 * <p>Nothing is stored per record except the overlay of {@link #touchItem touched} timestamps, so a
 * million items cost no memory. Positions are the stable order paging walks in:
 * <ul>
 *   <li>item {@code i} sits at position {@code i} (0-based);</li>
 *   <li>item {@code i} has {@code i % (variantsPerItem + 1)} variants; variant {@code v} of item {@code i}
 *       sits at position {@code i * (variantsPerItem + 1) + v}, so variant positions have gaps.</li>
 * </ul>
 * Thread-safe: all state is final except the concurrent overlay maps.
 */
public final class CompanyData {
    /** Generated timestamps fall in the 90 days before the anchor. */
    static final long SPREAD_MILLIS = Duration.ofDays(90).toMillis();
    /** Roughly one record in 25 shares its predecessor's millisecond, like rows saved in one transaction. */
    private static final int SAME_MILLISECOND_ONE_IN = 25;
    /** Variant codes travel in the low byte of the id. */
    public static final int MAX_VARIANTS_PER_ITEM = 255;

    private static final String[] LOOKUP_TABLES = {
        "Item Category", "Tax Group", "Unit of Measure", "Gen. Product Posting Group", "Inventory Posting Group"
    };

    private final CompanyProfile profile;
    private final long seed;
    private final int variantsPerItem;
    private final long anchorMillis;
    private final int salt;
    private final int variantSalt;
    private final int tagHigh;
    private final int tagLow;
    private final Map<Long, Instant> touchedItems = new ConcurrentHashMap<>();
    private final Map<Long, Instant> touchedVariants = new ConcurrentHashMap<>();
    /** Items created after generation take the positions after the generated ones. */
    private final AtomicLong createdItems = new AtomicLong();

    private final Set<Long> deletedItems = ConcurrentHashMap.newKeySet();

    /**
     * @param profile         the company and its item count
     * @param companyIndex    0, 1, 2… in the order of {@code companies}; makes ids differ per company
     * @param seed            the dataset seed
     * @param variantsPerItem the cycle length of the variant spread (0 = no variants), at most 255
     * @param anchor          generated timestamps lie strictly before this instant
     */
    public CompanyData(CompanyProfile profile, int companyIndex, long seed, int variantsPerItem, Instant anchor) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (variantsPerItem < 0 || variantsPerItem > MAX_VARIANTS_PER_ITEM) {
            throw new IllegalArgumentException("variantsPerItem must be 0.." + MAX_VARIANTS_PER_ITEM);
        }
        if (profile.itemCount() < 0 || profile.itemCount() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("itemCount must be 0.." + Integer.MAX_VALUE);
        }
        this.seed = seed;
        this.variantsPerItem = variantsPerItem;
        this.anchorMillis = anchor.truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        this.salt = (int) Mix.hash(seed, 0x5A17L, companyIndex);
        // variants scramble with their own salt so their ids do not echo their item's id
        this.variantSalt = (int) Mix.hash(seed, 0x6A1CL, companyIndex);
        // distinct high bytes keep the ids of different companies apart (0x3B is odd, so no repeats below 256)
        this.tagHigh = (int) ((Mix.hash(seed, 0x7A6L, 0) + companyIndex * 0x3BL) & 0xff);
        this.tagLow = (int) (Mix.hash(seed, 0x7A7L, companyIndex) & 0xff);
    }

    public CompanyProfile profile() {
        return profile;
    }

    public Company company() {
        return profile.company();
    }

    /** Items that exist: generated and created ones, less the deleted. */
    public long itemCount() {
        return positions() - deletedItems.size();
    }

    /** Item positions in use, deleted ones included: {@code 0..positions()-1}. */
    public long positions() {
        return profile.itemCount() + createdItems.get();
    }

    /** Whether item {@code index} exists (is within the positions and not deleted). */
    public boolean exists(long index) {
        return index >= 0 && index < positions() && (deletedItems.isEmpty() || !deletedItems.contains(index));
    }

    /** The first existing item position at or after {@code from}, or -1. */
    public long nextItem(long from) {
        long index = Math.max(from, 0);
        while (index < positions()) {
            if (exists(index)) {
                return index;
            }
            index++;
        }
        return -1;
    }

    public int variantsPerItem() {
        return variantsPerItem;
    }

    /** How many variants item {@code index} has: {@code index % (variantsPerItem + 1)}. */
    public int variantCount(long index) {
        return (int) (index % (variantsPerItem + 1L));
    }

    /** The exact number of variants in this company, computed without walking the items. */
    public long totalVariants() {
        long cycle = variantsPerItem + 1L;
        long fullCycles = positions() / cycle;
        long rest = positions() % cycle;
        long all = fullCycles * (cycle * (cycle - 1) / 2) + rest * (rest - 1) / 2;
        for (long deleted : deletedItems) {
            all -= variantCount(deleted);
        }
        return all;
    }

    // ---- ids -------------------------------------------------------------------------------------

    public UUID itemId(long index) {
        return BcGuids.of(BcGuids.scramble(index, salt), (tagHigh << 8) | tagLow, BcGuids.ITEM_KIND);
    }

    public UUID variantId(long itemIndex, int variant) {
        return BcGuids.of(BcGuids.scramble(itemIndex, variantSalt), (tagHigh << 8) | variant, BcGuids.VARIANT_KIND);
    }

    /** The index of the item with this id, if it belongs to this company. */
    public OptionalLong itemIndex(UUID id) {
        if (!BcGuids.hasTail(id)
                || BcGuids.group3(id) != BcGuids.ITEM_KIND
                || BcGuids.group2(id) != ((tagHigh << 8) | tagLow)) {
            return OptionalLong.empty();
        }
        long index = BcGuids.unscramble(BcGuids.group1(id), salt);
        return exists(index) ? OptionalLong.of(index) : OptionalLong.empty();
    }

    /** The position of the variant with this id, if it belongs to this company. */
    public OptionalLong variantPosition(UUID id) {
        if (!BcGuids.hasTail(id)
                || BcGuids.group3(id) != BcGuids.VARIANT_KIND
                || (BcGuids.group2(id) >>> 8) != tagHigh) {
            return OptionalLong.empty();
        }
        long itemIndex = BcGuids.unscramble(BcGuids.group1(id), variantSalt);
        int variant = BcGuids.group2(id) & 0xff;
        if (!exists(itemIndex) || variant >= variantCount(itemIndex)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(variantPosition(itemIndex, variant));
    }

    public long variantPosition(long itemIndex, int variant) {
        return itemIndex * (variantsPerItem + 1L) + variant;
    }

    public long itemIndexOfVariantPosition(long position) {
        return position / (variantsPerItem + 1L);
    }

    public int variantOfPosition(long position) {
        return (int) (position % (variantsPerItem + 1L));
    }

    /** The first variant position at or after {@code from}, or -1 when there is none. */
    public long nextVariantPosition(long from) {
        if (variantsPerItem == 0 || from < 0) {
            return -1;
        }
        long item = itemIndexOfVariantPosition(from);
        int variant = variantOfPosition(from);
        while (item < positions()) {
            if (variant < variantCount(item) && exists(item)) {
                return variantPosition(item, variant);
            }
            item++;
            variant = 0;
        }
        return -1;
    }

    /** The item index of the item with this number ("1896-S" or "70123"), if there is one. */
    public OptionalLong itemIndexByNumber(String number) {
        try {
            int dash = number.indexOf('-');
            long index = dash < 0 ? Long.parseLong(number) - 70_000 : Long.parseLong(number.substring(0, dash)) - 1_000;
            if (exists(index) && number.equals(itemNumber(index))) {
                return OptionalLong.of(index);
            }
        } catch (NumberFormatException e) {
            // not one of ours: simply no match
        }
        return OptionalLong.empty();
    }

    // ---- timestamps ------------------------------------------------------------------------------

    /** lastModifiedDateTime of item {@code index}, cheap (no record is built): filters use it first. */
    public Instant itemModified(long index) {
        if (!touchedItems.isEmpty()) {
            Instant touched = touchedItems.get(index);
            if (touched != null) {
                return touched;
            }
        }
        return Instant.ofEpochMilli(generatedMillis(0x11L, index));
    }

    /** lastModifiedDateTime of the variant at {@code position}. */
    public Instant variantModified(long position) {
        if (!touchedVariants.isEmpty()) {
            Instant touched = touchedVariants.get(position);
            if (touched != null) {
                return touched;
            }
        }
        return Instant.ofEpochMilli(generatedMillis(0x22L, position));
    }

    private long generatedMillis(long stream, long position) {
        long at = position;
        // walk back over records saved "in the same transaction" so equal timestamps really are equal
        while (at > 0 && Mix.pick(Mix.hash(seed, salt ^ (stream << 8), at), SAME_MILLISECOND_ONE_IN) == 0) {
            at--;
        }
        long h = Mix.hash(seed, salt ^ stream, at);
        return anchorMillis - 1 - Long.remainderUnsigned(h, SPREAD_MILLIS - 1);
    }

    /** Marks item {@code index} modified at the clock's current millisecond; returns that instant. */
    public Instant touchItem(long index, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        touchedItems.put(index, now);
        return now;
    }

    /** Marks the variant at {@code position} modified at the clock's current millisecond. */
    public Instant touchVariant(long position, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        touchedVariants.put(position, now);
        return now;
    }

    /**
     * Creates an item at the next free position, modified at the clock's current millisecond, with the variants the
     * spread gives that position (created with it, so they carry the same time).
     *
     * @return the new item's position
     */
    public long createItem(Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        synchronized (createdItems) {
            long index = positions();
            touchedItems.put(index, now);
            for (int v = 0; v < variantCount(index); v++) {
                touchedVariants.put(variantPosition(index, v), now);
            }
            createdItems.incrementAndGet();
            return index;
        }
    }

    /** Deletes item {@code index} and its variants; BC keeps no tombstone a timestamp filter could find. */
    public void deleteItem(long index) {
        if (!exists(index)) {
            throw new IllegalArgumentException(
                    "No item at position " + index + " in " + company().name());
        }
        deletedItems.add(index);
    }

    // ---- records ---------------------------------------------------------------------------------

    /** Builds item {@code index}; the same inputs always give the same record. */
    public Item item(long index) {
        long h = Mix.hash(seed, salt, index);
        long h2 = Mix.mix64(h + 1);
        String type = itemType(h);
        boolean inventoryType = type.equals(ItemCatalog.INVENTORY);
        ItemCatalog.Product product = switch (type) {
            case ItemCatalog.INVENTORY -> ItemCatalog.FURNITURE.get(Mix.pick(h >>> 8, ItemCatalog.FURNITURE.size()));
            case ItemCatalog.SERVICE -> ItemCatalog.SERVICES.get(Mix.pick(h >>> 8, ItemCatalog.SERVICES.size()));
            default -> ItemCatalog.NON_STOCK.get(Mix.pick(h >>> 8, ItemCatalog.NON_STOCK.size()));
        };
        String name = inventoryType
                ? ItemCatalog.CITIES.get(Mix.pick(h >>> 16, ItemCatalog.CITIES.size())) + " " + product.name()
                        + ItemCatalog.COLOURS.get(Mix.pick(h >>> 24, ItemCatalog.COLOURS.size()))
                : product.name();
        String number = itemNumber(index, type);
        String name2 = Mix.pick(h2, 10) == 0
                ? ItemCatalog.SECOND_NAMES.get(Mix.pick(h2 >>> 8, ItemCatalog.SECOND_NAMES.size()))
                : "";

        // prices vary ±40 % around the product's base, always with 2 decimals
        long priceCents = product.basePriceCents() * (60 + Mix.pick(h2 >>> 12, 81)) / 100;
        BigDecimal unitPrice = BigDecimal.valueOf(Math.max(priceCents, 1), 2);
        BigDecimal unitCost = unitPrice
                .multiply(BigDecimal.valueOf(60 + Mix.pick(h2 >>> 20, 26), 2))
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal inventory = inventoryType && Mix.pick(h2 >>> 28, 10) != 0
                ? BigDecimal.valueOf(Mix.pick(h2 >>> 32, 250))
                : BigDecimal.ZERO;
        String gtin = inventoryType && Mix.pick(h2 >>> 40, 10) < 7 ? gtin(h2) : "";
        String unit = switch (type) {
            case ItemCatalog.SERVICE -> "HOUR";
            default -> Mix.pick(h2 >>> 44, 10) == 0 ? "BOX" : "PCS";
        };
        String generalPostingGroup = switch (type) {
            case ItemCatalog.INVENTORY -> "RETAIL";
            case ItemCatalog.SERVICE -> "SERVICES";
            default -> "MISC";
        };
        // service items have no inventory posting group: BC sends "" and the empty GUID
        String inventoryPostingGroup = type.equals(ItemCatalog.SERVICE) ? "" : "RESALE";

        return new Item(
                itemId(index),
                number,
                name,
                name2,
                type,
                lookupId(0, product.category()),
                product.category(),
                Mix.pick(h2 >>> 48, 33) == 0,
                gtin,
                inventory,
                unitPrice,
                Mix.pick(h2 >>> 52, 20) == 0,
                unitCost,
                lookupId(1, product.taxGroup()),
                product.taxGroup(),
                lookupId(2, unit),
                unit,
                lookupId(3, generalPostingGroup),
                generalPostingGroup,
                inventoryPostingGroup.isEmpty() ? BcGuids.EMPTY : lookupId(4, inventoryPostingGroup),
                inventoryPostingGroup,
                itemModified(index));
    }

    /** The item number of item {@code index} without building the item ("1896-S" stock, "70123" others). */
    public String itemNumber(long index) {
        return itemNumber(index, itemType(Mix.hash(seed, salt, index)));
    }

    private static String itemNumber(long index, String type) {
        return type.equals(ItemCatalog.INVENTORY) ? (1_000 + index) + "-S" : String.valueOf(70_000 + index);
    }

    /** 85 % Inventory, 8 % Non-Inventory, 7 % Service. */
    private static String itemType(long h) {
        int roll = Mix.pick(h, 100);
        return roll < 85 ? ItemCatalog.INVENTORY : roll < 93 ? ItemCatalog.NON_INVENTORY : ItemCatalog.SERVICE;
    }

    /** Builds the variant at {@code position} of {@code item} (which must be that position's item). */
    public ItemVariant variant(Item item, long position) {
        long itemIndex = itemIndexOfVariantPosition(position);
        int variant = variantOfPosition(position);
        int start = Mix.pick(Mix.hash(seed, salt ^ 0x33, itemIndex), ItemCatalog.VARIANTS.size());
        String code;
        String words;
        if (variant < ItemCatalog.VARIANTS.size()) {
            String[] entry = ItemCatalog.VARIANTS.get((start + variant) % ItemCatalog.VARIANTS.size());
            code = entry[0];
            words = entry[1];
        } else {
            code = "VAR" + (variant + 1);
            words = "variant " + (variant + 1);
        }
        return new ItemVariant(
                variantId(itemIndex, variant),
                item.id(),
                item.number(),
                code,
                item.displayName() + ", " + words,
                variantModified(position));
    }

    /** Builds the variant at {@code position}, generating its item too. */
    public ItemVariant variant(long position) {
        return variant(item(itemIndexOfVariantPosition(position)), position);
    }

    /** The id items give the item category with this code, so the itemCategories set can serve the same one. */
    public UUID itemCategoryId(String code) {
        return lookupId(0, code);
    }

    /** The id items give the unit of measure with this code. */
    public UUID unitOfMeasureId(String code) {
        return lookupId(2, code);
    }

    private UUID lookupId(int table, String code) {
        int group1 = (int) Mix.hash(seed, salt ^ LOOKUP_TABLES[table].hashCode(), code.hashCode());
        return BcGuids.of(group1, (tagHigh << 8) | ((tagLow + 1 + table) & 0xff), BcGuids.ITEM_KIND);
    }

    /** A 13-digit EAN with a valid check digit. */
    private static String gtin(long h) {
        long body = 590_000_000_000L + Long.remainderUnsigned(h, 1_000_000_000L);
        String digits = Long.toString(body);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = digits.charAt(i) - '0';
            sum += (i % 2 == 0) ? digit : digit * 3;
        }
        return digits + ((10 - sum % 10) % 10);
    }
}
