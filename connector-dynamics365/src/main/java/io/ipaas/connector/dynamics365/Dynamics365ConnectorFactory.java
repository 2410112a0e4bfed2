package io.ipaas.connector.dynamics365;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.ConnectorInfo;
import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.dynamics365.auth.ClientSecretAuth;
import io.ipaas.connector.dynamics365.auth.EntraTokenClient;
import io.ipaas.connector.dynamics365.entity.BcEntities;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.RequestCounters;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import io.ipaas.connector.dynamics365.settings.CrossFieldRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.pf4j.Extension;

/** The Business Central connector's entry point, discovered by the host through PF4J. */
@Extension
public final class Dynamics365ConnectorFactory implements ConnectorFactory {
    public static final String ID = "dynamics365";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> DEFAULT_MAPPINGS = List.of("items", "itemVariants");

    @Override
    public ConnectorInfo info() {
        return new ConnectorInfo(ID, "Microsoft Dynamics 365 Business Central", version(),
                "Reads items and item variants from Business Central online (API v2.0) through Microsoft Entra ID.",
                Set.of(AuthKind.CLIENT_CREDENTIALS),
                BcEntities.ALL.stream().map(EntityDefinition::descriptor).toList());
    }

    @Override
    public SettingsSpec settings() {
        return BcSettings.spec();
    }

    @Override
    public List<SettingProblem> validate(Settings settings) {
        return CrossFieldRules.check(settings);
    }

    @Override
    public List<DefaultMapping> defaultMappings() {
        return DEFAULT_MAPPINGS.stream().map(name -> new DefaultMapping("dynamics365-" + name, resource("mappings/" + name + ".json")))
                .toList();
    }

    @Override
    public Connector open(Settings settings, ConnectorContext context) {
        List<SettingProblem> problems = CrossFieldRules.check(settings);
        if (!problems.isEmpty()) {
            throw ConnectorException.configuration(problems.get(0).key(), problems.get(0).toString());
        }
        String grantType = settings.string(BcSettings.GRANT_TYPE);
        if (!BcSettings.GRANT_CLIENT_CREDENTIALS.equals(grantType)) {
            throw ConnectorException.unsupported(BcSettings.GRANT_TYPE + " '" + grantType
                    + "' is not available in this connector version; use " + BcSettings.GRANT_CLIENT_CREDENTIALS);
        }
        RequestCounters counters = new RequestCounters();
        String tenant = settings.string(BcSettings.TENANT_ID);
        EntraTokenClient tokenClient = new EntraTokenClient(URI.create(settings.string(BcSettings.AUTHORITY_URL)), tenant,
                context.clock(), counters, TOKEN_TIMEOUT);
        Secret secret = settings.secret(BcSettings.CLIENT_SECRET).orElseThrow(() -> ConnectorException.configuration(
                BcSettings.CLIENT_SECRET, BcSettings.CLIENT_SECRET + " is required for client credentials"));
        ClientSecretAuth auth = new ClientSecretAuth(tokenClient, settings.string(BcSettings.CLIENT_ID), secret,
                settings.string(BcSettings.SCOPES), context.clock());
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        BcApiUrls urls = new BcApiUrls(URI.create(settings.string(BcSettings.API_URL)), tenant,
                settings.string(BcSettings.ENVIRONMENT));
        BcHttpClient client = new BcHttpClient(http, auth, counters, context.logger(), REQUEST_TIMEOUT);
        return new Dynamics365Connector(settings, context, auth, client, urls, counters);
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = Dynamics365ConnectorFactory.class.getResourceAsStream("connector.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "0.0.0");
    }

    private static String resource(String path) {
        try (InputStream in = Dynamics365ConnectorFactory.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("default mapping missing from the plugin: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
