/**
 * Mappings: the document format ({@link io.ipaas.mappings.MappingDocument}, validated against
 * {@code mapping.schema.json}), the {@link io.ipaas.mappings.MappingEngine} that applies a collection to a
 * record, and the platform's {@link io.ipaas.mappings.CanonicalModel}.
 */
package io.ipaas.mappings;
