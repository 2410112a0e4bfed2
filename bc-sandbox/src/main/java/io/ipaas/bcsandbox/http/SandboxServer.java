package io.ipaas.bcsandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ipaas.bcsandbox.api.ApiRouter;
import io.ipaas.bcsandbox.data.Dataset;
import io.ipaas.bcsandbox.entra.AuthorizationCodeGrant;
import io.ipaas.bcsandbox.entra.AuthorizeEndpoint;
import io.ipaas.bcsandbox.entra.ClientAuthenticator;
import io.ipaas.bcsandbox.entra.ClientCredentialsGrant;
import io.ipaas.bcsandbox.entra.ClientRegistry;
import io.ipaas.bcsandbox.entra.DelegatedSessions;
import io.ipaas.bcsandbox.entra.GrantDispatcher;
import io.ipaas.bcsandbox.entra.RefreshTokenGrant;
import io.ipaas.bcsandbox.entra.Tenant;
import io.ipaas.bcsandbox.entra.TokenEndpoint;
import io.ipaas.bcsandbox.entra.TokenIssuer;
import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.Disruption;
import io.ipaas.bcsandbox.odata.RecordFaults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The JDK HTTP server on 127.0.0.1 that hosts both emulated services: Entra's token endpoint at
 * {@code /{tenant}/oauth2/v2.0/token} and BC's API under {@code /v2.0/}. Requests run on a pool of
 * daemon threads, so many clients can be served concurrently.
 */
public final class SandboxServer implements AutoCloseable {
    /** Everything the server serves and counts. */
    /**
     * @param listener         told about every request (counters)
     * @param injectedFailures the next injected failure for an authenticated API request, if any
     * @param recordFaults     records of a collection to serve broken
     */
    public record Setup(
            Tenant tenant,
            String environment,
            Dataset dataset,
            ClientRegistry registry,
            TokenIssuer issuer,
            Clock clock,
            int maxPageSize,
            RequestListener listener,
            Supplier<Optional<BcException>> injectedFailures,
            DelegatedSessions sessions,
            RecordFaults recordFaults,
            Supplier<Optional<Disruption>> disruptions,
            RequestLimits limits,
            WriteFaults writeFaults,
            io.ipaas.bcsandbox.webhook.Subscriptions subscriptions) {}

    private final Setup setup;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    private SandboxServer(Setup setup, HttpServer server, ExecutorService executor, URI baseUri) {
        this.setup = setup;
        this.server = server;
        this.executor = executor;
        this.baseUri = baseUri;
    }

    /** Binds 127.0.0.1:{@code port} (0 = a free port) and starts serving. */
    public static SandboxServer start(Setup setup, int port) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 128);
        URI baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        SandboxServer sandbox = new SandboxServer(setup, server, executor, baseUri);

        ClientAuthenticator authenticator = new ClientAuthenticator(setup.registry(), setup.clock());
        GrantDispatcher grants = new GrantDispatcher(List.of(
                new ClientCredentialsGrant(authenticator, setup.issuer()),
                new AuthorizationCodeGrant(authenticator, setup.issuer(), setup.sessions()),
                new RefreshTokenGrant(authenticator, setup.issuer(), setup.sessions())));
        AuthorizeEndpoint authorize =
                new AuthorizeEndpoint(setup.tenant(), setup.registry(), setup.sessions(), () -> {});
        TokenEndpoint tokens = new TokenEndpoint(setup.tenant(), grants, setup.clock(), setup.listener()::tokenRequest);
        ApiHandler api = new ApiHandler(
                setup.tenant(),
                setup.environment(),
                new ApiRouter(setup.dataset(), setup.clock()),
                new BearerAuthenticator(setup.tenant(), setup.issuer(), setup.registry(), setup.clock()),
                setup.listener(),
                setup.injectedFailures(),
                setup.maxPageSize(),
                baseUri,
                setup.recordFaults(),
                setup.disruptions(),
                setup.limits(),
                setup.writeFaults(),
                setup.subscriptions());

        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            if (TokenEndpoint.serves(path)) {
                tokens.handle(exchange);
            } else if (AuthorizeEndpoint.serves(path)) {
                authorize.handle(exchange);
            } else if (path.startsWith("/v2.0/")) {
                api.handle(exchange);
            } else {
                notFound(exchange, baseUri);
            }
        });
        server.setExecutor(executor);
        server.start();
        return sandbox;
    }

    public URI baseUri() {
        return baseUri;
    }

    public Setup setup() {
        return setup;
    }

    /** Stops accepting requests, ends open exchanges and releases the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void notFound(HttpExchange exchange, URI baseUri) {
        try {
            exchange.getRequestBody().readAllBytes();
            Responses.sendError(
                    exchange,
                    BcErrors.noHttpResource(baseUri + exchange.getRequestURI().getRawPath()));
        } catch (IOException e) {
            // the client went away
        } finally {
            exchange.close();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bc-sandbox-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
