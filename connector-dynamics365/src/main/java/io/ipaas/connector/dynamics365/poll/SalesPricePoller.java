package io.ipaas.connector.dynamics365.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.ODataLiterals;
import io.ipaas.connector.dynamics365.odata.ODataNames;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Item prices: the legacy "Sales Prices" page (ODataV4 {@code SalesPrices}, facts §2.12) read whole for the sales
 * codes of {@code salesCodesForCustomerPrice}, grouped by item into one record each: the prices as structured rules
 * ({@code priceRules}) and as the integration guide's formatted string ({@code salesPrices}: unit price, sales
 * type, sales code, item no., description, unit of measure, minimum quantity, starting date, ending date, joined
 * with {@code salesPriceFieldSeparator}; prices joined with {@code salesPriceRecordDelimiter}). A value that
 * contains either is reported with its item, never written into the string. The page has no modification time,
 * so every sync reads the whole filtered set once and hands out items in item-number order, the connector's own
 * order (so BC's collation cannot make a resumed sync skip one).
 */
public final class SalesPricePoller extends GroupedSnapshotPoller {
    /** Price rows one sync holds in memory to group them; more is a configuration to narrow. */
    static final int MAX_ROWS = 200_000;
    /** Item numbers per request for their descriptions (an OR of equalities on one field, which BC allows). */
    static final int DESCRIPTION_CHUNK = 25;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final LocalDate NO_DATE = LocalDate.of(1, 1, 1);
    private static final String SELECT = "SystemId,Sales_Type,Sales_Code,Item_No,Variant_Code,Currency_Code,"
            + "Unit_of_Measure_Code,Minimum_Quantity,Unit_Price,Starting_Date,Ending_Date,Price_Includes_VAT";

    private final EntityDefinition entity;
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final ReadPolicy policy;
    private final PriceFormat format;
    private final System.Logger log;

    public SalesPricePoller(
            EntityDefinition entity,
            BcHttpClient client,
            BcApiUrls urls,
            Supplier<Company> company,
            ReadPolicy policy,
            PriceFormat format,
            Clock clock,
            RequestCounters counters,
            System.Logger log) {
        super(entity.name(), clock, counters);
        this.entity = entity;
        this.client = client;
        this.urls = urls;
        this.company = company;
        this.policy = policy;
        this.format = format;
        this.log = log;
    }

    /** One record per item with prices, in item-number order; an item whose values hold a separator is reported. */
    @Override
    List<Item> compute(Instant started) {
        if (format.salesCodes().isEmpty()) {
            log.log(
                    System.Logger.Level.INFO,
                    "{0}: {1} is empty, so no customer prices are read",
                    entity.name(),
                    BcSettings.SALES_CODES_FOR_CUSTOMER_PRICE);
            return List.of();
        }
        TreeMap<String, List<Map<String, Object>>> byItem = read(LocalDate.ofInstant(started, ZoneOffset.UTC));
        Map<String, String> descriptions = descriptions(List.copyOf(byItem.keySet()));
        List<Item> items = new ArrayList<>();
        byItem.forEach((item, rules) -> {
            String description = descriptions.getOrDefault(item, "");
            Optional<String> problem = problem(item, description, rules);
            if (problem.isPresent()) {
                items.add(Item.rejected(item, problem.get(), raw(rules)));
                return;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("itemNumber", item);
            fields.put("description", description);
            fields.put("salesPrices", formatted(item, description, rules));
            fields.put("priceRules", rules);
            items.add(Item.ok(item, fields));
        });
        return items;
    }

    /** Every page of the filtered prices, grouped by item number in item-number order. */
    private TreeMap<String, List<Map<String, Object>>> read(LocalDate today) {
        ODataQuery query = ODataQuery.create().select(SELECT);
        query.filter("("
                + String.join(
                        " or ",
                        format.salesCodes().stream()
                                .map(code -> "Sales_Code eq " + ODataLiterals.string(code))
                                .toList())
                + ")");
        if (format.excludeExpired()) {
            query.filter("(Ending_Date eq 0001-01-01 or Ending_Date ge " + today + ")");
        }
        String companyName = company.get().name();
        URI uri = urls.service(companyName, entity.entitySet(), query);
        TreeMap<String, List<Map<String, Object>>> byItem = new TreeMap<>();
        WholeSet.read(
                client,
                uri,
                policy.pageSize(),
                link -> urls.serviceContinuationProblem(link, companyName, entity.entitySet()),
                MAX_ROWS,
                max -> ConnectorException.configuration(
                        BcSettings.SALES_CODES_FOR_CUSTOMER_PRICE,
                        "more than " + max + " sales prices match " + BcSettings.SALES_CODES_FOR_CUSTOMER_PRICE
                                + "; list fewer sales codes (or turn on " + BcSettings.EXCLUDE_EXPIRED_RULES + ")"),
                entity.name(),
                parsed -> {
                    if (parsed.fields().get("Item_No") instanceof String number) {
                        byItem.computeIfAbsent(number, k -> new ArrayList<>()).add(parsed.fields());
                    }
                });
        Comparator<Map<String, Object>> order = Comparator.comparing(
                        (Map<String, Object> r) -> text(r.get("Sales_Type")))
                .thenComparing(r -> text(r.get("Sales_Code")))
                .thenComparing(r -> text(r.get("Starting_Date")))
                .thenComparing(r -> text(r.get("Minimum_Quantity")));
        byItem.values().forEach(rules -> rules.sort(order));
        return byItem;
    }

    /** The items' descriptions from the API's items, a few items per request. */
    private Map<String, String> descriptions(List<String> items) {
        Map<String, String> descriptions = new HashMap<>();
        for (int from = 0; from < items.size(); from += DESCRIPTION_CHUNK) {
            List<String> chunk = items.subList(from, Math.min(items.size(), from + DESCRIPTION_CHUNK));
            ODataQuery query = ODataQuery.create()
                    .select("number,displayName")
                    .filter(String.join(
                            " or ",
                            chunk.stream()
                                    .map(n -> "number eq " + ODataLiterals.string(n))
                                    .toList()));
            URI uri = urls.entitySet(company.get().id(), "items", query);
            Optional<String> next = client.page(uri, Optional.of(DESCRIPTION_CHUNK), item -> {
                if (item.fields().get("number") instanceof String number
                        && item.fields().get("displayName") instanceof String name) {
                    descriptions.put(number, name);
                }
            });
            if (next.isPresent()) {
                throw ConnectorException.remote(
                        "Business Central paged " + chunk.size() + " items' descriptions; not expected", null);
            }
        }
        return descriptions;
    }

    /** The formatted string's fields of one price, in the guide's order. */
    private static List<String> fields(String item, String description, Map<String, Object> rule) {
        return List.of(
                text(rule.get("Unit_Price")),
                ODataNames.unescape(text(rule.get("Sales_Type"))),
                text(rule.get("Sales_Code")),
                item,
                description,
                text(rule.get("Unit_of_Measure_Code")),
                text(rule.get("Minimum_Quantity")),
                date(rule.get("Starting_Date")),
                date(rule.get("Ending_Date")));
    }

    private static final List<String> FIELD_NAMES = List.of(
            "unit price",
            "sales type",
            "sales code",
            "item no.",
            "description",
            "unit of measure",
            "minimum quantity",
            "starting date",
            "ending date");

    private String formatted(String item, String description, List<Map<String, Object>> rules) {
        List<String> prices = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            prices.add(String.join(format.fieldSeparator(), fields(item, description, rule)));
        }
        return String.join(format.recordDelimiter(), prices);
    }

    /** Why an item's prices cannot be written into the string without corrupting it, if they cannot. */
    private Optional<String> problem(String item, String description, List<Map<String, Object>> rules) {
        for (Map<String, Object> rule : rules) {
            List<String> values = fields(item, description, rule);
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                String found = value.contains(format.fieldSeparator())
                        ? "the field separator '" + format.fieldSeparator() + "' ("
                                + BcSettings.SALES_PRICE_FIELD_SEPARATOR + ")"
                        : value.contains(format.recordDelimiter())
                                ? "the record delimiter '" + format.recordDelimiter() + "' ("
                                        + BcSettings.SALES_PRICE_RECORD_DELIMITER + ")"
                                : null;
                if (found != null) {
                    return Optional.of(entity.name() + " " + item + ": the " + FIELD_NAMES.get(i) + " '" + value
                            + "' contains " + found + ", which would corrupt the formatted prices; choose a separator"
                            + " that no price value contains");
                }
            }
        }
        return Optional.empty();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return number.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** BC's empty date ({@code 0001-01-01}) is no date: an empty field. */
    private static String date(Object value) {
        String text = text(value);
        return text.equals(NO_DATE.toString()) ? "" : text;
    }

    private static String raw(List<Map<String, Object>> rules) {
        try {
            String text = JSON.writeValueAsString(rules);
            return text.length() > RecordReader.MAX_RAW_CHARS
                    ? text.substring(0, RecordReader.MAX_RAW_CHARS) + "…(truncated)"
                    : text;
        } catch (JsonProcessingException e) {
            return String.valueOf(rules.size()) + " price rules";
        }
    }
}
