package io.ipaas.connector.dynamics365.odata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BC's OData escaping of names and enum members: {@code _x0020_} for a space, {@code _x002D_} for a hyphen. */
public final class ODataNames {
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private ODataNames() {}

    /** {@code Customer_x0020_Price_x0020_Group} → {@code Customer Price Group}; other text is left as it is. */
    public static String unescape(String text) {
        Matcher matcher = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(matcher.group(1), 16))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
