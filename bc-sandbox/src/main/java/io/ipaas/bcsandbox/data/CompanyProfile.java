package io.ipaas.bcsandbox.data;

import java.time.Instant;
import java.util.UUID;

/**
 * Everything the {@code companies} entity set returns for one company (facts §2.1), plus how many items
 * the sandbox generates for it.
 */
public record CompanyProfile(
        Company company,
        String systemVersion,
        long timestamp,
        String businessProfileId,
        Instant systemCreatedAt,
        UUID systemCreatedBy,
        Instant systemModifiedAt,
        UUID systemModifiedBy,
        long itemCount) {

    public UUID id() {
        return company.id();
    }
}
