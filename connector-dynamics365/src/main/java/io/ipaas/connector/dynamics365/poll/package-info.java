/**
 * Incremental reads with a crash-safe checkpoint: a signpost (the sync's upper bound), the last completed
 * watermark, and BC's continuation link.
 */
package io.ipaas.connector.dynamics365.poll;
