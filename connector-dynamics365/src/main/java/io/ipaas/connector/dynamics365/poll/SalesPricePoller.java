package io.ipaas.connector.dynamics365.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Item prices: the legacy "Sales Prices" page (ODataV4 {@code SalesPrices}, facts §2.12) read whole for the sales
 * codes of {@code salesCodesForCustomerPrice}, grouped by item into one record each: the prices as structured rules
 * ({@code priceRules}) and as the integration guide's formatted string ({@code salesPrices}: unit price, sales
 * type, sales code, item no., description, unit of measure, minimum quantity, starting date, ending date, joined
 * with {@code salesPriceFieldSeparator}; prices joined with {@code salesPriceRecordDelimiter}). A value that
 * contains either is reported with its item, never written into the string. The page has no modification time,
 * so every sync reads the whole filtered set once and hands out items in item-number order; the checkpoint names the
 * last item handed out, so a resumed sync re-reads the set and skips the items already stored.
 */
public final class SalesPricePoller implements PollSource {
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
    private final Clock clock;
    private final RequestCounters counters;
    private final System.Logger log;
    /** The grouped prices of the sync in progress, kept between its polls. */
    private Snapshot snapshot;

    private record Snapshot(Instant startedAt, TreeMap<String, List<Map<String, Object>>> byItem) {}

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
        this.entity = entity;
        this.client = client;
        this.urls = urls;
        this.company = company;
        this.policy = policy;
        this.format = format;
        this.clock = clock;
        this.counters = counters;
        this.log = log;
    }

    @Override
    public PollBatch poll(PollRequest request) {
        return PollSource.collect(this, request);
    }

    @Override
    public synchronized PollBatch stream(PollRequest request, Consumer<Record> records) {
        Checkpoint from = request.from();
        Optional<Instant> startedAt = Optional.empty();
        Optional<String> after = Optional.empty();
        if (!from.isInitial() && from.values().get("after") instanceof String last) {
            after = Optional.of(last);
            startedAt = Optional.of(Instant.parse((String) from.values().get("startedAt")));
        }
        if (format.salesCodes().isEmpty()) {
            log.log(
                    System.Logger.Level.INFO,
                    "{0}: {1} is empty, so no customer prices are read",
                    entity.name(),
                    BcSettings.SALES_CODES_FOR_CUSTOMER_PRICE);
            return new PollBatch(List.of(), List.of(), done(), false);
        }
        Instant started = startedAt.orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (snapshot == null || !snapshot.startedAt().equals(started)) {
            snapshot = new Snapshot(started, read(LocalDate.ofInstant(started, ZoneOffset.UTC)));
        }
        Map<String, List<Map<String, Object>>> remaining =
                after.isPresent() ? snapshot.byItem().tailMap(after.get(), false) : snapshot.byItem();
        List<String> items =
                remaining.keySet().stream().limit(request.maxRecords()).toList();
        Map<String, String> descriptions = descriptions(items);
        List<RejectedRecord> rejected = new ArrayList<>();
        for (String item : items) {
            List<Map<String, Object>> rules = remaining.get(item);
            String description = descriptions.getOrDefault(item, "");
            Optional<String> problem = problem(item, description, rules);
            if (problem.isPresent()) {
                rejected.add(new RejectedRecord(item, problem.get(), raw(rules)));
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("itemNumber", item);
            fields.put("description", description);
            fields.put("salesPrices", formatted(item, description, rules));
            fields.put("priceRules", rules);
            records.accept(
                    Record.handOver(entity.name(), item, Operation.UPSERT, fields, Optional.empty(), Optional.empty()));
        }
        counters.add(RequestCounters.RECORDS_READ, items.size() - rejected.size());
        counters.add(RequestCounters.RECORDS_REJECTED, rejected.size());
        if (items.size() < remaining.size()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("startedAt", started.toString());
            values.put("after", items.get(items.size() - 1));
            return new PollBatch(List.of(), rejected, new Checkpoint(BcCheckpoint.FORMAT, values), true);
        }
        snapshot = null;
        return new PollBatch(List.of(), rejected, done(), false);
    }

    private Checkpoint done() {
        return new Checkpoint(
                BcCheckpoint.FORMAT,
                Map.of(
                        "finishedAt",
                        clock.instant().truncatedTo(ChronoUnit.MILLIS).toString()));
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
        int[] rows = {0};
        for (int page = 0; ; page++) {
            Optional<String> next = client.page(uri, Optional.of(policy.pageSize()), parsed -> {
                if (++rows[0] > MAX_ROWS) {
                    throw ConnectorException.configuration(
                            BcSettings.SALES_CODES_FOR_CUSTOMER_PRICE,
                            "more than " + MAX_ROWS + " sales prices match " + BcSettings.SALES_CODES_FOR_CUSTOMER_PRICE
                                    + "; list fewer sales codes (or turn on " + BcSettings.EXCLUDE_EXPIRED_RULES + ")");
                }
                Object item = parsed.fields().get("Item_No");
                if (item instanceof String number) {
                    byItem.computeIfAbsent(number, k -> new ArrayList<>()).add(parsed.fields());
                }
            });
            if (next.isEmpty()) {
                break;
            }
            Optional<String> problem = urls.serviceContinuationProblem(next.get(), companyName, entity.entitySet());
            if (problem.isPresent()) {
                throw ConnectorException.remote(
                        "Business Central sent a continuation link for " + entity.name() + " that is not followed: "
                                + problem.get() + "; nothing was stored",
                        null);
            }
            uri = URI.create(next.get());
        }
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
