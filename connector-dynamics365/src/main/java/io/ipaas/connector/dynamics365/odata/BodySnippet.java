package io.ipaas.connector.dynamics365.odata;

/** What came back, shortened to one safe line for an error message. */
final class BodySnippet {
    static final int RECORDED_BYTES = 256;
    private static final int SHOWN_CHARS = 120;

    private BodySnippet() {}

    /**
     * The text's start on one line, with the bearer token we sent blanked in case a proxy echoed the request.
     *
     * @return {@code 'text…'} in quotes, or {@code an empty body}
     */
    static String of(String text, String token) {
        String line = text;
        if (token != null && !token.isEmpty()) {
            line = line.replace(token, "***");
        }
        line = line.replaceAll("(?i)(bearer\\s+)\\S+", "$1***")
                .replaceAll("\\p{Cntrl}+", " ")
                .replaceAll("\\s+", " ")
                .trim();
        if (line.isEmpty()) {
            return "an empty body";
        }
        return "'" + (line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) + "…" : line) + "'";
    }
}
