package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.CompanyProfile;
import io.ipaas.bcsandbox.data.Dataset;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.EntityType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves the segments after {@code ODataV4}: {@code Company('name')/Service}, {@code Company(Id=guid)/Service}
 * or {@code Service?company='name'} (facts §1.2), the service document and {@code $metadata}. A company is named
 * exactly, case and all, as BC requires.
 */
final class ODataV4Router {
    private final Dataset dataset;

    ODataV4Router(Dataset dataset) {
        this.dataset = dataset;
    }

    ApiResource resolve(List<String> segments, Optional<String> companyParam) {
        if (segments.isEmpty()) {
            return new ApiResource.ServiceDocument(List.copyOf(ODataV4Model.SERVICES.keySet()));
        }
        Segment first = Segment.parse(segments.get(0));
        if (first.name().equals("$metadata") && !first.hasKey() && segments.size() == 1) {
            return new ApiResource.Metadata(ODataV4Model.metadata());
        }
        if (first.name().equals("Company") && first.hasKey()) {
            CompanyProfile company = company(first.key());
            if (segments.size() == 1) {
                throw BcErrors.notEmulated("Reading the Company entity of ODataV4");
            }
            return service(company, segments.subList(1, segments.size()));
        }
        String name = companyParam.orElseThrow(BcErrors::defaultCompanyNotFound);
        return service(company(name.startsWith("'") ? name : "'" + name + "'"), segments);
    }

    private ApiResource service(CompanyProfile company, List<String> segments) {
        Segment service = Segment.parse(segments.get(0));
        EntityType<Map<String, Object>> type = ODataV4Model.SERVICES.get(service.name());
        if (type == null || segments.size() != 1) {
            throw BcErrors.resourceNotFound(segments.get(segments.size() - 1));
        }
        RowSet rows = dataset.priceData(company.id()).set(service.name()).orElseThrow();
        String contextPath = "Company('" + encode(company.company().name()) + "')/" + service.name();
        if (!service.hasKey()) {
            return new ApiResource.Collection<>(
                    service.name(), new RowTable(rows, type, company.id()), contextPath, Map.of(), Map.of());
        }
        Map<String, Object> row =
                find(rows, type, service.key()).orElseThrow(() -> BcErrors.resourceNotFound(segments.get(0)));
        return new ApiResource.Entity<>(service.name(), type, row, contextPath, Map.of(), Map.of());
    }

    /** By the published key: {@code SalesPrices(<guid>)} or {@code CustomerPriceGroups('RETAIL')}. */
    private static Optional<Map<String, Object>> find(RowSet rows, EntityType<Map<String, Object>> type, String key) {
        String keyName = type.key().name();
        String literal = key.startsWith(keyName + "=") ? key.substring(keyName.length() + 1) : key;
        for (long p = rows.next(0); p >= 0; p = rows.next(p + 1)) {
            Map<String, Object> row = rows.row(p);
            Object value = row.get(keyName);
            String text = value instanceof UUID
                    ? value.toString()
                    : "'" + String.valueOf(value).replace("'", "''") + "'";
            if (text.equalsIgnoreCase(literal)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** {@code 'CRONUS USA, Inc.'} or {@code Id=<guid>} to the company, with BC's error for an unknown one. */
    private CompanyProfile company(String key) {
        String text = key.trim();
        if (text.startsWith("Id=")) {
            try {
                UUID id = UUID.fromString(text.substring(3).trim());
                return dataset.find(id).map(data -> data.profile()).orElseThrow(() -> BcErrors.companyNotFound(key));
            } catch (IllegalArgumentException e) {
                throw BcErrors.querySyntax();
            }
        }
        if (text.length() < 2 || !text.startsWith("'") || !text.endsWith("'")) {
            throw BcErrors.querySyntax();
        }
        String name = text.substring(1, text.length() - 1).replace("''", "'");
        return dataset.profiles().stream()
                .filter(profile -> profile.company().name().equals(name))
                .findFirst()
                .orElseThrow(() -> BcErrors.companyNotFound(name));
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
