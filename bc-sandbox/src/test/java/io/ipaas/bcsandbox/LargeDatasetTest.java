package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.CompanyData;
import io.ipaas.bcsandbox.odata.ODataTime;
import io.ipaas.bcsandbox.odata.SkipToken;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A million items: generation is lazy, so the first and the last pages are as quick as any other. */
class LargeDatasetTest {
    private static final int MILLION = 1_000_000;
    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(MILLION).variantsPerItem(2).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void countsAreExactWithoutWalkingTheData() {
        assertEquals(MILLION, sandbox.dataset().itemCount(BcSandbox.CRONUS_USA));
        // 333,333 full cycles of (0 + 1 + 2) variants, then item 999,999 (999,999 % 3 = 0) adds none
        assertEquals(999_999L, sandbox.dataset().variantCount(BcSandbox.CRONUS_USA));
    }

    @Test
    void firstAndLastPagesComeBackQuickly() {
        long started = System.nanoTime();
        JsonNode first = json(get(client.items(BcSandbox.CRONUS_USA), token, "Prefer", "odata.maxpagesize=1000"));
        assertEquals(1000, first.get("value").size());
        assertTrue(first.get("@odata.nextLink").asText().contains("$skiptoken="));

        String nearTheEnd = SkipToken.encode("items:" + BcSandbox.CRONUS_USA, MILLION - 10);
        JsonNode last = json(get(
                client.items(BcSandbox.CRONUS_USA) + "?$skiptoken=" + nearTheEnd,
                token,
                "Prefer",
                "odata.maxpagesize=1000"));
        assertEquals(10, last.get("value").size());
        assertNull(last.get("@odata.nextLink"));
        String lastId = sandbox.dataset()
                .itemIds(BcSandbox.CRONUS_USA)
                .skip(MILLION - 1)
                .findFirst()
                .orElseThrow();
        assertEquals(lastId, last.get("value").get(9).get("id").asText());

        JsonNode byId = json(get(client.items(BcSandbox.CRONUS_USA) + "(" + lastId + ")?$expand=itemVariants", token));
        assertEquals(lastId, byId.get("id").asText(), "ids decode to their position: no scan");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000);
    }

    @Test
    void aFullPageOf20000IsStreamed() {
        JsonNode page = json(get(client.items(BcSandbox.CRONUS_USA) + "?$select=id,number", token));
        assertEquals(20_000, page.get("value").size(), "BC online's maximum page size");
        assertTrue(page.get("@odata.nextLink").asText().contains("$select=id,number"));
    }

    @Test
    void aSparseTimestampFilterScansAMillionRowsCheaply() {
        // the incremental-sync case: few records changed since the watermark
        Instant since = sandbox.dataset().anchor().minusSeconds(60);
        CompanyData data = sandbox.dataset().company(BcSandbox.CRONUS_USA);
        long expected = LongStream.range(0, MILLION)
                .filter(i -> data.itemModified(i).isAfter(since))
                .count();
        long started = System.nanoTime();
        String filter = "lastModifiedDateTime gt " + ODataTime.format(since);
        JsonNode page = json(get(client.items(BcSandbox.CRONUS_USA) + "?$filter=" + encode(filter), token));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertNull(page.get("@odata.nextLink"));
        assertEquals(expected, page.get("value").size());
        page.get("value")
                .forEach(item -> assertTrue(
                        Instant.parse(item.get("lastModifiedDateTime").asText()).isAfter(since)));
        assertTrue(millis < 5_000, "scan of a million rows took " + millis + " ms");
    }
}
