package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.error.ConnectorException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Sends requests to the contacts service: counts them and turns a refused key into the SPI's error. */
final class RemoteCalls {
    private final AtomicLong count = new AtomicLong();

    <T> T call(Supplier<T> request) {
        count.incrementAndGet();
        try {
            return request.get();
        } catch (ContactsRemote.Refused e) {
            throw ConnectorException.authentication(
                    ContactsConnectorFactory.API_KEY,
                    "the contacts service refused the API key; paste the key it issued for this integration",
                    e);
        }
    }

    long count() {
        return count.get();
    }
}
