package io.ipaas.connector.api.webhook;

import java.util.List;
import java.util.Objects;

/**
 * What the host answers to a webhook request, and the notices it must queue before answering.
 *
 * @param status HTTP status to answer
 * @param contentType content type of {@code body}
 * @param body response body (for example a handshake token echo)
 * @param notices validated change notices
 */
public record WebhookResponse(int status, String contentType, byte[] body, List<ChangeNotice> notices) {
    public WebhookResponse {
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
        notices = List.copyOf(notices);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
