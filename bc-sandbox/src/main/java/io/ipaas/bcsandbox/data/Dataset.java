package io.ipaas.bcsandbox.data;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The sandbox's data and what tests should expect from it: counts, ids and records per company, all
 * generated lazily in the order the API pages them. Streams are lazy, so iterating a million ids holds
 * one record at a time.
 *
 * <p>Variant spread: item {@code i} (0-based, in paging order) has {@code i % (variantsPerItem + 1)}
 * variants, so with {@code variantsPerItem = 2} the items have 0, 1, 2, 0, 1, 2… variants.
 * {@link #variantCount} gives the exact total.
 */
public final class Dataset {
    public static final long DEFAULT_CUSTOMERS = 50;
    public static final long DEFAULT_CONTACTS = 60;

    private final Map<UUID, CompanyData> companies;
    private final Map<UUID, MasterData> masterData;
    private final Map<UUID, SalesDocuments> salesDocuments;
    private final ChangeFeed changes = new ChangeFeed();
    private final Map<UUID, PriceData> priceData;
    private final Map<UUID, CustomPages> customPages;
    private final long seed;
    private final int variantsPerItem;
    private final Instant anchor;

    /**
     * @param profiles        the companies, in listing order
     * @param seed            makes ids and values deterministic
     * @param variantsPerItem the variant cycle (0..255)
     * @param anchor          every generated lastModifiedDateTime lies in the 90 days before this instant
     */
    public Dataset(List<CompanyProfile> profiles, long seed, int variantsPerItem, Instant anchor) {
        this(profiles, seed, variantsPerItem, anchor, DEFAULT_CUSTOMERS, DEFAULT_CONTACTS);
    }

    /**
     * @param customers customers per company
     * @param contacts  contacts per company
     */
    public Dataset(
            List<CompanyProfile> profiles,
            long seed,
            int variantsPerItem,
            Instant anchor,
            long customers,
            long contacts) {
        this(
                profiles,
                seed,
                variantsPerItem,
                anchor,
                customers,
                contacts,
                SalesDocuments.DEFAULT_ORDERS,
                SalesDocuments.DEFAULT_INVOICES,
                SalesDocuments.DEFAULT_SHIPMENTS);
    }

    /**
     * @param orders    sales orders per company
     * @param invoices  sales invoices (drafts and posted) per company
     * @param shipments posted sales shipments per company
     */
    public Dataset(
            List<CompanyProfile> profiles,
            long seed,
            int variantsPerItem,
            Instant anchor,
            long customers,
            long contacts,
            long orders,
            long invoices,
            long shipments) {
        Map<UUID, CompanyData> byId = new LinkedHashMap<>();
        Map<UUID, MasterData> master = new LinkedHashMap<>();
        Map<UUID, SalesDocuments> sales = new LinkedHashMap<>();
        Map<UUID, PriceData> prices = new LinkedHashMap<>();
        Map<UUID, CustomPages> custom = new LinkedHashMap<>();
        for (int i = 0; i < profiles.size(); i++) {
            CompanyProfile profile = profiles.get(i);
            CompanyData data = new CompanyData(profile, i, seed, variantsPerItem, anchor);
            byId.put(profile.id(), data);
            boolean canadian = profile.id().equals(StandardCompanies.CRONUS_CANADA);
            MasterData masters = new MasterData(seed, i, canadian, anchor, customers, contacts, data);
            master.put(profile.id(), masters);
            sales.put(
                    profile.id(),
                    new SalesDocuments(
                            seed,
                            i,
                            canadian,
                            anchor,
                            data,
                            masters.set(MasterData.CUSTOMERS).orElseThrow(),
                            orders,
                            invoices,
                            shipments));
            prices.put(
                    profile.id(),
                    new PriceData(
                            seed,
                            i,
                            anchor,
                            data,
                            masters.set(MasterData.CUSTOMERS).orElseThrow()));
            custom.put(profile.id(), new CustomPages(seed, i, anchor));
        }
        this.companies = Collections.unmodifiableMap(byId);
        this.masterData = Collections.unmodifiableMap(master);
        this.salesDocuments = Collections.unmodifiableMap(sales);
        this.priceData = Collections.unmodifiableMap(prices);
        this.customPages = Collections.unmodifiableMap(custom);
        this.seed = seed;
        this.variantsPerItem = variantsPerItem;
        this.anchor = anchor;
    }

    /** Every change to a record, for webhook subscriptions. */
    public ChangeFeed changes() {
        return changes;
    }

    public long seed() {
        return seed;
    }

    public int variantsPerItem() {
        return variantsPerItem;
    }

    /** Every generated lastModifiedDateTime is before this instant (touched records may be later). */
    public Instant anchor() {
        return anchor;
    }

    public List<Company> companies() {
        List<Company> list = new ArrayList<>();
        companies.values().forEach(data -> list.add(data.company()));
        return List.copyOf(list);
    }

    public List<CompanyProfile> profiles() {
        return companies.values().stream().map(CompanyData::profile).toList();
    }

    public Optional<CompanyData> find(UUID companyId) {
        return Optional.ofNullable(companies.get(companyId));
    }

    /** The company's data; throws IllegalArgumentException for an unknown company. */
    public CompanyData company(UUID companyId) {
        CompanyData data = companies.get(companyId);
        if (data == null) {
            throw new IllegalArgumentException("No company " + companyId + " in the sandbox");
        }
        return data;
    }

    /** A company's customers, contacts and reference data. */
    public MasterData masterData(UUID companyId) {
        company(companyId);
        return masterData.get(companyId);
    }

    /** A company's sales orders, invoices and shipments with their lines. */
    public SalesDocuments salesDocuments(UUID companyId) {
        company(companyId);
        return salesDocuments.get(companyId);
    }

    /** A company's customer price groups and sales prices, as its ODataV4 pages publish them. */
    public PriceData priceData(UUID companyId) {
        company(companyId);
        return priceData.get(companyId);
    }

    /** A company's records of the custom API route {@link CustomPages#ROUTE}. */
    public CustomPages customPages(UUID companyId) {
        company(companyId);
        return customPages.get(companyId);
    }

    /** The rows of one of {@link MasterData#ENTITY_SETS} or {@link SalesDocuments#ENTITY_SETS} in a company. */
    public RowSet rows(UUID companyId, String entitySet) {
        return masterData(companyId)
                .set(entitySet)
                .or(() -> salesDocuments(companyId).set(entitySet))
                .orElseThrow(() -> new IllegalArgumentException("the sandbox has no entity set " + entitySet));
    }

    public long itemCount(UUID companyId) {
        return company(companyId).itemCount();
    }

    public long variantCount(UUID companyId) {
        return company(companyId).totalVariants();
    }

    /** Item ids (lower-case GUID text, as the API returns them) in paging order, generated lazily. */
    public Stream<String> itemIds(UUID companyId) {
        CompanyData data = company(companyId);
        return LongStream.range(0, data.positions())
                .filter(data::exists)
                .mapToObj(i -> data.itemId(i).toString());
    }

    /** Items in paging order, generated lazily (with touched timestamps applied). */
    public Stream<Item> items(UUID companyId) {
        CompanyData data = company(companyId);
        return LongStream.range(0, data.positions()).filter(data::exists).mapToObj(data::item);
    }

    /** Variant ids (lower-case GUID text) in paging order, generated lazily. */
    public Stream<String> variantIds(UUID companyId) {
        CompanyData data = company(companyId);
        return LongStream.range(0, data.positions())
                .filter(data::exists)
                .boxed()
                .flatMap(i -> LongStream.range(0, data.variantCount(i))
                        .mapToObj(v -> data.variantId(i, (int) v).toString()));
    }

    /** Variants in paging order, generated lazily. */
    public Stream<ItemVariant> variants(UUID companyId) {
        CompanyData data = company(companyId);
        return LongStream.range(0, data.positions())
                .filter(data::exists)
                .boxed()
                .flatMap(i -> {
                    Item item = data.item(i);
                    return LongStream.range(0, data.variantCount(i))
                            .mapToObj(v -> data.variant(item, data.variantPosition(i, (int) v)));
                });
    }

    public Optional<Item> item(UUID companyId, UUID itemId) {
        CompanyData data = company(companyId);
        return data.itemIndex(itemId).stream().mapToObj(data::item).findFirst();
    }

    public Optional<ItemVariant> variant(UUID companyId, UUID variantId) {
        CompanyData data = company(companyId);
        return data.variantPosition(variantId).stream().mapToObj(data::variant).findFirst();
    }

    /** The variants of one item, in paging order. */
    public List<ItemVariant> variantsOf(UUID companyId, UUID itemId) {
        CompanyData data = company(companyId);
        long index = data.itemIndex(itemId)
                .orElseThrow(() -> new IllegalArgumentException("No item " + itemId + " in company " + companyId));
        Item item = data.item(index);
        List<ItemVariant> list = new ArrayList<>();
        for (int v = 0; v < data.variantCount(index); v++) {
            list.add(data.variant(item, data.variantPosition(index, v)));
        }
        return list;
    }

    /**
     * Marks a record modified now (the clock's current millisecond) so lastModifiedDateTime filters find
     * it; its ETag changes with it.
     *
     * @param entitySet "items", "itemVariants", one of {@link MasterData#ENTITY_SETS} or of
     *     {@link SalesDocuments#ENTITY_SETS}
     * @return the new lastModifiedDateTime
     */
    public Instant touch(UUID companyId, String entitySet, UUID id, Clock clock) {
        CompanyData data = company(companyId);
        return switch (entitySet) {
            case "items" ->
                data.touchItem(data.itemIndex(id).orElseThrow(() -> unknown(companyId, entitySet, id)), clock);
            case "itemVariants" ->
                data.touchVariant(data.variantPosition(id).orElseThrow(() -> unknown(companyId, entitySet, id)), clock);
            default -> {
                if (!MasterData.ENTITY_SETS.contains(entitySet) && !SalesDocuments.ENTITY_SETS.contains(entitySet)) {
                    throw new IllegalArgumentException("Cannot touch entity set '" + entitySet
                            + "': the sandbox has items, itemVariants, " + MasterData.ENTITY_SETS + " and "
                            + SalesDocuments.ENTITY_SETS);
                }
                yield rows(companyId, entitySet).touch(id, clock);
            }
        };
    }

    /**
     * Creates an item (and the variants its position gets) modified now.
     *
     * @return the new item's id
     */
    public UUID createItem(UUID companyId, Clock clock) {
        CompanyData data = company(companyId);
        return data.itemId(data.createItem(clock));
    }

    /** Deletes an item and its variants. */
    public void deleteItem(UUID companyId, UUID itemId) {
        CompanyData data = company(companyId);
        data.deleteItem(data.itemIndex(itemId).orElseThrow(() -> unknown(companyId, "items", itemId)));
    }

    private static IllegalArgumentException unknown(UUID companyId, String entitySet, UUID id) {
        return new IllegalArgumentException("No " + entitySet + " record " + id + " in company " + companyId);
    }
}
