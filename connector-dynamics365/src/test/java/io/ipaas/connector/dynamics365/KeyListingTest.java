package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every current id of a set, whatever the look-back; computed entities list none. */
class KeyListingTest {
    @Test
    void theListingHoldsEveryIdOfTheSetAcrossPagesAndBeyondTheLookBack() {
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(30)
                .customers(25)
                .salesInvoices(60)
                .build()
                .start()) {
            Map<String, Object> raw = SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, 10);
            raw.put("transactionPollSearchDays", 2);
            raw.put("transferCustomerPriceGroups", true);
            try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
                for (String entity : new String[] {"customers", "salesInvoices", "items"}) {
                    Set<String> keys = new HashSet<>();
                    connector.entity(entity).keys().orElseThrow().forEach(keys::add);
                    Set<String> expected = new HashSet<>(
                            entity.equals("items")
                                    ? SandboxData.itemIds(sandbox)
                                    : sandbox.dataset()
                                            .rows(BcSandbox.CRONUS_USA, entity)
                                            .ids());
                    assertEquals(expected, keys, entity);
                }
                assertTrue(connector.entity("customerPriceGroups").keys().isEmpty(), "an ODataV4 page lists none");
                assertTrue(connector.entity("companies").keys().isEmpty(), "nor the environment's companies");
            }
        }
    }
}
