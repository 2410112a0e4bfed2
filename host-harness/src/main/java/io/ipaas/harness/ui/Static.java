package io.ipaas.harness.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The UI's stylesheet and script, from the class path; nothing else is served from there. */
final class Static {
    private static final Map<String, String> TYPES =
            Map.of("ui.css", "text/css; charset=utf-8", "ui.js", "text/javascript; charset=utf-8");

    private Static() {}

    static Response resource(String name) throws IOException {
        String type = TYPES.get(name);
        if (type == null) {
            return Response.text(404, "no such file");
        }
        try (InputStream in = Static.class.getResourceAsStream(name)) {
            if (in == null) {
                return Response.text(404, "no such file");
            }
            return new Response(200, type, Map.of(), in.readAllBytes());
        }
    }
}
