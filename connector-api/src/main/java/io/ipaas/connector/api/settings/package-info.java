/**
 * Typed settings, declared once in Java and derived into everything else: validation that reports every
 * problem by key, typed access, secret masking, JSON Schema for generated forms, and named profiles of
 * recommended values.
 */
package io.ipaas.connector.api.settings;
