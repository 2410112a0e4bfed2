package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.get;
import static io.ipaas.bcsandbox.SandboxClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void concurrentClientsGetConsistentAnswersAndCounters() throws Exception {
        try (BcSandbox sandbox = BcSandbox.builder().items(500).build().start()) {
            SandboxClient client = new SandboxClient(sandbox);
            String url = client.items(BcSandbox.CRONUS_USA) + "?$expand=itemVariants";
            String expected = json(get(url, client.accessToken())).get("value").toString();
            sandbox.stats().reset();

            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    calls.add(() ->
                            json(get(url, client.accessToken())).get("value").toString());
                }
                for (Future<String> answer : pool.invokeAll(calls)) {
                    assertEquals(expected, answer.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(48, sandbox.stats().tokenRequests());
            assertEquals(48, sandbox.stats().apiRequests());
            assertEquals(48, sandbox.stats().responses(200));
            assertTrue(sandbox.stats().peakConcurrency() > 1, "requests really overlapped");
        }
    }
}
