package io.ipaas.connector.example;

import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingGroup;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.SettingType;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** The settings, declared once: the host derives the form, the JSON Schema and the validation from them. */
final class ExampleSettings {
    static final String BASE_URL = "baseUrl";
    static final String API_KEY = "apiKey";
    static final String PAGE_SIZE = "pageSize";
    static final int MAX_PAGE_SIZE = 500;

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private ExampleSettings() {}

    static SettingsSpec spec() {
        return new SettingsSpec(
                List.of(new SettingGroup("connection", "Connection", 1), new SettingGroup("sync", "Sync", 2)),
                List.of(
                        SettingDefinition.builder(BASE_URL, SettingType.URL)
                                .title("API address")
                                .description("Where the contacts API answers, without the /v1 part. Use https; "
                                        + "plain http is accepted only on this machine (127.0.0.1 or localhost).")
                                .example("https://contacts.example.com")
                                .required()
                                .group("connection", 1)
                                .build(),
                        SettingDefinition.builder(API_KEY, SettingType.SECRET)
                                .title("API key")
                                .description("The key from the API's account page. It is sent in the X-Api-Key "
                                        + "header to the API address only, and stored encrypted by the host.")
                                .length(8, 200)
                                .required()
                                .group("connection", 2)
                                .build(),
                        SettingDefinition.builder(PAGE_SIZE, SettingType.INTEGER)
                                .title("Page size")
                                .description("Contacts asked for per request (the limit parameter). Larger pages "
                                        + "mean fewer requests; smaller pages commit progress more often.")
                                .defaultValue(100)
                                .range(1, MAX_PAGE_SIZE)
                                .group("sync", 1)
                                .advanced()
                                .build()),
                List.of(),
                List.of());
    }

    /**
     * The API key must not cross a network in clear text: http only to this machine. The host calls this with the
     * values that passed their own checks, so an invalid baseUrl is absent here (and reported already).
     */
    static List<SettingProblem> check(Settings settings) {
        if (settings.optionalString(BASE_URL).isEmpty()) {
            return List.of();
        }
        URI url = URI.create(settings.string(BASE_URL));
        if ("http".equalsIgnoreCase(url.getScheme()) && !LOOPBACK.contains(url.getHost())) {
            return List.of(new SettingProblem(
                    BASE_URL,
                    "must use https (plain http would send the API key in clear text); http is allowed only for "
                            + "127.0.0.1 or localhost, got '" + url + "'"));
        }
        if (url.getQuery() != null || url.getFragment() != null) {
            return List.of(new SettingProblem(
                    BASE_URL, "must not carry a query or a fragment, got '" + url + "'; use the API's address only"));
        }
        return List.of();
    }
}
