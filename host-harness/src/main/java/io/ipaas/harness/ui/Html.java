package io.ipaas.harness.ui;

/** Escaping and the page frame every page shares: a header with the product's name, the content, a stylesheet. */
final class Html {
    private Html() {}

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: {@code body} is already escaped HTML. */
    static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Integration host</title>"
                + "<link rel=\"stylesheet\" href=\"/static/ui.css\"><script src=\"/static/ui.js\" defer></script>"
                + "</head><body><header><a class=\"brand\" href=\"/\">Integration host</a>"
                + "<nav><a href=\"/\">Subscriptions</a><a href=\"/plugins\">Plugins</a><a href=\"/log\">Log</a></nav>"
                + "</header>"
                + "<main>" + body + "</main></body></html>";
    }

    /** A POST form with the session's CSRF token and one submit button. */
    static String button(String action, String csrf, String label, String cssClass) {
        return "<form method=\"post\" action=\"" + escape(action) + "\" class=\"inline\">" + csrfField(csrf)
                + "<button type=\"submit\" class=\"" + escape(cssClass) + "\">" + escape(label) + "</button></form>";
    }

    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + escape(csrf) + "\">";
    }
}
