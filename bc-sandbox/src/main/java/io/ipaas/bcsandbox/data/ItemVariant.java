package io.ipaas.bcsandbox.data;

import java.time.Instant;
import java.util.UUID;

/** One record of the API v2.0 {@code itemVariants} entity set (page 30052, facts §2.3). */
public record ItemVariant(
        UUID id, UUID itemId, String itemNumber, String code, String description, Instant lastModifiedDateTime) {}
