/**
 * The Business Central OData client: URL layout, query building, server-driven paging, error
 * classification and request accounting. Knows HTTP and OData, nothing about the SPI's entities.
 */
package io.ipaas.connector.dynamics365.odata;
