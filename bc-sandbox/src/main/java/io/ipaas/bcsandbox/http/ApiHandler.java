package io.ipaas.bcsandbox.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ipaas.bcsandbox.api.ApiResource;
import io.ipaas.bcsandbox.api.ApiRouter;
import io.ipaas.bcsandbox.api.Transaction;
import io.ipaas.bcsandbox.entra.AccessTokenClaims;
import io.ipaas.bcsandbox.entra.Tenant;
import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.CollectionWriter;
import io.ipaas.bcsandbox.odata.Disruption;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.EntityWriter;
import io.ipaas.bcsandbox.odata.ExpandOption;
import io.ipaas.bcsandbox.odata.Json;
import io.ipaas.bcsandbox.odata.NextLinkFactory;
import io.ipaas.bcsandbox.odata.PagePreference;
import io.ipaas.bcsandbox.odata.QueryOptions;
import io.ipaas.bcsandbox.odata.QueryString;
import io.ipaas.bcsandbox.odata.RecordFaults;
import io.ipaas.bcsandbox.odata.Selection;
import io.ipaas.bcsandbox.webhook.Subscriptions;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Serves {@code /v2.0/...}: authentication, injected faults, environment, routing, method, then the OData
 * response. The order follows BC online: the token is checked before anything about the URL is revealed.
 */
