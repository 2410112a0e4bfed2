package io.ipaas.connector.dynamics365.settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authorize URL template of the iPaaS install guide, with its placeholders. Only the guide's
 * placeholders are accepted, so a typo is caught when settings are validated rather than at sign-in.
 */
public final class OAuthUrlTemplate {
    public static final String TENANT_ID = "{Tenant Id}";
    public static final String CLIENT_ID = "{SystemTypeVersion:ClientId}";
    public static final String SCOPES = "{SystemTypeVersion:Scopes}";
    public static final String REDIRECT_URL = "{iPaaSRedirectUrl}";
    public static final String CODE_CHALLENGE = "{CodeChallenge:43}";
    public static final String STATE = "{iPaaSState}";
    public static final List<String> KNOWN_PLACEHOLDERS =
            List.of(TENANT_ID, CLIENT_ID, SCOPES, REDIRECT_URL, CODE_CHALLENGE, STATE);
    static final String KNOWN_PLACEHOLDERS_TEXT = String.join(", ", KNOWN_PLACEHOLDERS);

    public static final String DEFAULT = "https://login.microsoftonline.com/" + TENANT_ID + "/oauth2/v2.0/authorize"
            + "?client_id=" + CLIENT_ID
            + "&response_type=code"
            + "&redirect_uri=" + REDIRECT_URL
            + "&response_mode=query"
            + "&scope=" + SCOPES
            + "&state=" + STATE
            + "&code_challenge=" + CODE_CHALLENGE
            + "&code_challenge_method=S256";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");

    private OAuthUrlTemplate() {}

    /** Problems with a template: unknown placeholders, unbalanced braces, a missing state or challenge. */
    public static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!KNOWN_PLACEHOLDERS.contains(matcher.group())) {
                problems.add("unknown placeholder " + matcher.group() + "; known placeholders are "
                        + KNOWN_PLACEHOLDERS_TEXT);
            }
        }
        String stripped = PLACEHOLDER.matcher(template).replaceAll("");
        if (stripped.indexOf('{') >= 0 || stripped.indexOf('}') >= 0) {
            problems.add("has an unbalanced '{' or '}'; placeholders look like " + STATE);
        }
        if (!template.startsWith("https://") && !template.startsWith("http://")) {
            problems.add("must start with https:// (the sign-in page address)");
        }
        for (String required : List.of(STATE, CODE_CHALLENGE, CLIENT_ID, REDIRECT_URL)) {
            if (!template.contains(required)) {
                problems.add("must contain " + required
                        + " so that each sign-in is bound to this subscription and protected by PKCE");
            }
        }
        return problems;
    }

    /** Fills every placeholder with its URL-encoded value. */
    public static String expand(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group());
            if (value == null) {
                throw new IllegalArgumentException("no value for placeholder " + matcher.group());
            }
            matcher.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
