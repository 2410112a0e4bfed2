package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.allPages;
import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.data.Item;
import io.ipaas.bcsandbox.odata.ODataTime;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagingTest {
    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox =
                BcSandbox.builder().seed(7).items(50).variantsPerItem(2).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.stats().reset();
    }

    @Test
    void maxPageSize7Over50ItemsReturnsEachIdOnceInCeil50Over7Requests() {
        Instant since = sandbox.dataset().anchor().minusSeconds(100L * 86_400);
        String filter = "lastModifiedDateTime gt " + ODataTime.format(since);
        String url = client.items(BcSandbox.CRONUS_USA) + "?$filter=" + encode(filter);

        Set<String> ids = new HashSet<>();
        int pages = 0;
        String next = url;
        while (next != null) {
            HttpResponse<String> response = get(next, token, "Prefer", "odata.maxpagesize=7");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(
                    "odata.maxpagesize=7",
                    response.headers().firstValue("Preference-Applied").orElseThrow());
            JsonNode page = json(response);
            pages++;
            assertTrue(page.get("value").size() <= 7);
            for (JsonNode item : page.get("value")) {
                assertTrue(ids.add(item.get("id").asText()), "returned twice: " + item.get("id"));
            }
            next = page.hasNonNull("@odata.nextLink")
                    ? page.get("@odata.nextLink").asText()
                    : null;
            if (next != null) {
                assertTrue(
                        next.startsWith(sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/items?"),
                        "absolute, same resource: " + next);
                assertTrue(next.contains("$filter=" + encode(filter)), "repeats the filter verbatim: " + next);
                assertTrue(next.contains("$skiptoken="), next);
                assertEquals(7, page.get("value").size(), "only full pages have a next link");
            }
        }
        assertEquals(50, ids.size());
        assertEquals(8, pages, "ceil(50 / 7)");
        assertEquals(8, sandbox.stats().requests("items"));
        assertEquals(Set.copyOf(sandbox.dataset().itemIds(BcSandbox.CRONUS_USA).toList()), ids);
    }

    @Test
    void exactMultipleOfThePageSizeNeedsNoEmptyLastPage() {
        List<JsonNode> pages = allPages(client.items(BcSandbox.CRONUS_USA), token, "Prefer", "odata.maxpagesize=10");
        assertEquals(5, pages.size(), "50 items, 10 per page, and no trailing empty page");
    }

    @Test
    void aFilteredPagedReadReturnsExactlyTheMatchingRecords() {
        List<Item> items = sandbox.dataset().items(BcSandbox.CRONUS_USA).toList();
        Instant median =
                items.stream().map(Item::lastModifiedDateTime).sorted().toList().get(25);
        Set<String> expected = items.stream()
                .filter(i -> !i.lastModifiedDateTime().isBefore(median))
                .map(i -> i.id().toString())
                .collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        String url = client.items(BcSandbox.CRONUS_USA) + "?$select=id&$filter="
                + encode("lastModifiedDateTime ge " + ODataTime.format(median));
        for (JsonNode page : allPages(url, token, "Prefer", "odata.maxpagesize=4")) {
            page.get("value").forEach(item -> assertTrue(seen.add(item.get("id").asText())));
        }
        assertEquals(expected, seen);
    }

    @Test
    void companyLevelVariantsPageCompletely() {
        Set<String> ids = new HashSet<>();
        List<JsonNode> pages = allPages(
                client.root() + "/companies(" + BcSandbox.CRONUS_USA + ")/itemVariants",
                token,
                "Prefer",
                "odata.maxpagesize=6");
        pages.forEach(page ->
                page.get("value").forEach(v -> assertTrue(ids.add(v.get("id").asText()))));
        long variants = sandbox.dataset().variantCount(BcSandbox.CRONUS_USA);
        assertEquals(49, variants, "items 0..49 have 0,1,2,0,1,2… variants");
        assertEquals(
                Set.copyOf(sandbox.dataset().variantIds(BcSandbox.CRONUS_USA).toList()), ids);
        assertEquals((variants + 5) / 6, pages.size());
        assertEquals(pages.size(), sandbox.stats().requests("itemVariants"));
    }

    @Test
    void withoutPreferThePageIsTheServerMaximumAndNothingIsApplied() {
        HttpResponse<String> response = get(client.items(BcSandbox.CRONUS_USA), token);
        assertEquals(50, json(response).get("value").size());
        assertNull(json(response).get("@odata.nextLink"));
        assertFalse(response.headers().firstValue("Preference-Applied").isPresent());

        try (BcSandbox small =
                BcSandbox.builder().items(25).maxPageSize(10).build().start()) {
            SandboxClient smallClient = new SandboxClient(small);
            List<JsonNode> pages = allPages(smallClient.items(BcSandbox.CRONUS_USA), smallClient.accessToken());
            assertEquals(
                    List.of(10, 10, 5),
                    pages.stream().map(p -> p.get("value").size()).toList());
        }
    }

    @Test
    void preferenceAboveTheMaximumIsCappedAndOtherPreferencesAreIgnored() {
        HttpResponse<String> big = get(client.items(BcSandbox.CRONUS_USA), token, "Prefer", "odata.maxpagesize=50000");
        assertEquals(
                "odata.maxpagesize=20000",
                big.headers().firstValue("Preference-Applied").orElseThrow());
        HttpResponse<String> mixed = get(
                client.items(BcSandbox.CRONUS_USA),
                token,
                "Prefer",
                "odata.include-annotations=\"*\", odata.maxpagesize=5");
        assertEquals(5, json(mixed).get("value").size());
        assertEquals(
                "odata.maxpagesize=5",
                mixed.headers().firstValue("Preference-Applied").orElseThrow());
    }

    @Test
    void topAbovePageSizePagesUntilTopIsReached() {
        List<JsonNode> pages =
                allPages(client.items(BcSandbox.CRONUS_USA) + "?$top=10", token, "Prefer", "odata.maxpagesize=7");
        assertEquals(
                List.of(7, 3), pages.stream().map(p -> p.get("value").size()).toList());
        String link = pages.get(0).get("@odata.nextLink").asText();
        assertTrue(link.contains("$top=3") && !link.contains("$top=10"), link);
    }

    @Test
    void skipTokensAreValidatedAndBoundToTheirCollection() {
        assertBcError(
                get(client.items(BcSandbox.CRONUS_USA) + "?$skiptoken=garbage", token), 400, "BadRequest_NotFound");
        String link = json(get(client.items(BcSandbox.CRONUS_USA), token, "Prefer", "odata.maxpagesize=3"))
                .get("@odata.nextLink")
                .asText();
        String skipToken = link.substring(link.indexOf("$skiptoken=") + "$skiptoken=".length());
        assertBcError(
                get(client.items(BcSandbox.CRONUS_CANADA) + "?$skiptoken=" + skipToken, token),
                400,
                "BadRequest_NotFound");
        assertBcError(
                get(
                        client.root() + "/companies(" + BcSandbox.CRONUS_USA + ")/itemVariants?$skiptoken=" + skipToken,
                        token),
                400,
                "BadRequest_NotFound");
    }

    @Test
    void skipStartsLaterAndIsNotRepeatedInTheNextLink() {
        JsonNode page =
                json(get(client.items(BcSandbox.CRONUS_USA) + "?$skip=45", token, "Prefer", "odata.maxpagesize=3"));
        assertEquals(
                sandbox.dataset()
                        .itemIds(BcSandbox.CRONUS_USA)
                        .skip(45)
                        .findFirst()
                        .orElseThrow(),
                page.get("value").get(0).get("id").asText());
        String link = page.get("@odata.nextLink").asText();
        assertFalse(link.contains("$skip="), link);
        JsonNode rest = json(get(link, token, "Prefer", "odata.maxpagesize=3"));
        assertEquals(2, rest.get("value").size());
    }
}
