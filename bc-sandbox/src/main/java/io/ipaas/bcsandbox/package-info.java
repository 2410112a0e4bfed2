/**
 * An emulator of Business Central API v2.0 and the Microsoft Entra ID token endpoint, speaking Microsoft's
 * URL layout, payloads, paging, filters and errors, for tests, benchmarks and offline demos.
 *
 * <p>Entry point: {@link io.ipaas.bcsandbox.BcSandbox}. Sub-packages: {@code data} (lazy, deterministic records),
 * {@code odata} (query options, filters, paging, JSON writing), {@code api} (BC's entity sets and routing),
 * {@code entra} (token endpoint, grants, tokens) and {@code http} (the loopback server).
 */
package io.ipaas.bcsandbox;
