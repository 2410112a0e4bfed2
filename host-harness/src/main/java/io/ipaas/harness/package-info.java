/**
 * A small host that simulates the platform for connector plugins: PF4J loading, settings schema and
 * validation, subscriptions, pulls with mapping and crash-safe checkpoints, encrypted secrets, and a demo.
 */
package io.ipaas.harness;
