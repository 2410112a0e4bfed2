package io.ipaas.bcsandbox.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ipaas.bcsandbox.data.CompanyData;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.data.ItemVariant;
import io.ipaas.bcsandbox.odata.EntityWriter;
import io.ipaas.bcsandbox.odata.ExpandOption;
import io.ipaas.bcsandbox.odata.Expansion;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code items?$expand=itemVariants}: the item's variants as a nested array under {@code itemVariants}. */
final class ItemVariantsExpansion implements Expansion<Item> {
    private final CompanyData data;

    ItemVariantsExpansion(CompanyData data) {
        this.data = data;
    }

    @Override
    public void write(JsonGenerator json, Item item, ExpandOption option) throws IOException {
        long index = data.itemIndex(item.id()).orElseThrow();
        json.writeStartArray();
        for (int v = 0; v < data.variantCount(index); v++) {
            ItemVariant variant = data.variant(item, data.variantPosition(index, v));
            if (option.filter() == null
                    || option.filter()
                            .test(name -> ApiModel.ITEM_VARIANT.require(name).read(variant))) {
                EntityWriter.write(json, ApiModel.ITEM_VARIANT, variant, option.select(), List.of(), Map.of());
            }
        }
        json.writeEndArray();
    }
}
