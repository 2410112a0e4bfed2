package io.ipaas.connector.api.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {
    @Test
    void hostsHandConnectorsLowerCaseHeadersAndADecodedQuery() {
        WebhookRequest request = WebhookRequest.of(
                "POST",
                Map.of("Content-type", List.of("application/json"), "X-Trace", List.of("a")),
                "validationToken=a%2Bb%20c&validationToken=second&bad=%zz&flag",
                new byte[] {1},
                Instant.EPOCH);
        assertEquals(List.of("application/json"), request.headers().get("content-type"));
        assertEquals(List.of("a"), request.headers().get("x-trace"));
        assertEquals("a+b c", request.query().get("validationToken"), "decoded, the first kept");
        assertFalse(request.query().containsKey("bad"), "a malformed escape is left out");
        assertEquals("", request.query().get("flag"));
        assertEquals(
                Map.of(),
                WebhookRequest.of("GET", Map.of(), null, new byte[0], Instant.EPOCH)
                        .query());
    }
}
