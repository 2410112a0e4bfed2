package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.CompanyData;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Table;

/** {@code companies({id})/items}: item {@code i} at position {@code i}. */
final class ItemTable implements Table<Item> {
    private final CompanyData data;

    ItemTable(CompanyData data) {
        this.data = data;
    }

    @Override
    public EntityType<Item> type() {
        return ApiModel.ITEM;
    }

    @Override
    public String scope() {
        return "items:" + data.company().id();
    }

    @Override
    public long next(long from) {
        return data.nextItem(from);
    }

    @Override
    public Item record(long position) {
        return data.item(position);
    }

    /** Filters on these fields run without building the item, which keeps a million-item scan fast. */
    @Override
    public Object cheapValue(String property, long position) {
        return switch (property) {
            case "lastModifiedDateTime" -> data.itemModified(position);
            case "id" -> data.itemId(position);
            case "number" -> data.itemNumber(position);
            default -> null;
        };
    }
}
