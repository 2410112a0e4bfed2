package io.ipaas.bcsandbox.odata;

import io.ipaas.bcsandbox.data.Company;
import io.ipaas.bcsandbox.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Business Central API v2.0 below {@code /v2.0/{tenant}/{environment}/api/v2.0}: companies, items and
 * itemVariants with {@code $filter}, {@code $select}, {@code $expand=itemVariants}, {@code $top} and
 * server-driven paging.
 */
public final class ApiService {
    public static final int MAX_PAGE_SIZE = 20_000;
    private static final Pattern COMPANY = Pattern.compile("companies\\(([^)]*)\\)(?:/(.*))?");
    private static final Pattern KEYED = Pattern.compile("([A-Za-z]+)\\(([^)]*)\\)(?:/([A-Za-z]+))?");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> COMPANY_FIELDS = Set.of("id", "systemVersion", "timestamp", "name", "displayName",
            "businessProfileId", "systemCreatedAt", "systemCreatedBy", "systemModifiedAt", "systemModifiedBy");

    private final Dataset dataset;

    public ApiService(Dataset dataset) {
        this.dataset = dataset;
    }

    /**
     * Answers a GET below the API root.
     *
     * @param apiRoot absolute URL of the API root, for nextLinks and contexts
     * @param path the path below the API root, without leading slash
     * @param rawQuery the undecoded query string (may be null)
     * @param preferredPageSize from {@code Prefer: odata.maxpagesize}, if sent
     */
    public ApiResponse get(String apiRoot, String path, String rawQuery, Optional<Integer> preferredPageSize) {
        QueryOptions options = QueryOptions.parse(rawQuery);
        if (path.equals("companies")) {
            return list(apiRoot, path, rawQuery, options, companies(), apiRoot + "/$metadata#companies", preferredPageSize, false,
                    null);
        }
        Matcher company = COMPANY.matcher(path);
        if (!company.matches()) {
            throw notFound(path.contains("/") ? path.substring(0, path.indexOf('/')) : path);
        }
        Company found = company(company.group(1));
        String rest = company.group(2);
        if (rest == null) {
            return single(apiRoot + "/$metadata#companies/$entity", companyRecord(found), options, COMPANY_FIELDS,
                    "Microsoft.NAV.company");
        }
        String context = apiRoot + "/$metadata#companies(" + found.id() + ")/";
        if (rest.equals("items")) {
            return list(apiRoot, path, rawQuery, options, items(found), context + "items", preferredPageSize,
                    expandsVariants(options), found);
        }
        if (rest.equals("itemVariants")) {
            return list(apiRoot, path, rawQuery, options, variants(found), context + "itemVariants", preferredPageSize, false,
                    null);
        }
        Matcher keyed = KEYED.matcher(rest);
        if (keyed.matches() && keyed.group(1).equals("items")) {
            long index = itemIndex(found, keyed.group(2));
            if (keyed.group(3) == null) {
                Map<String, Object> item = withEtag(dataset.item(found.id(), index));
                if (expandsVariants(options)) {
                    item.put("itemVariants", variantsOf(found, index));
                }
                return single(context + "items/$entity", item, options, items(found).properties(), "Microsoft.NAV.item");
            }
            if (keyed.group(3).equals("itemVariants")) {
                return list(apiRoot, path, rawQuery, options, variantsOfItem(found, index),
                        context + "items(" + keyed.group(2) + ")/itemVariants", preferredPageSize, false, null);
            }
            throw notFound(keyed.group(3));
        }
        String segment = rest.contains("(") ? rest.substring(0, rest.indexOf('(')) : rest.split("/")[0];
        throw notFound(segment);
    }

    private static boolean expandsVariants(QueryOptions options) {
        Optional<String> expand = options.get("$expand");
        if (expand.isEmpty()) {
            return false;
        }
        for (String navigation : expand.get().split(",")) {
            if (!navigation.trim().equals("itemVariants")) {
                throw BcFault.of(400, "BadRequest_NotFound", "Could not find a property named '" + navigation.trim()
                        + "' on type 'Microsoft.NAV.item'.").raise();
            }
        }
        return true;
    }

    private ApiResponse list(String apiRoot, String path, String rawQuery, QueryOptions options, RecordSequence sequence,
                             String context, Optional<Integer> preferredPageSize, boolean expandVariants, Company company) {
        Filter filter = options.get("$filter").map(f -> Filter.parse(f, sequence.properties(), sequence.typeName()))
                .orElse(Filter.all());
        Set<String> select = select(options, sequence);
        long start = options.get("$skiptoken").map(Pager::position).orElse(0L);
        Optional<Integer> top = options.top();
        int pageSize = Math.min(preferredPageSize.orElse(MAX_PAGE_SIZE), MAX_PAGE_SIZE);
        Page page = Pager.page(sequence, filter, start, top.map(t -> Math.min(t, pageSize)).orElse(pageSize));
        List<Map<String, Object>> records = new ArrayList<>(page.records().size());
        for (Map<String, Object> record : page.records()) {
            Map<String, Object> out = project(withEtag(record), select);
            if (expandVariants) {
                long index = dataset.itemIndexOf(company.id(), (String) record.get("number"));
                out.put("itemVariants", variantsOf(company, index));
            }
            records.add(out);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        preferredPageSize.ifPresent(size -> headers.put("Preference-Applied", "odata.maxpagesize=" + Math.min(size, MAX_PAGE_SIZE)));
        // BC gives no nextLink when $top is used (microsoft/AL#6858)
        String nextLink = top.isPresent() || page.next().isEmpty() ? null
                : apiRoot + "/" + path + "?" + withSkipToken(rawQuery, Pager.skipToken(page.next().getAsLong()));
        return new ApiResponse(200, headers, null, context, records, nextLink);
    }

    private ApiResponse single(String context, Map<String, Object> record, QueryOptions options, Set<String> properties,
                               String typeName) {
        Set<String> select = select(options, new RecordSequence() {
            public long size() {
                return 1;
            }

            public Map<String, Object> get(long position) {
                return record;
            }

            public String typeName() {
                return typeName;
            }

            public Set<String> properties() {
                return properties;
            }
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@odata.context", context);
        document.putAll(project(record.containsKey("@odata.etag") ? record : withEtag(record), select));
        return new ApiResponse(200, Map.of(), document, null, null, null);
    }

    private static String withSkipToken(String rawQuery, String token) {
        List<String> kept = new ArrayList<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty() && !pair.startsWith("$skiptoken=") && !pair.startsWith("%24skiptoken=")) {
                    kept.add(pair);
                }
            }
        }
        kept.add("$skiptoken=" + token);
        return String.join("&", kept);
    }

