package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.error.ConnectorException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Sends requests to the contacts service: counts them and turns the service's refusals into the SPI's errors. */
final class RemoteCalls {
    private final AtomicLong count = new AtomicLong();
    private final Set<Flaw> flaws;

    RemoteCalls(Set<Flaw> flaws) {
        this.flaws = flaws;
    }

    <T> T call(Supplier<T> request) {
        count.incrementAndGet();
        try {
            return request.get();
        } catch (ContactsRemote.Refused e) {
            throw ConnectorException.authentication(
                    ContactsConnectorFactory.API_KEY,
                    "the contacts service refused the API key; paste the key it issued for this integration",
                    e);
        } catch (ContactsRemote.Busy e) {
            if (flaws.contains(Flaw.THROTTLING_IS_INTERNAL)) {
                throw ConnectorException.internal("the contacts service failed: " + e.getMessage(), e);
            }
            throw ConnectorException.transientFailure(
                    "the contacts service is busy (" + e.getMessage() + "); retrying later",
                    e.retryAfter().orElse(null),
                    e);
        }
    }

    long count() {
        return count.get();
    }
}
