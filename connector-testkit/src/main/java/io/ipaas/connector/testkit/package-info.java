/**
 * The connector contract suite ({@link io.ipaas.connector.testkit.ConnectorContractTest}) and hand-written
 * fakes of the host services a connector receives, so connector tests exercise the real protocol.
 */
package io.ipaas.connector.testkit;
