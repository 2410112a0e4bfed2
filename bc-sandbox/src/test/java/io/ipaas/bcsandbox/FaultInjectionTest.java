package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.bcsandbox.odata.RecordFault;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private static BcSandbox sandbox;
    private static SandboxClient client;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(10).build().start();
        client = new SandboxClient(sandbox);
        token = client.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
        sandbox.stats().reset();
    }

    @Test
    void throttlingAnswers429WithTheFixtureBodyAndRetryAfterThenRecovers() {
        sandbox.faults().retryAfterSeconds(30).failNext(2, 429);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> throttled = get(client.items(BcSandbox.CRONUS_USA), token);
            JsonNode error = assertBcError(throttled, 429, "Application_TooManyRequests");
            assertEquals("30", throttled.headers().firstValue("Retry-After").orElseThrow());
            String text = error.get("message").asText();
            assertEquals(
                    "The request was throttled because too many requests were sent for this user. Retry after"
                            + " the interval given in the Retry-After header.",
                    text.substring(0, text.indexOf("  CorrelationId")),
                    "fixture error_throttled_429.json");
        }
        assertEquals(200, get(client.items(BcSandbox.CRONUS_USA), token).statusCode());
        assertEquals(2, sandbox.stats().responses(429));
        assertEquals(3, sandbox.stats().requests("items"), "throttled calls count as calls");
    }

    @Test
    void aBrokenRecordIsServedWithoutItsIdOrWithAnUnparsableTimestampUntilCleared() {
        sandbox.faults()
                .breakRecord(BcSandbox.CRONUS_USA, "items", 1, RecordFault.MISSING_ID)
                .breakRecord(BcSandbox.CRONUS_USA, "items", 2, RecordFault.UNPARSABLE_LAST_MODIFIED);
        JsonNode page = SandboxClient.json(get(client.items(BcSandbox.CRONUS_USA) + "?$top=3", token));
        JsonNode values = page.get("value");
        assertEquals(3, values.size());
        assertTrue(values.get(0).has("id"));
        assertFalse(values.get(1).has("id"), "MISSING_ID");
        assertTrue(values.get(1).has("number"), "the rest of the record is served");
        assertEquals("not-a-date", values.get(2).get("lastModifiedDateTime").asText());
        sandbox.faults().clear();
        JsonNode healed = SandboxClient.json(get(client.items(BcSandbox.CRONUS_USA) + "?$top=3", token));
        assertTrue(healed.get("value").get(1).has("id"));
    }

    @Test
    void serviceUnavailableCarriesRetryAfterAndDefaultsToOneSecond() {
        sandbox.faults().failNext(1, 503);
        HttpResponse<String> unavailable = get(client.root() + "/companies", token);
        assertEquals(503, unavailable.statusCode());
        assertEquals("1", unavailable.headers().firstValue("Retry-After").orElseThrow());
        sandbox.faults().retryAfterSeconds(0).failNext(1, 500);
        HttpResponse<String> broken = get(client.root() + "/companies", token);
        assertBcError(broken, 500, "Internal_ServerError");
        assertFalse(broken.headers().firstValue("Retry-After").isPresent());
        assertEquals(0, sandbox.faults().pendingFailures());
    }

    @Test
    void requestsWithoutAValidTokenDoNotConsumeInjectedFailures() {
        sandbox.faults().failNext(1, 429);
        assertBcError(get(client.root() + "/companies", null), 401, "Authentication_InvalidCredentials");
        assertEquals(1, sandbox.faults().pendingFailures());
        assertBcError(get(client.root() + "/companies", token), 429, "Application_TooManyRequests");
    }
}
