package io.ipaas.harness.sync;

/** Told after every committed batch, for progress displays. */
@FunctionalInterface
public interface PullProgress {
    PullProgress NONE = (received, pages) -> {};

    void committed(long received, long pages);
}
