package io.ipaas.harness.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The newest lines of the log that hold a text, for the web UI. Nothing secret is written to the log by design; this
 * masks anything shaped like a credential anyway (a JWT, a bearer token, a secret or password parameter), so a slip
 * elsewhere never reaches a page.
 */
public final class LogExcerpt {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)((?:client_secret|password|secret|refresh_token|access_token|client_assertion|code_verifier)"
                    + "[\"']?\\s*[=:]\\s*[\"']?)[^&\\s\"',}]+");

    private LogExcerpt() {}

    /** At most {@code limit} of the newest lines holding {@code filter} (any case; empty: every line), masked. */
    public static List<String> newest(Path file, String filter, int limit) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String wanted = filter.toLowerCase(Locale.ROOT);
        Deque<String> kept = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(line ->
                            wanted.isEmpty() || line.toLowerCase(Locale.ROOT).contains(wanted))
                    .forEach(line -> {
                        kept.addLast(line);
                        if (kept.size() > limit) {
                            kept.removeFirst();
                        }
                    });
        }
        List<String> masked = new ArrayList<>(kept.size());
        kept.forEach(line -> masked.add(mask(line)));
        return masked;
    }

    static String mask(String line) {
        String masked = JWT.matcher(line).replaceAll("***");
        masked = BEARER.matcher(masked).replaceAll("$1***");
        return PARAMETER.matcher(masked).replaceAll("$1***");
    }
}
