/**
 * The connector contract kit. A connector's test extends {@link io.ipaas.connector.testkit.ConnectorContractTest},
 * names its factory and a {@link io.ipaas.connector.testkit.ContractBackend}, and inherits every case; optional
 * backend capabilities (request counting, {@link io.ipaas.connector.testkit.RecordChanges record changes},
 * {@link io.ipaas.connector.testkit.WriterFixture writer} and {@link io.ipaas.connector.testkit.WebhookFixture
 * webhook} fixtures, an {@link io.ipaas.connector.testkit.UnreadableRecord unreadable record}, failing requests) switch
 * on the stricter cases. {@link io.ipaas.connector.testkit.HostLoop} runs polls as the
 * host does, through the host's JSON store ({@link io.ipaas.connector.testkit.HostJson}); hand-written fakes of the
 * host services ({@link io.ipaas.connector.testkit.TestConnectorContext}) and sign-in tools
 * ({@link io.ipaas.connector.testkit.BrowserSignIn}, {@link io.ipaas.connector.testkit.PkcePair},
 * {@link io.ipaas.connector.testkit.TestCertificates}) make connector tests exercise the real protocol.
 */
package io.ipaas.connector.testkit;
