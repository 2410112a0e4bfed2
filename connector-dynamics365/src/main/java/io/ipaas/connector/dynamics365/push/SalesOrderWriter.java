package io.ipaas.connector.dynamics365.push;

import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcBatch;
import io.ipaas.connector.dynamics365.odata.BcReply;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.ODataLiterals;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.dynamics365.odata.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Creates sales orders with their lines, each in one deep insert, up to 100 to a {@code $batch}, with a result per
 * order (facts §2.7, §4).
 *
 * <p>The external document number makes it idempotent. An order the host may have handed to a writer before
 * ({@link OutboundRecord#firstAttempt()} false: a repeat after a crash, a push of the same order again) is looked up
 * by that number first, one GET per order in one batch, and reported as written when BC has it. When a batch gets
 * no answer (a timeout, a broken connection) its orders are looked up the same way before any is sent again. So
 * only orders whose fate is unknown cost a lookup, and a first push of N orders takes ceil(N / 100) requests.
 */
public final class SalesOrderWriter implements EntityWriter {
    static final String EXTERNAL_NUMBER = "externalDocumentNumber";
    static final String LINES = "salesOrderLines";
    /** Counts orders found in BC instead of being created again. */
    public static final String DUPLICATES_AVOIDED = "dynamics365.push.duplicatesAvoided";

    private final String entitySet;
    private final BcBatch batch;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final Set<String> excludedSkus;
    private final RetryPolicy retries;
    private final RequestCounters counters;
    private final System.Logger log;

    public SalesOrderWriter(
            String entitySet,
            BcBatch batch,
            BcApiUrls urls,
            Supplier<Company> company,
            Set<String> excludedSkus,
            RetryPolicy retries,
            RequestCounters counters,
            System.Logger log) {
        this.entitySet = entitySet;
        this.batch = batch;
        this.urls = urls;
        this.company = company;
        this.excludedSkus = Set.copyOf(excludedSkus);
        this.retries = retries;
        this.counters = counters;
        this.log = log;
    }

    /** One order on its way: where its outcome goes, what is sent, and the number it is known by. */
    private record Order(int index, OutboundRecord record, Map<String, Object> payload, String number) {
        String what() {
            return "sales order " + number;
        }
    }

    @Override
    public Optional<ConnectorException> validate(OutboundRecord record) {
        return check(record, payload(record));
    }

    @Override
    public List<WriteOutcome> write(List<OutboundRecord> records) {
        WriteOutcome[] outcomes = new WriteOutcome[records.size()];
        List<Order> ready = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            OutboundRecord record = records.get(i);
            Map<String, Object> payload = payload(record);
            Optional<ConnectorException> problem = check(record, payload);
            if (problem.isPresent()) {
                outcomes[i] = failed(record, problem.get());
            } else if (!numbers.add((String) payload.get(EXTERNAL_NUMBER))) {
                outcomes[i] = failed(
                        record,
                        ConnectorException.data(
                                record.idempotencyKey(),
                                "sales order " + payload.get(EXTERNAL_NUMBER) + " is given twice in one push; only the"
                                        + " first is written",
                                null));
            } else {
                ready.add(new Order(i, record, payload, (String) payload.get(EXTERNAL_NUMBER)));
            }
        }
        for (int from = 0; from < ready.size(); from += BcBatch.MAX_REQUESTS) {
            write(ready.subList(from, Math.min(ready.size(), from + BcBatch.MAX_REQUESTS)), outcomes);
        }
        return List.of(outcomes);
    }

    private void write(List<Order> orders, WriteOutcome[] outcomes) {
        Company target = company.get();
        List<Order> toCreate = new ArrayList<>();
        List<Order> lookUpFirst = new ArrayList<>();
        for (Order order : orders) {
            (order.record().firstAttempt() ? toCreate : lookUpFirst).add(order);
        }
        if (!lookUpFirst.isEmpty()) {
            // the host may have handed these to a writer before: they may exist already
            Map<String, Map<String, Object>> found;
            try {
                found = lookUp(target, lookUpFirst);
            } catch (ConnectorException failure) {
                for (Order order : orders) {
                    outcomes[order.index()] = failed(order.record(), failure);
                }
                return;
            }
            for (Order order : lookUpFirst) {
                settleIfFound(order, found, outcomes, toCreate);
            }
        }
        Map<Order, ConnectorException> lastFailure = new HashMap<>();
        for (int round = 1; !toCreate.isEmpty() && round <= retries.retries() + 1; round++) {
            List<Order> again = new ArrayList<>();
            try {
                List<BcReply> replies =
                        batch.send(toCreate.stream().map(this::post).toList());
                for (int i = 0; i < toCreate.size(); i++) {
                    Order order = toCreate.get(i);
                    BcReply reply = replies.get(i);
                    if (reply.succeeded()) {
                        outcomes[order.index()] = written(order.record(), reply.body());
                    } else if (WriteFailures.worthRetrying(reply)) {
                        lastFailure.put(
                                order, WriteFailures.of(reply, order.what(), key(order), order.payload(), uri()));
                        again.add(order);
                    } else {
                        outcomes[order.index()] = failed(
                                order.record(),
                                WriteFailures.of(reply, order.what(), key(order), order.payload(), uri()));
                    }
                }
            } catch (ConnectorException noAnswer) {
                if (noAnswer.kind() != ErrorKind.TRANSIENT) {
                    throw noAnswer;
                }
                log.log(
                        System.Logger.Level.INFO,
                        "no answer to a batch of {0} sales orders ({1}); looking them up before sending again",
                        toCreate.size(),
                        noAnswer.getMessage());
                Map<String, Map<String, Object>> found;
                try {
                    found = lookUp(target, toCreate);
                } catch (ConnectorException lookupFailed) {
                    if (lookupFailed.kind() != ErrorKind.TRANSIENT) {
                        throw lookupFailed;
                    }
                    found = null;
                }
                for (Order order : toCreate) {
                    lastFailure.put(order, noAnswer);
                    if (found == null) {
                        again.add(order);
                    } else {
                        settleIfFound(order, found, outcomes, again);
                    }
                }
            }
            toCreate = again;
            if (!toCreate.isEmpty() && round <= retries.retries()) {
                pause(round, lastFailure.get(toCreate.get(0)));
            }
        }
        for (Order order : toCreate) {
            // the host pushes it again later as a repeat, so it is looked up before it is created
            ConnectorException cause = lastFailure.get(order);
            outcomes[order.index()] = failed(
                    order.record(),
                    ConnectorException.transientFailure(
                            order.what() + " was not confirmed by Business Central after "
                                    + (retries.retries() + 1) + " attempts (" + cause.getMessage()
                                    + "); pushed again later, it is looked up before it is created",
                            cause.retryAfter().orElse(null),
                            cause));
        }
    }

    /** Reports an order found in BC as written; otherwise queues it for creating. */
    private void settleIfFound(
            Order order, Map<String, Map<String, Object>> found, WriteOutcome[] outcomes, List<Order> toCreate) {
        Map<String, Object> existing = found.get(order.number());
        if (existing == null) {
            toCreate.add(order);
            return;
        }
        counters.increment(DUPLICATES_AVOIDED);
        outcomes[order.index()] = written(order.record(), existing);
    }

    /** The orders BC has with these external document numbers, by number: one GET per order, in one batch. */
    private Map<String, Map<String, Object>> lookUp(Company target, List<Order> orders) {
        List<BcBatch.Request> gets = new ArrayList<>();
        for (Order order : orders) {
            URI uri = urls.entitySet(
                    target.id(),
                    entitySet,
                    ODataQuery.create()
                            .filter(EXTERNAL_NUMBER + " eq " + ODataLiterals.string(order.number()))
                            .select("id,number," + EXTERNAL_NUMBER));
            gets.add(new BcBatch.Request("GET", uri, Map.of(), null));
        }
        List<BcReply> replies = batch.send(gets);
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            BcReply reply = replies.get(i);
            if (!reply.succeeded()) {
                throw ConnectorException.transientFailure(
                        "could not look up " + orders.get(i).what() + " in Business Central ("
                                + reply.error().describe() + "); retrying later",
                        reply.retryAfter().orElse(null),
                        null);
            }
            if (reply.body().get("value") instanceof List<?> value && !value.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> first = (Map<String, Object>) value.get(0);
                found.put(orders.get(i).number(), first);
            }
        }
        return found;
    }

    private BcBatch.Request post(Order order) {
        return new BcBatch.Request("POST", uri(), Map.of(), order.payload());
    }

    private URI uri() {
        return urls.entitySet(company.get().id(), entitySet, ODataQuery.create());
    }

    /** The record's fields without the lines of excluded items (dropped even if a mapping let them through). */
    private Map<String, Object> payload(OutboundRecord record) {
        Map<String, Object> payload = Payloads.withoutNulls(record.fields());
        if (payload.get(LINES) instanceof List<?> lines && !excludedSkus.isEmpty()) {
            List<Object> kept = new ArrayList<>();
            for (Object line : lines) {
                if (!(line instanceof Map<?, ?> map
                        && excludedSkus.contains(String.valueOf(map.get("lineObjectNumber"))))) {
                    kept.add(line);
                }
            }
            payload.put(LINES, kept);
        }
        return payload;
    }

    /** What BC would refuse, found before anything is sent; the error names the order and, for a line, the SKU. */
    private static Optional<ConnectorException> check(OutboundRecord record, Map<String, Object> payload) {
        String key = record.idempotencyKey();
        Object number = payload.get(EXTERNAL_NUMBER);
        if (!(number instanceof String text) || text.isBlank()) {
            return Optional.of(ConnectorException.data(
                    key,
                    "sales order " + key + ": no " + EXTERNAL_NUMBER
                            + "; map the platform's order number to it (it is what makes a retried push idempotent)",
                    null));
        }
        String what = "sales order " + text;
        if (isBlank(payload.get("customerNumber")) && isBlank(payload.get("customerId"))) {
            return Optional.of(ConnectorException.data(
                    key,
                    what + ": A \"customerNumber\" or a \"customerId\" must be provided; map the platform's customer"
                            + " number to customerNumber",
                    null));
        }
        Optional<ConnectorException> tooLong = FieldLimits.check(payload, FieldLimits.SALES_ORDER, what, "", key);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        Object lines = payload.get(LINES);
        if (lines == null) {
            return Optional.empty();
        }
        if (!(lines instanceof List<?> list)) {
            return Optional.of(ConnectorException.data(key, what + ": " + LINES + " is not a list", null));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> line)) {
                return Optional.of(
                        ConnectorException.data(key, what + ": line " + (i + 1) + " is not an object", null));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) line;
            Object sku = fields.get("lineObjectNumber");
            String where = ", line " + (i + 1) + (sku == null ? "" : " (SKU " + sku + ")");
            Object type = fields.getOrDefault("lineType", "Item");
            if ("Item".equals(type) && isBlank(sku) && isBlank(fields.get("itemId"))) {
                return Optional.of(ConnectorException.data(
                        key, what + where + ": an item line needs lineObjectNumber (the SKU) or itemId", null));
            }
            Object quantity = fields.get("quantity");
            if (quantity != null && !(quantity instanceof Number)) {
                return Optional.of(ConnectorException.data(
                        key, what + where + ": quantity '" + quantity + "' is not a number", null));
            }
            if (quantity instanceof Number n && n.doubleValue() < 0) {
                return Optional.of(ConnectorException.data(
                        key,
                        what + where + ": quantity " + quantity + " is negative; send returns as credit memos",
                        null));
            }
            tooLong = FieldLimits.check(fields, FieldLimits.SALES_ORDER_LINE, what, where, key);
            if (tooLong.isPresent()) {
                return tooLong;
            }
        }
        return Optional.empty();
    }

    private static boolean isBlank(Object value) {
        return value == null || String.valueOf(value).isBlank();
    }

    private static String key(Order order) {
        return order.record().idempotencyKey();
    }

    private static WriteOutcome written(OutboundRecord record, Map<String, Object> body) {
        return new WriteOutcome(
                record.idempotencyKey(),
                Optional.ofNullable((String) body.get("id")),
                Optional.ofNullable((String) body.get("@odata.etag")),
                Optional.empty());
    }

    private static WriteOutcome failed(OutboundRecord record, ConnectorException failure) {
        return new WriteOutcome(record.idempotencyKey(), Optional.empty(), Optional.empty(), Optional.of(failure));
    }

    private void pause(int round, ConnectorException failure) {
        Duration delay = retries.delay(
                        ConnectorException.transientFailure(
                                "retry",
                                failure == null ? null : failure.retryAfter().orElse(null),
                                null),
                        round,
                        ThreadLocalRandom.current()::nextDouble)
                .orElse(retries.maxBackoff());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while waiting to push sales orders again", null, e);
        }
    }
}
