package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.CompanyData;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.ItemVariant;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Table;

/**
 * {@code companies({id})/itemVariants}, or one item's variants ({@code items({id})/itemVariants}) when
 * built {@link #ofItem for an item}. Used by one request thread at a time: it remembers the last item so
 * consecutive variants of one item build it once.
 */
final class ItemVariantTable implements Table<ItemVariant> {
    private final CompanyData data;
    private final long onlyItem;
    private long cachedIndex = -1;
    private Item cachedItem;

    private ItemVariantTable(CompanyData data, long onlyItem) {
        this.data = data;
        this.onlyItem = onlyItem;
    }

    static ItemVariantTable ofCompany(CompanyData data) {
        return new ItemVariantTable(data, -1);
    }

    static ItemVariantTable ofItem(CompanyData data, long itemIndex) {
        return new ItemVariantTable(data, itemIndex);
    }

    @Override
    public EntityType<ItemVariant> type() {
        return ApiModel.ITEM_VARIANT;
    }

    @Override
    public String scope() {
        return onlyItem < 0 ? "itemVariants:" + data.company().id() : "itemVariants:" + data.itemId(onlyItem);
    }

    @Override
    public long next(long from) {
        if (onlyItem < 0) {
            return data.nextVariantPosition(from);
        }
        long first = data.variantPosition(onlyItem, 0);
        long position = Math.max(from, first);
        return position < first + data.variantCount(onlyItem) ? position : -1;
    }

    @Override
    public ItemVariant record(long position) {
        return data.variant(item(data.itemIndexOfVariantPosition(position)), position);
    }

    @Override
    public Object cheapValue(String property, long position) {
        return switch (property) {
            case "lastModifiedDateTime" -> data.variantModified(position);
            case "id" -> data.variantId(data.itemIndexOfVariantPosition(position), data.variantOfPosition(position));
            case "itemId" -> data.itemId(data.itemIndexOfVariantPosition(position));
            case "itemNumber" -> data.itemNumber(data.itemIndexOfVariantPosition(position));
            default -> null;
        };
    }

    private Item item(long index) {
        if (index != cachedIndex) {
            cachedItem = data.item(index);
            cachedIndex = index;
        }
        return cachedItem;
    }
}
