/**
 * Writing platform records to Business Central: sales orders created with their lines in {@code $batch}es and made
 * idempotent by their external document number; customers and contacts matched by number, then e-mail, and
 * created or updated with {@code If-Match}; BC's refusals turned into typed per-record errors.
 */
package io.ipaas.connector.dynamics365.push;
