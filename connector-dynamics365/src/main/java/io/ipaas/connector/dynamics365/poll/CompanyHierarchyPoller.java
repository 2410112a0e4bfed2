package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.Company;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The company hierarchy ({@code enableCompanyHierarchy}): each customer whose card names a parent customer
 * ({@code ParentCustomerNo_Hierarchy} on the ODataV4 "Customer Card" page) becomes a "Parent Company" relationship
 * with id {@code parentId|childId} (the customers' API ids). With {@code processCompanyCreationInPrerequisite} the
 * relationships come parents first, so a parent exists on the platform before any child names it; otherwise in
 * customer-number order. A parent that does not exist and every customer on a cycle are reported with the cycle
 * spelled out, never followed round.
 */
public final class CompanyHierarchyPoller extends GroupedSnapshotPoller {
    static final int MAX_CUSTOMERS = 500_000;
    static final String PARENT_FIELD = "ParentCustomerNo_Hierarchy";

    private final EntityDefinition entity;
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final ReadPolicy policy;
    private final boolean parentsFirst;

    public CompanyHierarchyPoller(
            EntityDefinition entity,
            BcHttpClient client,
            BcApiUrls urls,
            Supplier<Company> company,
            ReadPolicy policy,
            boolean parentsFirst,
            Clock clock,
            RequestCounters counters) {
        super(entity.name(), clock, counters);
        this.entity = entity;
        this.client = client;
        this.urls = urls;
        this.company = company;
        this.policy = policy;
        this.parentsFirst = parentsFirst;
    }

    @Override
    List<Item> compute(java.time.Instant started) {
        Company current = company.get();
        Map<String, String> parents = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        WholeSet.read(
                client,
                urls.service(
                        current.name(), entity.entitySet(), ODataQuery.create().select("No,Name," + PARENT_FIELD)),
                policy.pageSize(),
                link -> urls.serviceContinuationProblem(link, current.name(), entity.entitySet()),
                MAX_CUSTOMERS,
                max -> tooMany(max),
                entity.name(),
                card -> {
                    String number = String.valueOf(card.fields().get("No"));
                    names.put(number, String.valueOf(card.fields().get("Name")));
                    if (card.fields().get(PARENT_FIELD) instanceof String parent && !parent.isEmpty()) {
                        parents.put(number, parent);
                    }
                });
        Map<String, String> ids = new HashMap<>();
        WholeSet.read(
                client,
                urls.entitySet(current.id(), "customers", ODataQuery.create().select("id,number")),
                policy.pageSize(),
                link -> urls.continuationProblem(link, current.id(), "customers"),
                MAX_CUSTOMERS,
                max -> tooMany(max),
                entity.name(),
                customer -> ids.put(
                        String.valueOf(customer.fields().get("number")),
                        String.valueOf(customer.fields().get("id"))));

        List<Item> items = new ArrayList<>();
        Map<String, Integer> depth = new HashMap<>();
        for (String child : parents.keySet()) {
            String problem = problem(child, parents, ids);
            if (problem != null) {
                items.add(Item.rejected(ids.getOrDefault(child, child), problem, child + " -> " + parents.get(child)));
                continue;
            }
            String parent = parents.get(child);
            String id = ids.get(parent) + "|" + ids.get(child);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", id);
            fields.put("RelationshipType", "Parent Company");
            fields.put("parentId", ids.get(parent));
            fields.put("parentNumber", parent);
            fields.put("parentName", names.getOrDefault(parent, ""));
            fields.put("childId", ids.get(child));
            fields.put("childNumber", child);
            fields.put("childName", names.getOrDefault(child, ""));
            int level = level(child, parents);
            fields.put("level", level);
            depth.put(id, level);
            items.add(Item.ok(id, fields));
        }
        if (parentsFirst) {
            // stable: within a level, customer-number order; reported items first so they are seen at once
            items.sort(java.util.Comparator.comparingInt(
                    (Item item) -> item.problem() != null ? 0 : depth.get(item.key())));
        }
        return items;
    }

    /** Why a child's link cannot be a relationship: its parent is missing, or it is on a cycle. */
    private String problem(String child, Map<String, String> parents, Map<String, String> ids) {
        if (!ids.containsKey(child)) {
            return entity.name() + ": customer " + child + " has a card but no API record; not related";
        }
        List<String> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String at = child;
        while (at != null) {
            if (!seen.add(at)) {
                int start = path.indexOf(at);
                List<String> cycle = new ArrayList<>(path.subList(start, path.size()));
                cycle.add(at);
                String where = start == 0 ? " is on a parent cycle (" : "'s parents run into a parent cycle (";
                return entity.name() + ": customer " + child + where + String.join(" -> ", cycle) + "); correct "
                        + PARENT_FIELD + " of one of them in Business Central";
            }
            path.add(at);
            String parent = parents.get(at);
            if (parent != null && !ids.containsKey(parent)) {
                return entity.name() + ": customer " + at + " names the parent customer " + parent
                        + ", which does not exist" + (at.equals(child) ? "" : " (above customer " + child + ")")
                        + "; correct its " + PARENT_FIELD + " in Business Central";
            }
            at = parent;
        }
        return null;
    }

    /** 1 for a child of a top-level customer, 2 below that… (the chain is known to end). */
    private static int level(String child, Map<String, String> parents) {
        int level = 0;
        for (String at = child; parents.containsKey(at); at = parents.get(at)) {
            level++;
        }
        return level;
    }

    private ConnectorException tooMany(int max) {
        return ConnectorException.configuration(
                BcSettings.ENABLE_COMPANY_HIERARCHY,
                "more than " + max + " customers to arrange; turn " + BcSettings.ENABLE_COMPANY_HIERARCHY
                        + " off for this company");
    }
}
