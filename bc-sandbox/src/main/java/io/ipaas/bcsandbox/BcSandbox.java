package io.ipaas.bcsandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.ipaas.bcsandbox.data.Company;
import io.ipaas.bcsandbox.data.Dataset;
import io.ipaas.bcsandbox.entra.EntraError;
import io.ipaas.bcsandbox.entra.IssuedToken;
import io.ipaas.bcsandbox.entra.TokenService;
import io.ipaas.bcsandbox.http.SandboxServer;
import io.ipaas.bcsandbox.odata.ApiService;
import io.ipaas.bcsandbox.odata.BcFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An emulated Business Central environment and its Entra ID tenant on a loopback port. The same base URI serves
 * as both the API URL ({@code /v2.0/{tenant}/{environment}/api/v2.0}) and the sign-in authority
 * ({@code /{tenant}/oauth2/v2.0/token}).
 */
public final class BcSandbox implements AutoCloseable {
    public static final String DEFAULT_TENANT = "6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36";
    public static final String DEFAULT_CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-secret";
    public static final UUID CRONUS_USA = UUID.fromString("4c1b9e2a-7d35-f011-a5f1-6045bd7e02c4");
    public static final UUID CRONUS_CANADA = UUID.fromString("9a7e3d51-2b64-f011-a5f1-6045bd7e02c4");
    public static final UUID OBRIEN = UUID.fromString("1d3f5a7c-9e2b-f011-a5f1-6045bd7e02c4");

    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern API_PATH = Pattern.compile("/v2\\.0/([^/]+)/([^/]+)/api/v2\\.0(?:/(.*))?");
    private static final Pattern PAGE_SIZE = Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d+)");

    private final Builder config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Dataset dataset;
    private final TokenService tokens;
    private final ApiService api;
    private final SandboxStats stats = new SandboxStats();
    private final SandboxFaults faults = new SandboxFaults();
    private SandboxServer server;

    private BcSandbox(Builder config) {
        this.config = config;
        List<Company> companies = List.of(
                new Company(CRONUS_USA, "CRONUS USA, Inc.", "CRONUS USA, Inc.", config.items),
                new Company(CRONUS_CANADA, "CRONUS Canada", "CRONUS Canada, Inc.", Math.min(config.items, 12)),
                new Company(OBRIEN, "O'Brien Supplies", "O'Brien Supplies Ltd.", Math.min(config.items, 5)));
        this.dataset = new Dataset(config.seed, config.variantsPerItem,
                config.clock.instant().minus(Duration.ofDays(91)).truncatedTo(ChronoUnit.DAYS), companies);
        this.tokens = new TokenService(config.tenantId, config.tenantDomain == null ? Set.of() : Set.of(config.tenantDomain),
                config.clients, config.tokenLifetime, config.clock);
        this.api = new ApiService(dataset);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the loopback port and starts answering. */
    public BcSandbox start() {
        try {
            server = new SandboxServer(config.port, this::handle, mapper);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the sandbox to 127.0.0.1:" + config.port, e);
        }
        server.start();
        return this;
    }

    public URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public String tenantId() {
        return config.tenantId;
    }

    public String environment() {
        return config.environment;
    }

    public List<Company> companies() {
        return dataset.companies();
    }

    public Dataset dataset() {
        return dataset;
    }

    public SandboxStats stats() {
        return stats;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** Marks a record as modified now, so {@code lastModifiedDateTime} filters find it. */
    public void touch(UUID companyId, String entitySet, UUID id) {
        dataset.touch(entitySet, id, config.clock.instant());
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Matcher token = TOKEN_PATH.matcher(path);
        if (token.matches()) {
            if (!exchange.getRequestMethod().equals("POST")) {
                throw BcFault.of(405, "BadRequest_MethodNotAllowed", "The token endpoint only accepts POST.").raise();
            }
            stats.token();
            answerToken(exchange, decode(token.group(1)));
            return;
        }
        Matcher api = API_PATH.matcher(path);
        if (!api.matches()) {
            throw BcFault.of(404, "BadRequest_NotFound", "No HTTP resource was found that matches the request URI '"
                    + baseUri() + path + "'.").raise();
        }
        String rest = api.group(3) == null ? "" : api.group(3);
        stats.api(entitySetOf(rest));
        String tenant = decode(api.group(1));
        IssuedToken issued = authenticate(exchange, tenant);
        if (!decode(api.group(2)).equals(config.environment)) {
            // BC online's exact body for an unknown environment is not documented (facts §10); code chosen here
            throw BcFault.of(404, "NoEnvironment", "Environment '" + decode(api.group(2))
                    + "' does not exist for tenant '" + tenant + "'.").raise();
        }
        if (faults.isUnregistered(issued.clientId())) {
            throw unauthenticated();
        }
        Optional<BcFault> injected = faults.next();
        if (injected.isPresent()) {
            throw injected.get().raise();
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            throw BcFault.of(405, "BadRequest_MethodNotAllowed", "'" + exchange.getRequestMethod()
                    + "' requests for '" + entitySetOf(rest) + "' are not allowed in the sandbox yet.").raise();
        }
        String apiRoot = baseUri() + "/v2.0/" + api.group(1) + "/" + api.group(2) + "/api/v2.0";
        Optional<Integer> pageSize = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Prefer"))
                .map(PAGE_SIZE::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1)));
        SandboxServer.send(exchange, this.api.get(apiRoot, rest, exchange.getRequestURI().getRawQuery(), pageSize), mapper);
    }

    private IssuedToken authenticate(HttpExchange exchange, String tenant) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthenticated();
        }
        Optional<IssuedToken> issued = tokens.validate(header.substring(7).trim());
        if (issued.isEmpty() || !tokens.knowsTenant(tenant)) {
            throw unauthenticated();
        }
        return issued.get();
    }

    private BcFault.Raised unauthenticated() {
        return new BcFault(401, "Authentication_InvalidCredentials", "The server has rejected the client credentials.",
                Map.of("WWW-Authenticate", "Bearer authorization_uri=\"" + baseUri() + "/" + config.tenantId
                        + "/oauth2/authorize\"")).raise();
    }

    private void answerToken(HttpExchange exchange, String tenant) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Object answer = tokens.grant(tenant, form, basicAuth(exchange));
        if (answer instanceof EntraError error) {
            SandboxServer.sendJson(exchange, error.status(), mapper.writeValueAsBytes(error.body(tokens.now())),
                    "application/json; charset=utf-8");
        } else {
            exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
            SandboxServer.sendJson(exchange, 200, mapper.writeValueAsBytes(answer), "application/json; charset=utf-8");
        }
    }

    private static Optional<String[]> basicAuth(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new String[] {decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))});
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return form;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String entitySetOf(String rest) {
        String[] segments = rest.split("/");
        String last = segments[segments.length - 1];
        int paren = last.indexOf('(');
        return paren >= 0 ? last.substring(0, paren) : last;
    }

    /** Configures a sandbox; every option has a default that matches the shared fixtures. */
    public static final class Builder {
        private long seed = 42;
        private int items = 300;
        private int variantsPerItem = 2;
        private String tenantId = DEFAULT_TENANT;
        private String tenantDomain = "cronus.onmicrosoft.com";
        private String environment = "production";
        private final Map<String, String> clients = new LinkedHashMap<>();
        private Duration tokenLifetime = Duration.ofSeconds(3599);
        private Clock clock = Clock.systemUTC();
        private int port;

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Items in "CRONUS USA, Inc." (the other companies hold a few). Up to a million and more: they are generated. */
        public Builder items(int items) {
            this.items = items;
            return this;
        }

        /** Item {@code i} gets {@code i % (variantsPerItem + 1)} variants. */
        public Builder variantsPerItem(int variantsPerItem) {
            this.variantsPerItem = variantsPerItem;
            return this;
        }

        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /** A verified domain that may stand for the tenant GUID in URLs. */
        public Builder tenantDomain(String domain) {
            this.tenantDomain = domain;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /** Registers an Entra app with its client secret (several may be registered). */
        public Builder client(String clientId, String secret) {
            clients.put(clientId, secret);
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** A fixed port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public BcSandbox build() {
            if (clients.isEmpty()) {
                clients.put(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
            }
            return new BcSandbox(this);
        }
    }
}