final class ApiHandler implements HttpHandler {
    private final Tenant tenant;
    private final String environment;
    private final ApiRouter router;
    private final BearerAuthenticator authenticator;
    private final RequestListener listener;
    private final Supplier<Optional<BcException>> injectedFailures;
    private final int maxPageSize;
    private final URI baseUri;
    private final RecordFaults recordFaults;
    private final Supplier<Optional<Disruption>> disruptions;
    private final RequestLimits limits;
    private final WriteFaults writeFaults;
    private final Subscriptions subscriptions;
    /** Who is calling (the token's object id): the userId of a subscription it creates. */
    private final ThreadLocal<java.util.UUID> callerId = new ThreadLocal<>();
    /** Set while the inner requests of a $batch are served, when one of them created a sales order. */
    private final ThreadLocal<boolean[]> batchCreatedOrder = new ThreadLocal<>();
    /** Set while the inner requests of an {@code Isolation: snapshot} $batch are served: their one transaction. */
    private final ThreadLocal<Transaction> snapshot = new ThreadLocal<>();
    /** Set for the request being served when its page is to stop halfway. */
    private final ThreadLocal<Boolean> truncate = ThreadLocal.withInitial(() -> false);
    /** The body of the request being served (writes read it). */
    private final ThreadLocal<byte[]> requestBody = ThreadLocal.withInitial(() -> new byte[0]);
    /** BC refuses bodies far smaller than this; the sandbox only bounds what it reads. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    ApiHandler(
            Tenant tenant,
            String environment,
            ApiRouter router,
            BearerAuthenticator authenticator,
            RequestListener listener,
            Supplier<Optional<BcException>> injectedFailures,
            int maxPageSize,
            URI baseUri,
            RecordFaults recordFaults,
            Supplier<Optional<Disruption>> disruptions,
            RequestLimits limits,
            WriteFaults writeFaults,
            Subscriptions subscriptions) {
        this.tenant = tenant;
        this.environment = environment;
        this.router = router;
        this.authenticator = authenticator;
        this.listener = listener;
        this.injectedFailures = injectedFailures;
        this.maxPageSize = maxPageSize;
        this.baseUri = baseUri;
        this.recordFaults = recordFaults;
        this.disruptions = disruptions;
        this.limits = limits;
        this.writeFaults = writeFaults;
        this.subscriptions = subscriptions;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = 500;
        listener.apiStarted();
        try {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            String origin = origin(exchange);
            try {
                if (body.length > MAX_BODY_BYTES) {
                    throw new BcException(413, "BadRequest", "The request body is too large.");
                }
                requestBody.set(body);
                status = serve(exchange, origin);
            } catch (ConnectionReset e) {
                status = 0;
                // no answer at all: the connection is closed under the client
                return;
            } catch (BcException e) {
                status = e.status();
                Responses.sendError(exchange, e);
            } catch (RuntimeException e) {
                status = 500;
                Responses.sendError(exchange, BcErrors.internal("bc-sandbox failed: " + e));
            }
        } catch (IOException e) {
            // the client went away mid-response; nothing left to tell it
        } finally {
            listener.apiFinished(status);
            exchange.close();
        }
    }

    private int serve(HttpExchange exchange, String origin) throws IOException {
        URI uri = exchange.getRequestURI();
        ApiPath path =
                ApiPath.parse(uri.getRawPath()).orElseThrow(() -> BcErrors.noHttpResource(origin + uri.getRawPath()));
        listener.apiSegment(path.countedSegment());
        AccessTokenClaims claims = authenticator.authenticate(
                exchange.getRequestHeaders().getFirst("Authorization"), path.tenantSegment(), origin);
        // BC counts per app or user; the permit is held until the answer is written, as BC counts streaming pages
        try (RequestLimits.Permit permit = limits.enter(claims.appId() + "|" + claims.objectId())) {
            callerId.set(claims.objectId());
            return serveAdmitted(exchange, origin, uri, path);
        } finally {
            truncate.remove();
            requestBody.remove();
            callerId.remove();
        }
    }

    private int serveAdmitted(HttpExchange exchange, String origin, URI uri, ApiPath path) throws IOException {
        BcException injected = injectedFailures.get().orElse(null);
        if (injected != null) {
            throw injected;
        }
        Optional<Disruption> disruption = disruptions.get();
        if (disruption.isPresent()) {
            switch (disruption.get().kind()) {
                case RESET -> throw new ConnectionReset();
                case SLOW -> pause(disruption.get().delay());
                case TRUNCATE -> truncate.set(true);
                default -> throw new IllegalStateException("unhandled " + disruption.get());
            }
        }
        if (!environment.equalsIgnoreCase(path.environment())) {
            throw BcErrors.environmentNotFound(path.environment(), tenant.id().toString());
        }
        if (path.route().equals(ApiPath.STANDARD) && path.segments().equals(List.of("$batch"))) {
            return serveBatch(exchange, origin, path);
        }
        if (path.route().equals(ApiPath.STANDARD)
                && !path.segments().isEmpty()
                && path.segments().get(0).startsWith("subscriptions")) {
            return SubscriptionsEndpoint.serve(
                    exchange, subscriptions, path, requestBody.get(), callerId.get(), origin + path.rawRoot());
        }
        if (path.route().equals(SubscriptionsEndpoint.RUNTIME_ROUTE)) {
            return SubscriptionsEndpoint.supportedResources(exchange, router, path, origin + path.rawRoot());
        }
        return route(exchange, origin, uri, path);
    }

    /**
     * A {@code $batch}: its requests served one by one, each answered on its own, in one answer. With
     * {@code Isolation: snapshot} they share one transaction, rolled back when any of them failed.
     */
    private int serveBatch(HttpExchange exchange, String origin, ApiPath path) throws IOException {
        boolean[] createdOrder = {false};
        batchCreatedOrder.set(createdOrder);
        Transaction transaction = new Transaction();
        boolean isolated = BatchRequests.snapshot(exchange);
        if (isolated) {
            snapshot.set(transaction);
        }
        BatchRequests.Answer answer;
        try {
            answer = BatchRequests.serve(exchange, origin, path, requestBody.get(), (inner, uri, innerPath, body) -> {
                requestBody.set(body);
                try {
                    route(inner, origin, uri, innerPath);
                } catch (BcException e) {
                    Responses.sendError(inner, e);
                }
            });
        } catch (RuntimeException | IOException e) {
            transaction.rollback();
            throw e;
        } finally {
            batchCreatedOrder.remove();
            snapshot.remove();
        }
        listener.apiBatch(answer.requests());
        if (isolated && answer.anyFailed()) {
            // BC rolls the whole batch back; the answer still shows each request's own status (facts §4)
            transaction.rollback();
            createdOrder[0] = false;
        } else {
            transaction.commit();
        }
        if (createdOrder[0] && writeFaults.takeTimeoutAfterCreate()) {
            // every inner write is stored; the answer never arrives
            throw new ConnectionReset();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("OData-Version", "4.0");
        Responses.sendBytes(exchange, 200, answer.json());
        return 200;
    }

    /** The BC table behind an entity set a client writes to, as BC's lock message names it. */
    private static String table(String entitySet) {
        return switch (entitySet) {
            case "salesOrders" -> "Sales Header";
            case "customers" -> "Customer";
            case "contacts" -> "Contact";
            default -> entitySet;
        };
    }

    /** Resolves the path and serves the method: what a request on the wire and a request in a batch share. */
    private int route(HttpExchange exchange, String origin, URI uri, ApiPath path) throws IOException {
        QueryString query = QueryString.parse(uri.getRawQuery());
        ApiResource resource;
        if (path.odataV4()) {
            resource = router.resolveODataV4(path.segments(), query.single("company"));
        } else if (path.route().equals(ApiPath.STANDARD)) {
            resource = router.resolve(path.segments(), query.single("company"));
        } else if (router.servesRoute(path.route())) {
            resource = router.resolveCustom(path.route(), path.segments(), query.single("company"));
        } else {
            // no extension publishes this route: BC's answer for any URL it has no resource for
            throw BcErrors.noHttpResource(origin + uri.getRawPath());
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            if (path.odataV4() || !path.route().equals(ApiPath.STANDARD)) {
                throw BcErrors.methodNotAllowed(exchange.getRequestMethod(), resource.segment());
            }
            listener.apiWrite();
            Optional<BcException> failure = writeFaults.nextWriteFailure(table(resource.segment()));
            if (failure.isPresent()) {
                throw failure.get();
            }
            Transaction batch = snapshot.get();
            Transaction transaction = batch != null ? batch : new Transaction();
            ApiRouter.WriteResult written = router.write(
                    exchange.getRequestMethod(),
                    path.segments(),
                    query.single("company"),
                    requestBody.get(),
                    exchange.getRequestHeaders().getFirst("If-Match"),
                    transaction);
            if (batch == null) {
                // a request on its own is its own transaction: kept (and told to webhooks) before it is answered
                transaction.commit();
            }
            if (written.status() == 201 && resource.segment().equals("salesOrders")) {
                boolean[] inBatch = batchCreatedOrder.get();
                if (inBatch != null) {
                    inBatch[0] = true;
                } else if (writeFaults.takeTimeoutAfterCreate()) {
                    throw new ConnectionReset();
                }
            }
            if (written.row().isEmpty()) {
                exchange.sendResponseHeaders(written.status(), -1);
                return written.status();
            }
            writeWritten(exchange, written, origin + path.rawRoot(), query);
            return written.status();
        }
        String root = origin + path.rawRoot();
        if (resource instanceof ApiResource.Collection<?> collection) {
            writeCollection(exchange, collection, query, root, origin + uri.getRawPath());
        } else if (resource instanceof ApiResource.Entity<?> entity) {
            writeEntity(exchange, entity, query, root);
        } else if (resource instanceof ApiResource.Metadata metadata) {
            exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
            exchange.getResponseHeaders().set("OData-Version", "4.0");
            Responses.sendBytes(exchange, 200, metadata.xml().getBytes(StandardCharsets.UTF_8));
        } else if (resource instanceof ApiResource.ServiceDocument services) {
            writeServiceDocument(exchange, root, services.entitySets());
        }
        return 200;
    }

    private <R> void writeCollection(
            HttpExchange exchange,
            ApiResource.Collection<R> collection,
            QueryString query,
            String root,
            String absolutePath)
            throws IOException {
        QueryOptions options = QueryOptions.parse(query, collection.table().type(), collection.expandable());
        CollectionWriter.startPosition(collection.table(), options); // a bad $skiptoken is a 400, before any byte
        OptionalInt preferred =
                PagePreference.maxPageSize(exchange.getRequestHeaders().get("Prefer"));
        int pageSize = Math.min(preferred.orElse(maxPageSize), maxPageSize);
        String context = root + "/$metadata#" + collection.contextPath() + projection(options);
        CollectionWriter.checkExpansions(collection.table(), options, pageSize, collection.expansions());

        Responses.odataHeaders(exchange);
        if (preferred.isPresent()) {
            exchange.getResponseHeaders().set("Preference-Applied", "odata.maxpagesize=" + pageSize);
        }
        exchange.sendResponseHeaders(200, 0);
        OutputStream body =
                truncate.get() ? new TruncatingOutputStream(exchange.getResponseBody()) : exchange.getResponseBody();
        try (OutputStream out = new BufferedOutputStream(body, 1 << 16)) {
            CollectionWriter.write(
                    out,
                    context,
                    collection.table(),
                    options,
                    pageSize,
                    new NextLinkFactory(absolutePath, query),
                    collection.expansions(),
                    recordFaults);
        }
    }

    private <R> void writeEntity(HttpExchange exchange, ApiResource.Entity<R> entity, QueryString query, String root)
            throws IOException {
        QueryOptions options = QueryOptions.parse(query, entity.type(), entity.expandable());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = Json.generator(buffer)) {
            json.writeStartObject();
            json.writeStringField(
                    "@odata.context", root + "/$metadata#" + entity.contextPath() + projection(options) + "/$entity");
            EntityWriter.writeFields(
                    json, entity.type(), entity.record(), options.select(), options.expand(), entity.expansions());
            json.writeEndObject();
        }
        Responses.odataHeaders(exchange);
        Responses.sendBytes(exchange, 200, buffer.toByteArray());
    }

