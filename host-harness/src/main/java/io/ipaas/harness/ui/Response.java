package io.ipaas.harness.ui;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a page answers: status, content type, extra headers, body. */
record Response(int status, String contentType, Map<String, String> headers, byte[] body) {

    static Response html(int status, String html) {
        return new Response(status, "text/html; charset=utf-8", Map.of(), html.getBytes(StandardCharsets.UTF_8));
    }

    static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** After a POST, the page to show next (303: the browser GETs it, a reload does not post again). */
    static Response redirect(String location) {
        return new Response(303, "text/plain; charset=utf-8", Map.of("Location", location), new byte[0]);
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, Map.copyOf(more), body);
    }
}
