package io.ipaas.bcsandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BcSandboxMainTest {

    @Test
    void parsesTheCommandLine() {
        BcSandboxMain.Options options = BcSandboxMain.Options.parse(new String[] {
            "--port",
            "0",
            "--items",
            "1_000",
            "--canada-items",
            "50",
            "--customers",
            "12",
            "--contacts",
            "0",
            "--seed",
            "7",
            "--variants-per-item",
            "3",
            "--client-secret",
            "x"
        });
        assertEquals(0, options.port());
        assertEquals(1000, options.items());
        assertEquals(50, options.canadaItems());
        assertEquals(
                50,
                BcSandbox.builder()
                        .canadaItems(options.canadaItems())
                        .build()
                        .dataset()
                        .itemCount(BcSandbox.CRONUS_CANADA),
                "CRONUS Canada holds the items asked for");
        assertEquals(12, options.customers());
        assertEquals(0, options.contacts());
        assertEquals(
                12,
                BcSandbox.builder()
                        .customers(options.customers())
                        .build()
                        .dataset()
                        .rows(BcSandbox.CRONUS_USA, "customers")
                        .ids()
                        .size());
        assertEquals(7, options.seed());
        assertEquals(3, options.variantsPerItem());
        assertEquals("x", options.clientSecret());
        assertEquals(BcSandbox.DEFAULT_CLIENT_ID, options.clientId());
        assertThrows(IllegalArgumentException.class, () -> BcSandboxMain.Options.parse(new String[] {"--items"}));
        assertThrows(IllegalArgumentException.class, () -> BcSandboxMain.Options.parse(new String[] {"--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> BcSandboxMain.Options.parse(new String[] {"--port", "x"}));
        // out of range: named by the flag the user typed, bounded by the builder
        for (String[] bad : List.of(
                new String[] {"--canada-items", "-1", "--canada-items must be 0..2147483647"},
                new String[] {"--items", "-5", "--items must be 0..2147483647"},
                new String[] {"--customers", "-1", "--customers must be 0..1000000"},
                new String[] {"--contacts", "2000000", "--contacts must be 0..1000000"},
                new String[] {"--variants-per-item", "999", "--variants-per-item must be 0..255"},
                new String[] {"--port", "70000", "--port must be 0..65535"})) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> BcSandboxMain.Options.parse(new String[] {bad[0], bad[1]}));
            assertEquals(bad[2], e.getMessage());
        }
    }

    @Test
    void aBrokenRecordCanBeAskedForOnTheCommandLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BcSandbox sandbox = BcSandboxMain.launch(
                new String[] {"--port", "0", "--items", "5", "--break-record", "items:1:MISSING_ID"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("served broken: CRONUS USA items at position 1"));
            SandboxClient client = new SandboxClient(sandbox);
            var values = SandboxClient.json(
                            SandboxClient.get(client.items(BcSandbox.CRONUS_USA) + "?$top=2", client.accessToken()))
                    .get("value");
            assertTrue(values.get(0).has("id"));
            assertFalse(values.get(1).has("id"), "position 1 is served without its id");
        }
        for (String bad : new String[] {"items:x:MISSING_ID", "items:1:WRONG", "customers:1:MISSING_ID", "items"}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> BcSandboxMain.Options.parse(new String[] {"--break-record", bad}));
            assertTrue(
                    e.getMessage().contains("--break-record") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void launchesAndPrintsWhatAClientNeeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BcSandbox sandbox = BcSandboxMain.launch(
                new String[] {"--port", "0", "--items", "25"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String banner = out.toString(StandardCharsets.UTF_8);
            assertTrue(banner.contains(sandbox.baseUri().toString()));
            assertTrue(banner.contains(sandbox.tenantId()));
            assertTrue(banner.contains("production"));
            assertTrue(
                    banner.contains(BcSandbox.DEFAULT_CLIENT_ID) && banner.contains(BcSandbox.DEFAULT_CLIENT_SECRET));
            assertTrue(banner.contains("O'Brien Supplies") && banner.contains("25 items"));
            assertTrue(banner.contains("curl "));
            SandboxClient client = new SandboxClient(sandbox);
            assertEquals(
                    200,
                    SandboxClient.get(client.root() + "/companies", client.accessToken())
                            .statusCode());
        }
    }

    @Test
    void faultAndLimitSwitchesReachTheRunningSandbox() {
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        try (BcSandbox sandbox = BcSandboxMain.launch(
                new String[] {
                    "--port",
                    "0",
                    "--items",
                    "25",
                    "--limits",
                    "2:100",
                    "--fail-next",
                    "503:1",
                    "--retry-after",
                    "0",
                    "--max-page-size",
                    "10",
                    "--token-lifetime",
                    "120",
                    "--sales-orders",
                    "3"
                },
                new PrintStream(banner, true, StandardCharsets.UTF_8))) {
            String text = banner.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("limits:        2 requests in flight, 100 per 5 minutes"), text);
            assertTrue(text.contains("3 sales orders"), text);
            SandboxClient client = new SandboxClient(sandbox);
            String token = client.accessToken();
            String items = client.items(BcSandbox.CRONUS_USA);
            assertEquals(503, SandboxClient.get(items, token).statusCode(), "--fail-next");
            var page = SandboxClient.json(SandboxClient.get(items, token));
            assertEquals(10, page.get("value").size(), "--max-page-size");
            assertEquals(120, sandbox.tokenLifetime().toSeconds());
        }
        for (String[] bad : List.of(
                new String[] {"--fail-next", "200:1"},
                new String[] {"--limits", "five"},
                new String[] {"--slow-next", "100"},
                new String[] {"--max-page-size", "0"},
                new String[] {"--reset-next", "-1"})) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BcSandboxMain.Options.parse(bad));
            assertTrue(e.getMessage().startsWith(bad[0]) || e.getMessage().contains(bad[0]), e.getMessage());
        }
    }
}
