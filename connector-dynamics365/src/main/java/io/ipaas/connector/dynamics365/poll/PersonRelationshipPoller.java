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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Company relationships ({@code processCompanyRelationship}): each person contact that names a company contact in
 * {@code companyNumber} (facts §2.5) becomes a relationship with RelationshipType "Person", id
 * {@code companyId|personId}. A person that names a company number no company contact has is reported, not dropped.
 */
public final class PersonRelationshipPoller extends GroupedSnapshotPoller {
    static final int MAX_CONTACTS = 500_000;

    private final EntityDefinition entity;
    private final BcHttpClient client;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final ReadPolicy policy;

    public PersonRelationshipPoller(
            EntityDefinition entity,
            BcHttpClient client,
            BcApiUrls urls,
            Supplier<Company> company,
            ReadPolicy policy,
            Clock clock,
            RequestCounters counters) {
        super(entity.name(), clock, counters);
        this.entity = entity;
        this.client = client;
        this.urls = urls;
        this.company = company;
        this.policy = policy;
    }

    @Override
    List<Item> compute(java.time.Instant started) {
        Map<String, Map<String, Object>> companies = new HashMap<>();
        List<Map<String, Object>> people = new ArrayList<>();
        Company current = company.get();
        ODataQuery query = ODataQuery.create().select("id,number,type,displayName,jobTitle,companyNumber");
        WholeSet.read(
                client,
                urls.entitySet(current.id(), entity.entitySet(), query),
                policy.pageSize(),
                link -> urls.continuationProblem(link, current.id(), entity.entitySet()),
                MAX_CONTACTS,
                max -> ConnectorException.configuration(
                        BcSettings.PROCESS_COMPANY_RELATIONSHIP,
                        "more than " + max + " contacts to relate; turn " + BcSettings.PROCESS_COMPANY_RELATIONSHIP
                                + " off for this company"),
                entity.name(),
                contact -> {
                    Map<String, Object> fields = contact.fields();
                    if ("Company".equals(fields.get("type"))) {
                        companies.put(String.valueOf(fields.get("number")), fields);
                    } else if ("Person".equals(fields.get("type"))) {
                        people.add(fields);
                    }
                });
        List<Item> items = new ArrayList<>();
        for (Map<String, Object> person : people) {
            Object companyNumber = person.get("companyNumber");
            if (!(companyNumber instanceof String number) || number.isEmpty() || number.equals(person.get("number"))) {
                continue; // a person of no company has no relationship
            }
            Map<String, Object> parent = companies.get(number);
            String personId = String.valueOf(person.get("id"));
            if (parent == null) {
                items.add(Item.rejected(
                        "?|" + personId,
                        entity.name() + ": contact " + person.get("number") + " names the company " + number
                                + ", which is no company contact; correct its company in Business Central",
                        String.valueOf(person)));
                continue;
            }
            String id = parent.get("id") + "|" + personId;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", id);
            fields.put("RelationshipType", "Person");
            fields.put("parentId", String.valueOf(parent.get("id")));
            fields.put("parentNumber", number);
            fields.put("parentName", parent.get("displayName"));
            fields.put("childId", personId);
            fields.put("childNumber", person.get("number"));
            fields.put("childName", person.get("displayName"));
            fields.put("jobTitle", Optional.ofNullable(person.get("jobTitle")).orElse(""));
            items.add(Item.ok(id, fields));
        }
        return items;
    }
}
