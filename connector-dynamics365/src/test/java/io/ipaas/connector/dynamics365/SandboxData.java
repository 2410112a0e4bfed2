package io.ipaas.connector.dynamics365;

import io.ipaas.bcsandbox.BcSandbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the sandbox holds for "CRONUS USA, Inc.", read from its generator rather than through the API, and the
 * settings that reach it.
 */
final class SandboxData {
    private SandboxData() {}

    static List<String> itemIds(BcSandbox sandbox) {
        return sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).toList();
    }

    static List<String> variantIds(BcSandbox sandbox) {
        return sandbox.dataset().variantIds(BcSandbox.CRONUS_USA).toList();
    }

    /** Client-credentials settings for the sandbox's default app, with this secret and page size. */
    static Map<String, Object> settings(BcSandbox sandbox, String clientSecret, int pageSize) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("apiUrl", sandbox.baseUri().toString());
        raw.put("authorityUrl", sandbox.baseUri().toString());
        raw.put("tenantId", sandbox.tenantId());
        raw.put("environment", sandbox.environment());
        raw.put("companyName", "CRONUS USA, Inc.");
        raw.put("clientId", BcSandbox.DEFAULT_CLIENT_ID);
        raw.put("clientSecret", clientSecret);
        raw.put("pageSize", pageSize);
        return raw;
    }

    /** The items with sales prices of these codes in CRONUS USA, as BC filters them (expired ones left out or not). */
    static Set<String> itemPriceKeys(BcSandbox sandbox, Set<String> codes, boolean excludeExpired) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        io.ipaas.bcsandbox.data.RowSet rows = sandbox.dataset()
                .priceData(BcSandbox.CRONUS_USA)
                .set("SalesPrices")
                .orElseThrow();
        Set<String> items = new java.util.HashSet<>();
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            Map<String, Object> row = rows.row(p);
            java.time.LocalDate ending = (java.time.LocalDate) row.get("Ending_Date");
            boolean expired = !ending.equals(java.time.LocalDate.of(1, 1, 1)) && ending.isBefore(today);
            if (codes.contains((String) row.get("Sales_Code")) && !(excludeExpired && expired)) {
                items.add((String) row.get("Item_No"));
            }
        }
        return items;
    }

    /** The companyRelationships keys of CRONUS USA: companyContactId|personContactId. */
    static Set<String> relationshipKeys(BcSandbox sandbox) {
        io.ipaas.bcsandbox.data.RowSet contacts = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "contacts");
        Map<String, String> companies = new java.util.HashMap<>();
        List<Map<String, Object>> people = new java.util.ArrayList<>();
        for (long p = contacts.next(0); p >= 0; p = contacts.next(p + 1)) {
            Map<String, Object> row = contacts.row(p);
            if (row.get("type").equals("Company")) {
                companies.put((String) row.get("number"), row.get("id").toString());
            } else {
                people.add(row);
            }
        }
        Set<String> keys = new java.util.HashSet<>();
        people.forEach(
                person -> keys.add(companies.get((String) person.get("companyNumber")) + "|" + person.get("id")));
        return keys;
    }

    /** The companyHierarchy keys of CRONUS USA: parentCustomerId|childCustomerId, from the customer cards. */
    static Set<String> hierarchyKeys(BcSandbox sandbox) {
        Map<String, String> ids = new java.util.HashMap<>();
        io.ipaas.bcsandbox.data.RowSet customers = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers");
        for (long p = customers.next(0); p >= 0; p = customers.next(p + 1)) {
            ids.put(
                    (String) customers.row(p).get("number"),
                    customers.row(p).get("id").toString());
        }
        io.ipaas.bcsandbox.data.RowSet cards = sandbox.dataset()
                .priceData(BcSandbox.CRONUS_USA)
                .set("CustomerCard")
                .orElseThrow();
        Set<String> keys = new java.util.HashSet<>();
        for (long p = cards.next(0); p >= 0; p = cards.next(p + 1)) {
            Map<String, Object> card = cards.row(p);
            String parent = (String) card.get("ParentCustomerNo_Hierarchy");
            if (!parent.isEmpty()) {
                keys.add(ids.get(parent) + "|" + ids.get((String) card.get("No")));
            }
        }
        return keys;
    }
}
