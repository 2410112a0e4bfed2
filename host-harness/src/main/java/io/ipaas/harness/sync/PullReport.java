package io.ipaas.harness.sync;

/**
 * What one pull did.
 *
 * @param received records the connector returned
 * @param stored mapped records written (one per record and collection)
 * @param quarantined records that failed mapping and were set aside
 * @param pages batches polled
 * @param retries transient failures retried
 * @param millis wall time
 */
public record PullReport(long received, long stored, long quarantined, long pages, long retries, long millis) {}
