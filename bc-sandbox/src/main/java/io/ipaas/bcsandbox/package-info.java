/**
 * An emulator of Business Central API v2.0 and the Microsoft Entra ID token endpoint, speaking Microsoft's
 * URL layout, payloads, paging, filters and errors, for tests, benchmarks and offline demos.
 */
package io.ipaas.bcsandbox;
