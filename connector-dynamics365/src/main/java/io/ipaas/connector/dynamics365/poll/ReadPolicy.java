package io.ipaas.connector.dynamics365.poll;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the settings say about reading one entity, beyond its catalogue entry.
 *
 * @param pageSize the records per page asked of BC ({@code Prefer: odata.maxpagesize})
 * @param firstReadLookBack how far back the first read of a transaction entity reaches
 *     ({@code transactionPollSearchDays}); empty for a full first read (master and reference data, whose never
 *     modified records carry BC's {@code 0001-01-01})
 * @param excludedChildren values of the expansion's {@code excludeBy} field whose children are dropped
 *     ({@code excludedLineItemSkus})
 */
public record ReadPolicy(int pageSize, Optional<Duration> firstReadLookBack, Set<String> excludedChildren) {
    public ReadPolicy {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        Objects.requireNonNull(firstReadLookBack, "firstReadLookBack");
        excludedChildren = Set.copyOf(excludedChildren);
    }

    /** A full first read, nothing excluded. */
    public static ReadPolicy of(int pageSize) {
        return new ReadPolicy(pageSize, Optional.empty(), Set.of());
    }
}
