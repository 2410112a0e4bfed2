/**
 * The connector SPI: the small set of interfaces and value records a host and a connector plugin share.
 *
 * <p>A host discovers {@link io.ipaas.connector.api.ConnectorFactory} extensions, validates user settings
 * against the factory's {@link io.ipaas.connector.api.settings.SettingsSpec}, opens a
 * {@link io.ipaas.connector.api.Connector} with a {@link io.ipaas.connector.api.ConnectorContext}, and
 * drives its entities. Only JDK types cross this boundary (plus PF4J's marker interface), so host and
 * plugin never fight over library versions.
 */
package io.ipaas.connector.api;
