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
 * @param cpu where the pull's CPU time went
 */
public record PullReport(long received, long stored, long quarantined, long pages, long retries, long millis, Cpu cpu) {

    /**
     * CPU time per stage of the pipeline, in milliseconds: what to look at before optimising one.
     *
     * @param pollMillis the connector's polls (request, parse, records)
     * @param mapMillis mapping and turning records into store rows
     * @param writeMillis writing rows and committing, on the calling thread
     */
    public record Cpu(long pollMillis, long mapMillis, long writeMillis) {}
}
