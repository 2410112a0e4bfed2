package io.ipaas.connector.dynamics365.poll;

import java.util.List;
import java.util.Objects;

/**
 * What the pricing settings say about item prices.
 *
 * @param salesCodes price groups or customer numbers whose prices are read ({@code salesCodesForCustomerPrice});
 *     empty for none
 * @param excludeExpired whether prices whose ending date has passed are left out ({@code excludeExpiredRules})
 * @param fieldSeparator between the fields of one price in the formatted string ({@code salesPriceFieldSeparator})
 * @param recordDelimiter between two prices ({@code salesPriceRecordDelimiter})
 */
public record PriceFormat(
        List<String> salesCodes, boolean excludeExpired, String fieldSeparator, String recordDelimiter) {
    public PriceFormat {
        salesCodes = List.copyOf(salesCodes);
        Objects.requireNonNull(fieldSeparator, "fieldSeparator");
        Objects.requireNonNull(recordDelimiter, "recordDelimiter");
    }
}
