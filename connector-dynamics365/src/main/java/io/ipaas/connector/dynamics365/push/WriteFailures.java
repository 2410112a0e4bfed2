package io.ipaas.connector.dynamics365.push;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.odata.BcError;
import io.ipaas.connector.dynamics365.odata.BcErrors;
import io.ipaas.connector.dynamics365.odata.BcReply;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a refused write means for its record: BC's validation errors (lengths, unknown customer or item, blocked
 * item, posting groups, a field the mapping should not send) become DATA errors that say what to fix, naming the
 * field or the line's SKU; throttling, deadlocks and 5xx become TRANSIENT.
 */
final class WriteFailures {
    private static final Pattern LENGTH = Pattern.compile("Value: (.*)$", Pattern.DOTALL);
    private static final Pattern RELATION =
            Pattern.compile("contains a value \\((.*)\\) that cannot be found in the related table \\(([^)]*)\\)");
    private static final Pattern BLOCKED = Pattern.compile("Blocked must be equal to 'No'\\s+in Item: No\\.=(.+?)\\. ");

    private WriteFailures() {}

    /** BC's answer to a stale If-Match: another user changed the record (facts §3.3: 409, some stacks 412). */
    static boolean changedMeanwhile(BcReply reply) {
        return reply.status() == 412
                || (reply.status() == 409 && reply.error().code().equals("Request_EntityChanged"));
    }

    /** A refusal that says nothing about the record: the same write may succeed later (nothing was stored). */
    static boolean worthRetrying(BcReply reply) {
        int status = reply.status();
        return status == 408 || status == 429 || status >= 500 || (status == 409 && !changedMeanwhile(reply));
    }

    /**
     * The error for a record BC refused.
     *
     * @param what the record as a user knows it, for example {@code sales order WEB-100482}
     * @param payload what was sent, to find the field or line BC's message is about
     */
    static ConnectorException of(BcReply reply, String what, String recordKey, Map<String, Object> payload, URI where) {
        BcError error = reply.error();
        String told = " (Business Central: " + error.describe() + ")";
        if (worthRetrying(reply)) {
            return ConnectorException.transientFailure(
                    what + " was not written: Business Central was busy" + told + "; it is sent again later",
                    reply.retryAfter().orElse(null),
                    null);
        }
        if (reply.status() == 401 || reply.status() == 403) {
            return BcErrors.classify(error, reply.retryAfter(), where);
        }
        String message = error.message();
        Matcher relation = RELATION.matcher(message);
        if (relation.find()) {
            String value = relation.group(1);
            String table = relation.group(2);
            if (table.equals("Item")) {
                return data(
                        recordKey,
                        what + ", line with SKU '" + value + "': Business Central has no item '" + value
                                + "'; create the item in Business Central, correct the SKU, or add it to"
                                + " excludedLineItemSkus" + told);
            }
            if (table.equals("Customer")) {
                return data(
                        recordKey,
                        what + ": Business Central has no customer '" + value
                                + "'; push the customer first or correct the customer number the mapping sends" + told);
            }
            return data(
                    recordKey,
                    what + ": Business Central has no " + table + " '" + value + "'" + fieldHolding(payload, value)
                            + "; create it in Business Central or correct the value" + told);
        }
        Matcher blocked = BLOCKED.matcher(message);
        if (blocked.find()) {
            String sku = blocked.group(1);
            return data(
                    recordKey,
                    what + ", line with SKU '" + sku + "': item '" + sku
                            + "' is blocked in Business Central; unblock it there, or leave the SKU out with"
                            + " excludedLineItemSkus" + told);
        }
        if (error.code().equals("Application_StringExceededLength")) {
            Matcher value = LENGTH.matcher(message);
            String field = value.find() ? fieldHolding(payload, value.group(1).trim()) : "";
            return data(
                    recordKey,
                    what + ": a value is longer than Business Central allows" + field
                            + "; shorten it in the platform record or cut it in the mapping (for example $substring)"
                            + told);
        }
        if (message.contains("Posting Group")) {
            return data(
                    recordKey,
                    what + ": Business Central needs a posting group that is not set up (" + message
                            + "); set it on the customer or item in Business Central, or send a code that exists"
                            + told);
        }
        if (error.code().startsWith("BadRequest") && message.contains("property")) {
            return data(
                    recordKey,
                    what + ": the outbound mapping sends a field Business Central does not accept;"
                            + " correct the mapping" + told);
        }
        return data(recordKey, what + " was refused by Business Central; correct the record and push it again" + told);
    }

    private static ConnectorException data(String recordKey, String message) {
        return ConnectorException.data(recordKey, message, null);
    }

    /** {@code " in field 'shipToName'"}, or for a line {@code " in line 2 (SKU 1896-S), field 'description'"}. */
    static String fieldHolding(Map<String, Object> payload, String value) {
        for (Map.Entry<String, Object> field : payload.entrySet()) {
            if (value.equals(String.valueOf(field.getValue()))) {
                return " in field '" + field.getKey() + "'";
            }
            if (field.getValue() instanceof List<?> lines) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i) instanceof Map<?, ?> line) {
                        for (Map.Entry<?, ?> lineField : line.entrySet()) {
                            if (value.equals(String.valueOf(lineField.getValue()))) {
                                return " in line " + (i + 1) + sku(line) + ", field '" + lineField.getKey() + "'";
                            }
                        }
                    }
                }
            }
        }
        return "";
    }

    private static String sku(Map<?, ?> line) {
        return Optional.ofNullable(line.get("lineObjectNumber"))
                .map(sku -> " (SKU " + sku + ")")
                .orElse("");
    }
}
