package io.ipaas.bcsandbox.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One record of the API v2.0 {@code items} entity set, with exactly the fields of page 30008
 * (facts §2.2). {@code type} holds the OData-escaped enum name ({@code Non_x002D_Inventory}), as BC sends it.
 */
public record Item(
        UUID id,
        String number,
        String displayName,
        String displayName2,
        String type,
        UUID itemCategoryId,
        String itemCategoryCode,
        boolean blocked,
        String gtin,
        BigDecimal inventory,
        BigDecimal unitPrice,
        boolean priceIncludesTax,
        BigDecimal unitCost,
        UUID taxGroupId,
        String taxGroupCode,
        UUID baseUnitOfMeasureId,
        String baseUnitOfMeasureCode,
        UUID generalProductPostingGroupId,
        String generalProductPostingGroupCode,
        UUID inventoryPostingGroupId,
        String inventoryPostingGroupCode,
        Instant lastModifiedDateTime) {}
