package io.ipaas.connector.dynamics365;

import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.ConnectorInfo;
import io.ipaas.connector.api.DefaultMapping;
import io.ipaas.connector.api.PluginBuild;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.dynamics365.auth.AppCredential;
import io.ipaas.connector.dynamics365.auth.AuthorizationCodeAuth;
import io.ipaas.connector.dynamics365.auth.CertificateCredential;
import io.ipaas.connector.dynamics365.auth.ClientAssertion;
import io.ipaas.connector.dynamics365.auth.ClientCertificateAuth;
import io.ipaas.connector.dynamics365.auth.ClientSecretAuth;
import io.ipaas.connector.dynamics365.auth.EntraTokenClient;
import io.ipaas.connector.dynamics365.auth.TokenSource;
import io.ipaas.connector.dynamics365.entity.BcEntities;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.RateGovernor;
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
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/** The Business Central connector's entry point, discovered by the host through PF4J. */
@Extension
public final class Dynamics365ConnectorFactory implements ConnectorFactory {
    public static final String ID = "dynamics365";
    /** Id and version as the build wrote them (the manifest's); the id is {@link #ID}, checked by a test. */
    private static final PluginBuild BUILD = PluginBuild.of(Dynamics365ConnectorFactory.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public ConnectorInfo info() {
        return new ConnectorInfo(
                BUILD.id(),
                "Microsoft Dynamics 365 Business Central",
                BUILD.version(),
                "Reads companies, items with their variants, customers, contacts, sales orders, invoices and shipments "
                        + "with their lines, payment terms, currencies and units of measure from "
                        + "Business Central online (API v2.0), signing in through Microsoft Entra ID "
                        + "with a client secret, a certificate, or a user's sign-in.",
                Set.of(
                        AuthKind.OAUTH_CLIENT_CREDENTIALS,
                        AuthKind.OAUTH_CLIENT_CERTIFICATE,
                        AuthKind.OAUTH_AUTHORIZATION_CODE),
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
        // one mapping per catalogued entity, named after it
        return BcEntities.ALL.stream()
                .map(EntityDefinition::name)
                .map(name -> new DefaultMapping("dynamics365-" + name, resource("mappings/" + name + ".json")))
                .toList();
    }

    @Override
    public Connector open(Settings settings, ConnectorContext context) {
        List<SettingProblem> problems = CrossFieldRules.check(settings);
        if (!problems.isEmpty()) {
            throw ConnectorException.configuration(
                    problems.get(0).key(), problems.get(0).toString());
        }
        RequestCounters counters = new RequestCounters();
        String tenant = settings.string(BcSettings.TENANT_ID);
        EntraTokenClient tokenClient = new EntraTokenClient(
                URI.create(settings.string(BcSettings.AUTHORITY_URL)),
                tenant,
                context.clock(),
                counters,
                TOKEN_TIMEOUT);
        AuthStrategy auth = auth(settings, context, tokenClient);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        BcApiUrls urls = new BcApiUrls(
                URI.create(settings.string(BcSettings.API_URL)), tenant, settings.string(BcSettings.ENVIRONMENT));
        BcHttpClient client = new BcHttpClient(
                http, (TokenSource) auth, counters, context.logger(), REQUEST_TIMEOUT, governor(settings, context));
        return new Dynamics365Connector(settings, context, auth, (TokenSource) auth, client, urls, counters);
    }

    /**
     * BC's limits are per environment and principal: connections to the same environment as the same app (or, for
     * a user's sign-in, the same subscription) share one governor.
     */
    private static RateGovernor governor(Settings settings, ConnectorContext context) {
        String grant = settings.string(BcSettings.GRANT_TYPE);
        String principal = settings.string(BcSettings.CLIENT_ID) + "|" + grant
                + (grant.equals(BcSettings.GRANT_AUTHORIZATION_CODE) ? "|" + context.instanceId() : "");
        URI api = URI.create(settings.string(BcSettings.API_URL));
        return RateGovernor.shared(
                api.getHost() + ":" + api.getPort() + "|" + settings.string(BcSettings.TENANT_ID) + "|"
                        + settings.string(BcSettings.ENVIRONMENT) + "|" + principal,
                context.requestBudgetShare());
    }

    /** One strategy per grant type; each is also the token source of the OData client. */
    private static AuthStrategy auth(Settings settings, ConnectorContext context, EntraTokenClient tokenClient) {
        String clientId = settings.string(BcSettings.CLIENT_ID);
        String scopes = settings.string(BcSettings.SCOPES);
        String algorithm = settings.string(BcSettings.ASSERTION_ALGORITHM);
        Optional<String> password =
                settings.secret(BcSettings.CLIENT_CERTIFICATE_PASSWORD).map(Secret::reveal);
        return switch (settings.string(BcSettings.GRANT_TYPE)) {
            case BcSettings.GRANT_CLIENT_CREDENTIALS ->
                new ClientSecretAuth(
                        tokenClient,
                        clientId,
                        settings.secret(BcSettings.CLIENT_SECRET)
                                .orElseThrow(() -> ConnectorException.configuration(
                                        BcSettings.CLIENT_SECRET,
                                        BcSettings.CLIENT_SECRET + " is required for client credentials")),
                        scopes,
                        context.clock());
            case BcSettings.GRANT_CLIENT_CERTIFICATE ->
                new ClientCertificateAuth(
                        tokenClient,
                        clientId,
                        CertificateCredential.parse(
                                settings.secret(BcSettings.CLIENT_CERTIFICATE)
                                        .orElseThrow(() -> ConnectorException.configuration(
                                                BcSettings.CLIENT_CERTIFICATE,
                                                BcSettings.CLIENT_CERTIFICATE + " is required for client_certificate"))
                                        .reveal(),
                                password),
                        algorithm,
                        scopes,
                        context.clock());
            case BcSettings.GRANT_AUTHORIZATION_CODE ->
                new AuthorizationCodeAuth(
                        tokenClient,
                        clientId,
                        appCredential(settings, tokenClient, clientId, algorithm, password, context),
                        settings.string(BcSettings.TENANT_ID),
                        scopes,
                        settings.string(BcSettings.OAUTH_URL_TEMPLATE),
                        context);
            default ->
                throw ConnectorException.configuration(
                        BcSettings.GRANT_TYPE, "unknown grant type '" + settings.string(BcSettings.GRANT_TYPE) + "'");
        };
    }

    /** A confidential app redeems codes with its secret or certificate; without either it is a public client. */
    private static AppCredential appCredential(
            Settings settings,
            EntraTokenClient tokenClient,
            String clientId,
            String algorithm,
            Optional<String> password,
            ConnectorContext context) {
        Optional<Secret> secret = settings.secret(BcSettings.CLIENT_SECRET);
        if (secret.isPresent()) {
            ClientSecretPost post = new ClientSecretPost(
                    new ClientID(clientId),
                    new com.nimbusds.oauth2.sdk.auth.Secret(secret.get().reveal()));
            return () -> Optional.of(post);
        }
        Optional<Secret> certificate = settings.secret(BcSettings.CLIENT_CERTIFICATE);
        if (certificate.isPresent()) {
            CertificateCredential credential =
                    CertificateCredential.parse(certificate.get().reveal(), password);
            return () -> Optional.of(ClientAssertion.create(
                    clientId, tokenClient.tokenEndpoint(), credential, algorithm, context.clock()));
        }
        return Optional::empty;
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
