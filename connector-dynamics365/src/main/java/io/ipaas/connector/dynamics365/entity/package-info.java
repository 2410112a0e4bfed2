/**
 * Business Central entities as data: one {@link io.ipaas.connector.dynamics365.entity.EntityDefinition} per
 * API entity set, read by one generic adapter, instead of a class per entity.
 */
package io.ipaas.connector.dynamics365.entity;
