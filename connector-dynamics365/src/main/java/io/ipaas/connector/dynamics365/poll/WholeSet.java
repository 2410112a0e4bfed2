package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.ODataEntity;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads every page of a set, checking each continuation link, up to a bound that says what to narrow. */
final class WholeSet {
    private WholeSet() {}

    /**
     * @param problem why a continuation link must not be followed, if it must not
     * @param maxRows the most entities read; more fail the read with {@code tooMany}
     */
    static void read(
            BcHttpClient client,
            URI first,
            int pageSize,
            Function<String, Optional<String>> problem,
            int maxRows,
            Function<Integer, ConnectorException> tooMany,
            String what,
            Consumer<ODataEntity> entities) {
        int[] rows = {0};
        URI uri = first;
        while (true) {
            Optional<String> next = client.page(uri, Optional.of(pageSize), entity -> {
                if (++rows[0] > maxRows) {
                    throw tooMany.apply(maxRows);
                }
                entities.accept(entity);
            });
            if (next.isEmpty()) {
                return;
            }
            Optional<String> refused = problem.apply(next.get());
            if (refused.isPresent()) {
                throw ConnectorException.remote(
                        "Business Central sent a continuation link for " + what + " that is not followed: "
                                + refused.get() + "; nothing was stored",
                        null);
            }
            uri = URI.create(next.get());
        }
    }
}