    private static Set<String> select(QueryOptions options, RecordSequence sequence) {
        Optional<String> select = options.get("$select");
        if (select.isEmpty()) {
            return Set.of();
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String field : select.get().split(",")) {
            String name = field.trim();
            if (!sequence.properties().contains(name)) {
                throw BcFault.of(400, "BadRequest_NotFound", "Could not find a property named '" + name + "' on type '"
                        + sequence.typeName() + "'.").raise();
            }
            fields.add(name);
        }
        return fields;
    }

    private static Map<String, Object> project(Map<String, Object> record, Set<String> select) {
        if (select.isEmpty()) {
            return record;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.etag", record.get("@odata.etag"));
        for (String field : select) {
            out.put(field, record.get(field));
        }
        return out;
    }

    private static Map<String, Object> withEtag(Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.etag", Etags.of(record));
        out.putAll(record);
        return out;
    }

    private Company company(String key) {
        if (!GUID.matcher(key).matches()) {
            throw BcFault.of(400, "BadRequest_NotFound", "Bad Request - Error in query syntax.").raise();
        }
        return dataset.company(UUID.fromString(key)).orElseThrow(() -> BcFault.of(404, "Internal_CompanyNotFound",
                "The company with id '" + key + "' does not exist or you do not have access to it.").raise());
    }

    private long itemIndex(Company company, String key) {
        if (!GUID.matcher(key).matches()) {
            throw BcFault.querySyntax();
        }
        return dataset.itemIndex(company.id(), UUID.fromString(key)).orElseThrow(() -> BcFault.of(404,
                "BadRequest_NotFound", "The Item does not exist. Identification fields and values: Id='{" + key.toUpperCase(java.util.Locale.ROOT) + "}'").raise());
    }

    private static BcFault.Raised notFound(String segment) {
        return BcFault.of(404, "BadRequest_ResourceNotFound", "Resource not found for the segment '" + segment + "'.").raise();
    }

    private List<Map<String, Object>> variantsOf(Company company, long itemIndex) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int k = 0; k < dataset.variantsOf(itemIndex); k++) {
            variants.add(withEtag(dataset.variant(company.id(), itemIndex, k)));
        }
        return variants;
    }

    private RecordSequence companies() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Company company : dataset.companies()) {
            records.add(companyRecord(company));
        }
        return new ListSequence(records, "Microsoft.NAV.company", COMPANY_FIELDS);
    }

    private static Map<String, Object> companyRecord(Company company) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", company.id().toString());
        record.put("systemVersion", "27.4.41672.43210");
        record.put("timestamp", Math.abs(company.id().getLeastSignificantBits() % 100_000));
        record.put("name", company.name());
        record.put("displayName", company.displayName());
        record.put("businessProfileId", "");
        record.put("systemCreatedAt", "2026-01-05T08:00:00.000Z");
        record.put("systemCreatedBy", "00000000-0000-0000-0000-000000000001");
        record.put("systemModifiedAt", "2026-01-05T08:00:00.000Z");
        record.put("systemModifiedBy", "00000000-0000-0000-0000-000000000001");
        return record;
    }

    private RecordSequence items(Company company) {
        Set<String> properties = dataset.item(company.id(), 0).keySet();
        return new RecordSequence() {
            public long size() {
                return dataset.itemCount(company.id());
            }

            public Map<String, Object> get(long position) {
                return dataset.item(company.id(), position);
            }

            public String typeName() {
                return "Microsoft.NAV.item";
            }

            public Set<String> properties() {
                return properties;
            }
        };
    }

    private RecordSequence variants(Company company) {
        Set<String> properties = dataset.variant(company.id(), 1, 0).keySet();
        return new RecordSequence() {
            public long size() {
                return dataset.variantCount(company.id());
            }

            public Map<String, Object> get(long position) {
                long item = dataset.itemOfVariant(position);
                return dataset.variant(company.id(), item, (int) (position - dataset.variantOrdinal(item, 0)));
            }

            public String typeName() {
                return "Microsoft.NAV.itemVariant";
            }

            public Set<String> properties() {
                return properties;
            }
        };
    }

    private RecordSequence variantsOfItem(Company company, long itemIndex) {
        Set<String> properties = dataset.variant(company.id(), 1, 0).keySet();
        return new RecordSequence() {
            public long size() {
                return dataset.variantsOf(itemIndex);
            }

            public Map<String, Object> get(long position) {
                return dataset.variant(company.id(), itemIndex, (int) position);
            }

            public String typeName() {
                return "Microsoft.NAV.itemVariant";
            }

            public Set<String> properties() {
                return properties;
            }
        };
    }

    private record ListSequence(List<Map<String, Object>> records, String typeName, Set<String> properties)
            implements RecordSequence {
        public long size() {
            return records.size();
        }

        public Map<String, Object> get(long position) {
            return records.get((int) position);
        }
    }
}
