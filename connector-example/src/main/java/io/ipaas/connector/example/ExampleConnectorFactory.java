package io.ipaas.connector.example;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.ConnectorInfo;
import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.connector.api.PluginBuild;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.entity.Direction;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The example connector's entry point: a PF4J extension the host finds through {@code META-INF/extensions.idx}.
 * Stateless and cheap; the host calls {@link #info()} and {@link #settings()} before any credentials exist.
 */
@Extension
public final class ExampleConnectorFactory implements ConnectorFactory {
    static final EntityDescriptor CONTACTS = new EntityDescriptor(
            ContactsPoller.ENTITY,
            "Contacts",
            List.of("id"),
            Optional.of("updatedAt"),
            Set.of(Direction.INBOUND, Direction.OUTBOUND),
            true);
    private static final PluginBuild PLUGIN = PluginBuild.of(ExampleConnectorFactory.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public ConnectorInfo info() {
        return new ConnectorInfo(
                PLUGIN.id(),
                "Example contacts API",
                PLUGIN.version(),
                "Reads and writes the contacts of the example contacts API with an API key: incremental pulls by "
                        + "update time and cursor, deletions, idempotent upserts and signed webhooks. Written as a "
                        + "model to copy.",
                Set.of(AuthKind.API_KEY),
                List.of(CONTACTS));
    }

    @Override
    public SettingsSpec settings() {
        return ExampleSettings.spec();
    }

    @Override
    public List<SettingProblem> validate(Settings settings) {
        return ExampleSettings.check(settings);
    }

    @Override
    public List<DefaultMapping> defaultMappings() {
        return List.of(new DefaultMapping("example-contacts", resource("mappings/contacts.json")));
    }

    /** No network here: {@link Connector#check()} makes the first request. */
    @Override
    public Connector open(Settings settings, ConnectorContext context) {
        List<SettingProblem> problems = ExampleSettings.check(settings);
        if (!problems.isEmpty()) {
            throw ConnectorException.configuration(
                    problems.get(0).key(), problems.get(0).toString());
        }
        URI baseUrl = URI.create(settings.string(ExampleSettings.BASE_URL));
        ApiKeyAuth auth = new ApiKeyAuth(
                settings.secret(ExampleSettings.API_KEY)
                        .orElseThrow(() -> ConnectorException.configuration(
                                ExampleSettings.API_KEY, ExampleSettings.API_KEY + " is required")),
                baseUrl.getHost());
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Metrics metrics = new Metrics();
        ContactsApi api = new ContactsApi(http, baseUrl, auth, metrics, context.clock(), context.logger());
        return new ExampleConnector(
                api,
                auth,
                metrics,
                settings.integer(ExampleSettings.PAGE_SIZE),
                new ContactsWebhooks(api, context.secrets(), context.clock()));
    }

    private static String resource(String path) {
        try (InputStream in = ExampleConnectorFactory.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("default mapping missing from the plugin: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
