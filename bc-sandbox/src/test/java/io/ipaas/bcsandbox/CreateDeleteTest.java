package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.allPages;
import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.ItemVariant;
import io.ipaas.bcsandbox.odata.ODataTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CreateDeleteTest {
    private static final UUID USA = BcSandbox.CRONUS_USA;

    @Test
    void aCreatedItemIsListedAndFoundByItsTimestampWithTheVariantsItsPositionGets() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:14:02.407Z"));
        try (BcSandbox sandbox = BcSandbox.builder()
                .items(10)
                .variantsPerItem(2)
                .clock(clock)
                .build()
                .start()) {
            SandboxClient client = new SandboxClient(sandbox);
            String token = client.accessToken();
            long variantsBefore = sandbox.dataset().variantCount(USA);
            Instant watermark = clock.instant();
            clock.advance(Duration.ofSeconds(3));

            // position 10 gets 10 % 3 = 1 variant, position 11 gets 2
            UUID first = sandbox.createItem(USA);
            UUID second = sandbox.createItem(USA);

            assertEquals(12, sandbox.dataset().itemCount(USA));
            assertEquals(variantsBefore + 3, sandbox.dataset().variantCount(USA));
            assertEquals(12, values(allPages(client.items(USA), token)).size());
            JsonNode changed = json(get(
                    client.items(USA) + "?$filter=" + encode("lastModifiedDateTime gt " + ODataTime.format(watermark)),
                    token));
            assertEquals(
                    Set.of(first.toString(), second.toString()),
                    ids(changed.get("value")),
                    "only the created items are newer than the watermark");
            List<ItemVariant> variants = sandbox.dataset().variantsOf(USA, second);
            assertEquals(2, variants.size());
            variants.forEach(v -> assertEquals(clock.instant(), v.lastModifiedDateTime(), "created with the item"));
            assertEquals(200, get(client.items(USA) + "(" + first + ")", token).statusCode());
        }
    }

    @Test
    void aDeletedItemAndItsVariantsAreGoneWithoutATombstone() {
        try (BcSandbox sandbox =
                BcSandbox.builder().items(9).variantsPerItem(2).build().start()) {
            SandboxClient client = new SandboxClient(sandbox);
            String token = client.accessToken();
            // item 2 has two variants
            UUID doomed = UUID.fromString(
                    sandbox.dataset().itemIds(USA).skip(2).findFirst().orElseThrow());
            Set<String> doomedVariants = sandbox.dataset().variantsOf(USA, doomed).stream()
                    .map(v -> v.id().toString())
                    .collect(Collectors.toSet());
            assertEquals(2, doomedVariants.size());
            long variantsBefore = sandbox.dataset().variantCount(USA);

            sandbox.deleteItem(USA, doomed);

            assertEquals(8, sandbox.dataset().itemCount(USA));
            assertEquals(variantsBefore - 2, sandbox.dataset().variantCount(USA));
            assertFalse(sandbox.dataset().itemIds(USA).toList().contains(doomed.toString()));
            Set<String> listed = ids(values(allPages(client.items(USA), token)));
            assertEquals(8, listed.size());
            assertFalse(listed.contains(doomed.toString()));
            Set<String> variants = ids(values(allPages(client.root() + "/companies(" + USA + ")/itemVariants", token)));
            assertEquals(variantsBefore - 2, variants.size());
            assertTrue(variants.stream().noneMatch(doomedVariants::contains), "variants go with their item");
            assertEquals(404, get(client.items(USA) + "(" + doomed + ")", token).statusCode());
            assertThrows(IllegalArgumentException.class, () -> sandbox.deleteItem(USA, doomed), "deleted twice");
        }
    }

    private static List<JsonNode> values(List<JsonNode> pages) {
        List<JsonNode> values = new ArrayList<>();
        pages.forEach(page -> page.get("value").forEach(values::add));
        return values;
    }

    private static Set<String> ids(Iterable<JsonNode> values) {
        Set<String> ids = new HashSet<>();
        values.forEach(v -> ids.add(v.get("id").asText()));
        return ids;
    }
}
