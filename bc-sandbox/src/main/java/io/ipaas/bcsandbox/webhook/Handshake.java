package io.ipaas.bcsandbox.webhook;

import io.ipaas.bcsandbox.odata.BcException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * BC's validation call on create and renew (facts §5.2): {@code notificationUrl?validationToken=<token>}, answered
 * within 5 seconds with 200 and the token as the body, or the subscription is refused.
 */
final class Handshake {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;

    Handshake(HttpClient http) {
        this.http = http;
    }

    /** Validates the URL, or throws BC's error (the exact text BC uses is unconfirmed, facts §5.2). */
    void validate(String notificationUrl) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        String separator = notificationUrl.contains("?") ? "&" : "?";
        URI uri;
        try {
            uri = URI.create(notificationUrl + separator + "validationToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw refused(notificationUrl, "it is not a valid URL");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw refused(notificationUrl, "it did not answer within " + TIMEOUT.toSeconds() + " seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(notificationUrl, "the validation was interrupted");
        }
        if (response.statusCode() != 200) {
            throw refused(notificationUrl, "it answered the validation with HTTP " + response.statusCode());
        }
        if (!response.body().trim().equals(token)) {
            throw refused(notificationUrl, "it did not answer with the validation token");
        }
    }

    private static BcException refused(String url, String why) {
        return new BcException(
                400,
                "BadRequest",
                "The subscription cannot be created or renewed because the notification URL '" + url + "' could not be"
                        + " validated: " + why + ".");
    }
}
