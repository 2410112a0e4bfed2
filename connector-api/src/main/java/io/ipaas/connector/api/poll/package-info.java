/**
 * Reading changes: a {@link io.ipaas.connector.api.poll.PollSource} returns the next batch after an opaque
 * {@link io.ipaas.connector.api.poll.Checkpoint}. Only the host commits checkpoints, and only after the
 * batch's records are stored, so a crash repeats work but never loses it.
 */
package io.ipaas.connector.api.poll;
