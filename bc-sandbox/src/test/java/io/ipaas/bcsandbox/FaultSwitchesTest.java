package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Transport faults, BC's per-user limits and the console that drives them on the standalone sandbox. */
class FaultSwitchesTest {

    private static String items(BcSandbox sandbox) {
        return sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/items";
    }

    @Test
    void slowTruncatedAndResetRequestsFailAsANetworkWould() {
        try (BcSandbox sandbox = BcSandbox.builder().items(50).build().start()) {
            String token = new SandboxClient(sandbox).accessToken();
            sandbox.faults().slowNext(1, Duration.ofMillis(400));
            long started = System.nanoTime();
            assertEquals(200, get(items(sandbox), token).statusCode());
            assertTrue(System.nanoTime() - started >= 400_000_000L, "answered after the delay");

            sandbox.faults().truncateNext(1);
            boolean broken;
            try {
                HttpResponse<String> truncated = get(items(sandbox), token);
                broken = truncated.body().length() < 1000
                        && !truncated.body().trim().endsWith("}");
            } catch (UncheckedIOException e) {
                broken = true; // the client noticed the body ended early
            }
            assertTrue(broken, "a page that stops halfway");

            // the JDK client repeats a GET once when the connection closes before an answer: reset both
            sandbox.faults().resetNext(2);
            assertThrows(UncheckedIOException.class, () -> get(items(sandbox), token), "no answer at all");
            assertEquals(200, get(items(sandbox), token).statusCode(), "then the sandbox answers again");
        }
    }

    @Test
    void bcsLimitsAnswer429WithRetryAfter() throws Exception {
        try (BcSandbox sandbox =
                BcSandbox.builder().items(5).requestLimits(1, 4).build().start()) {
            String token = new SandboxClient(sandbox).accessToken();
            sandbox.faults().slowNext(1, Duration.ofMillis(800));
            CompletableFuture<HttpResponse<String>> slow =
                    CompletableFuture.supplyAsync(() -> get(items(sandbox), token));
            Thread.sleep(300);
            HttpResponse<String> second = get(items(sandbox), token);
            assertBcError(second, 429, "Application_TooManyRequests");
            assertTrue(second.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, slow.get().statusCode());
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(get(items(sandbox), token).statusCode());
            }
            // 4 in five minutes: the slow one and the refused one counted, then two more, then 429
            assertEquals(List.of(200, 200, 429), statuses);
        }
    }

    @Test
    void theConsoleChangesRecordsAndInjectsFaults() {
        try (BcSandbox sandbox = BcSandbox.builder().items(5).build().start()) {
            SandboxConsole console = new SandboxConsole(sandbox);
            String token = new SandboxClient(sandbox).accessToken();
            assertTrue(console.execute("help").contains("truncate COUNT"));
            assertEquals("the next 2 request(s) fail with 503", console.execute("fail 503 2"));
            assertEquals(503, get(items(sandbox), token).statusCode());
            assertEquals(503, get(items(sandbox), token).statusCode());
            assertEquals(200, get(items(sandbox), token).statusCode());
            String customer = sandbox.dataset()
                    .rows(BcSandbox.CRONUS_USA, "customers")
                    .ids()
                    .get(0);
            assertTrue(console.execute("touch customers " + customer).startsWith("touched customers " + customer));
            assertTrue(console.execute("create salesOrders canada").startsWith("created salesOrders "));
            assertTrue(console.execute("delete customers " + customer).startsWith("deleted customers"));
            assertEquals(
                    404,
                    get(
                                    sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/customers(" + customer
                                            + ")",
                                    token)
                            .statusCode());
            assertTrue(console.execute("fail 503").startsWith("error: fail needs 2 argument(s)"));
            assertTrue(console.execute("touch customers not-a-guid").startsWith("error: "));
            assertEquals("unknown command 'frobnicate'; type help", console.execute("frobnicate"));
        }
    }
}