    /**
     * A created or updated record, with its ETag as BC sends it (header and {@code @odata.etag}); a created one with
     * its {@code Location}; navigation properties only when the request's {@code $expand} names them (a deep
     * insert's lines come back only with {@code ?$expand=salesOrderLines}, facts §2.7).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void writeWritten(HttpExchange exchange, ApiRouter.WriteResult written, String root, QueryString query)
            throws IOException {
        Map<String, Object> row = written.row().orElseThrow();
        String context;
        Map<String, EntityType<?>> expandable;
        Map expansions;
        if (written.resource() instanceof ApiResource.Collection<?> collection) {
            context = collection.contextPath();
            expandable = collection.expandable();
            expansions = collection.expansions();
        } else {
            ApiResource.Entity<?> entity = (ApiResource.Entity<?>) written.resource();
            context = entity.contextPath();
            expandable = entity.expandable();
            expansions = entity.expansions();
        }
        QueryOptions options = QueryOptions.parse(query, written.type(), expandable);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = Json.generator(buffer)) {
            json.writeStartObject();
            String entityPath = written.resource() instanceof ApiResource.Collection<?> ? context : context;
            json.writeStringField(
                    "@odata.context", root + "/$metadata#" + entityPath + projection(options) + "/$entity");
            EntityWriter.writeFields(json, written.type(), row, options.select(), options.expand(), expansions);
            json.writeEndObject();
        }
        Responses.odataHeaders(exchange);
        written.type().etag(row).ifPresent(etag -> exchange.getResponseHeaders().set("ETag", etag));
        if (written.status() == 201 && written.resource() instanceof ApiResource.Collection<?>) {
            exchange.getResponseHeaders().set("Location", root + "/" + context + "(" + row.get("id") + ")");
        }
        Responses.sendBytes(exchange, written.status(), buffer.toByteArray());
    }

    private void writeServiceDocument(HttpExchange exchange, String root, java.util.List<String> entitySets)
            throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (JsonGenerator json = Json.generator(buffer)) {
            json.writeStartObject();
            json.writeStringField("@odata.context", root + "/$metadata");
            json.writeArrayFieldStart("value");
            for (String set : entitySets) {
                json.writeStartObject();
                json.writeStringField("name", set);
                json.writeStringField("kind", "EntitySet");
                json.writeStringField("url", set);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        Responses.odataHeaders(exchange);
        Responses.sendBytes(exchange, 200, buffer.toByteArray());
    }

    /** The context URL's projection, e.g. {@code (id,number,itemVariants())}; empty for the full entity. */
    private static String projection(QueryOptions options) {
        if (options.select().isAll() && options.expand().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (!options.select().isAll()) {
            parts.addAll(options.select().selected());
        }
        for (ExpandOption expand : options.expand()) {
            Selection nested = expand.select();
            parts.add(expand.navigation() + "(" + (nested.isAll() ? "" : String.join(",", nested.selected())) + ")");
        }
        return "(" + String.join(",", parts) + ")";
    }

    /**
     * The server's own address for context and next links, as BC builds them from its public address: never the
     * request's Host header, which a client (or anyone on the way) can set to send a follower elsewhere.
     */
    private String origin(HttpExchange exchange) {
        return baseUri.toString().replaceAll("/+$", "");
    }

    /** Thrown to close a connection without an answer. */
    private static final class ConnectionReset extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionReset() {
            super(null, null, false, false);
        }
    }

    private static void pause(java.time.Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the first bytes of a page through, then fails, so the client sees a body that stops halfway. */
    private static final class TruncatingOutputStream extends java.io.FilterOutputStream {
        private static final int KEEP = 300;
        private int written;

        TruncatingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int allowed = Math.min(len, KEEP - written);
            if (allowed > 0) {
                out.write(b, off, allowed);
                out.flush();
                written += allowed;
            }
            if (allowed < len) {
                throw new IOException("bc-sandbox truncates this page");
            }
        }

        private void check(int len) throws IOException {
            if (written + len > KEEP) {
                throw new IOException("bc-sandbox truncates this page");
            }
            written += len;
        }
    }
}
