package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.ItemVariant;
import io.ipaas.bcsandbox.odata.ODataTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TouchTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-10T09:14:02.407Z"));
    private static BcSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(40).clock(CLOCK).build().start();
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void touchedRecordsShowUpInIncrementalFiltersWithANewEtag() {
        String token = client.accessToken();
        UUID itemId = UUID.fromString(sandbox.dataset()
                .itemIds(BcSandbox.CRONUS_USA)
                .skip(7)
                .findFirst()
                .orElseThrow());
        String itemUrl = client.items(BcSandbox.CRONUS_USA) + "(" + itemId + ")";
        JsonNode before = json(get(itemUrl, token));

        Instant watermark = CLOCK.instant();
        String changedSince = client.items(BcSandbox.CRONUS_USA) + "?$filter="
                + encode("lastModifiedDateTime gt " + ODataTime.format(watermark));
        assertEquals(0, json(get(changedSince, token)).get("value").size(), "generated data is older than the clock");

        CLOCK.advance(Duration.ofMillis(1500));
        Instant touched = sandbox.touch(BcSandbox.CRONUS_USA, "items", itemId);
        assertEquals(watermark.plusMillis(1500), touched);

        JsonNode changed = json(get(changedSince, token));
        assertEquals(1, changed.get("value").size());
        assertEquals(itemId.toString(), changed.get("value").get(0).get("id").asText());
        assertEquals(
                ODataTime.format(touched),
                changed.get("value").get(0).get("lastModifiedDateTime").asText());
        assertNotEquals(
                before.get("@odata.etag").asText(),
                changed.get("value").get(0).get("@odata.etag").asText());
        assertEquals(
                before.get("displayName").asText(),
                changed.get("value").get(0).get("displayName").asText());
    }

    @Test
    void variantsCanBeTouchedAndUnknownRecordsAreRefused() {
        ItemVariant variant =
                sandbox.dataset().variants(BcSandbox.CRONUS_CANADA).findFirst().orElseThrow();
        CLOCK.advance(Duration.ofSeconds(5));
        Instant touched = sandbox.touch(BcSandbox.CRONUS_CANADA, "itemVariants", variant.id());
        assertEquals(
                touched,
                sandbox.dataset()
                        .variant(BcSandbox.CRONUS_CANADA, variant.id())
                        .orElseThrow()
                        .lastModifiedDateTime());
        assertThrows(
                IllegalArgumentException.class,
                () -> sandbox.touch(BcSandbox.CRONUS_USA, "itemVariants", variant.id()),
                "belongs to another company");
        assertThrows(
                IllegalArgumentException.class, () -> sandbox.touch(BcSandbox.CRONUS_USA, "customers", variant.id()));
    }
}
