package io.ipaas.connector.dynamics365.push;

import io.ipaas.connector.api.error.ConnectorException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text lengths of the fields a push sends, from the tables behind Microsoft's API pages (Sales Header, Sales
 * Line, Customer, Contact), checked before anything is sent so a too-long value fails its record with the field's
 * name instead of costing a request and coming back as "The length of the string is 49…".
 */
final class FieldLimits {
    static final Map<String, Integer> SALES_ORDER = Map.ofEntries(
            Map.entry("externalDocumentNumber", 35),
            Map.entry("customerNumber", 20),
            Map.entry("currencyCode", 10),
            Map.entry("shipToName", 100),
            Map.entry("shipToContact", 100),
            Map.entry("shipToAddressLine1", 100),
            Map.entry("shipToAddressLine2", 50),
            Map.entry("shipToCity", 30),
            Map.entry("shipToState", 30),
            Map.entry("shipToCountry", 10),
            Map.entry("shipToPostCode", 20),
            Map.entry("email", 80),
            Map.entry("phoneNumber", 30));

    static final Map<String, Integer> SALES_ORDER_LINE =
            Map.of("lineObjectNumber", 20, "description", 100, "description2", 50, "unitOfMeasureCode", 10);

    static final Map<String, Integer> CUSTOMER = Map.ofEntries(
            Map.entry("number", 20),
            Map.entry("displayName", 100),
            Map.entry("addressLine1", 100),
            Map.entry("addressLine2", 50),
            Map.entry("city", 30),
            Map.entry("state", 30),
            Map.entry("country", 10),
            Map.entry("postalCode", 20),
            Map.entry("phoneNumber", 30),
            Map.entry("email", 80),
            Map.entry("website", 80),
            Map.entry("currencyCode", 10),
            Map.entry("taxRegistrationNumber", 20));

    static final Map<String, Integer> CONTACT = Map.ofEntries(
            Map.entry("number", 20),
            Map.entry("displayName", 100),
            Map.entry("companyNumber", 20),
            Map.entry("companyName", 100),
            Map.entry("jobTitle", 30),
            Map.entry("addressLine1", 100),
            Map.entry("addressLine2", 50),
            Map.entry("city", 30),
            Map.entry("state", 30),
            Map.entry("country", 10),
            Map.entry("postalCode", 20),
            Map.entry("phoneNumber", 30),
            Map.entry("mobilePhoneNumber", 30),
            Map.entry("email", 80),
            Map.entry("website", 80));

    private FieldLimits() {}

    /** The first field longer than its limit, as a DATA error naming it; {@code where} prefixes the field. */
    static Optional<ConnectorException> check(
            Map<String, ?> fields, Map<String, Integer> limits, String what, String where, String recordKey) {
        for (Map.Entry<String, Integer> limit : limits.entrySet()) {
            Object value = fields.get(limit.getKey());
            if (value instanceof String text && text.length() > limit.getValue()) {
                return Optional.of(ConnectorException.data(
                        recordKey,
                        what + where + ": field '" + limit.getKey() + "' is " + text.length()
                                + " characters, Business Central allows " + limit.getValue()
                                + "; shorten it in the platform record or cut it in the mapping (for example"
                                + " $substring(value, 0, " + limit.getValue() + "))",
                        null));
            }
        }
        return Optional.empty();
    }

    /** Lines of an order as maps; anything else is reported by the caller. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> lines(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
