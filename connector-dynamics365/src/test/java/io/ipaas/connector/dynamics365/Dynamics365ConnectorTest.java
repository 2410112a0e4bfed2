package io.ipaas.connector.dynamics365;

import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.bcsandbox.data.MasterData;
import io.ipaas.bcsandbox.data.SalesDocuments;
import io.ipaas.bcsandbox.odata.RecordFault;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.testkit.ConnectorContractTest;
import io.ipaas.connector.testkit.ContractBackend;
import io.ipaas.connector.testkit.RecordChanges;
import io.ipaas.connector.testkit.UnreadableRecord;
import io.ipaas.connector.testkit.WebhookFixture;
import io.ipaas.connector.testkit.WriterFixture;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The connector contract, run against the BC sandbox. The unreadable-record case is skipped: the sandbox cannot
 * serve a broken record yet.
 */
class Dynamics365ConnectorTest extends ConnectorContractTest {
    static final String CLIENT_ID = "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90";
    static final String SECRET = "contract-secret-7f3a";

    @Override
    protected ConnectorFactory factory() {
        return new Dynamics365ConnectorFactory();
    }

    @Override
    protected int maxRecordsPerPoll() {
        return 40;
    }

    @Override
    protected ContractBackend startBackend() {
        BcSandbox sandbox = BcSandbox.builder()
                .seed(7)
                .items(130)
                .variantsPerItem(2)
                .client(CLIENT_ID, SECRET)
                .build();
        sandbox.start();
        return new SandboxBackend(sandbox);
    }

    static Map<String, Object> settings(BcSandbox sandbox, String secret) {
        Map<String, Object> raw = SandboxData.settings(sandbox, secret, 40);
        // every entity on: documents of the sandbox's whole spread, price groups, two sales codes' prices
        raw.put("transactionPollSearchDays", 40);
        raw.put("transferCustomerPriceGroups", true);
        raw.put("salesCodesForCustomerPrice", List.of("RETAIL", "VIP"));
        raw.put("processCompanyRelationship", true);
        raw.put("enableCompanyHierarchy", true);
        raw.put("processCompanyCreationInPrerequisite", true);
        return raw;
    }

    /** The sandbox as the kit's backend; {@code unreadable} holds the ids served broken right now. */
    private record SandboxBackend(BcSandbox sandbox, Set<String> unreadable) implements ContractBackend {
        SandboxBackend(BcSandbox sandbox) {
            this(sandbox, java.util.concurrent.ConcurrentHashMap.newKeySet());
        }

        @Override
        public Map<String, Object> validSettings() {
            return settings(sandbox, SECRET);
        }

        @Override
        public Optional<Map<String, Object>> settingsWithWrongCredentials() {
            return Optional.of(settings(sandbox, "wrong-secret-value"));
        }

        @Override
        public Optional<Map<String, Object>> settingsWithScopes() {
            Map<String, Object> raw = settings(sandbox, SECRET);
            raw.put("companies", List.of("CRONUS Canada", "O'Brien Supplies"));
            return Optional.of(raw);
        }

        @Override
        public Optional<Map<String, Object>> interactiveSettings() {
            Map<String, Object> raw = settings(sandbox, SECRET);
            raw.put("grantType", "authorization_code");
            raw.put("oauthUrlTemplate", sandbox.oauthUrlTemplate());
            return Optional.of(raw);
        }

        @Override
        public Map<String, Set<String>> expectedKeys() {
            Map<String, Set<String>> expected = new LinkedHashMap<>();
            expected.put("items", new HashSet<>(SandboxData.itemIds(sandbox)));
            expected.put("itemVariants", new HashSet<>(SandboxData.variantIds(sandbox)));
            for (String entitySet : MasterData.ENTITY_SETS) {
                expected.put(
                        entitySet,
                        new HashSet<>(sandbox.dataset()
                                .rows(BcSandbox.CRONUS_USA, entitySet)
                                .ids()));
            }
            for (String entitySet : SalesDocuments.ENTITY_SETS) {
                expected.put(
                        entitySet,
                        new HashSet<>(sandbox.dataset()
                                .rows(BcSandbox.CRONUS_USA, entitySet)
                                .ids()));
            }
            Set<String> companies = new HashSet<>();
            sandbox.companies().forEach(company -> companies.add(company.id().toString()));
            expected.put("companies", companies);
            expected.put("customerPriceGroups", new HashSet<>(Set.of("RETAIL", "WHOLESALE", "VIP", "EXPORT")));
            expected.put("itemPrices", SandboxData.itemPriceKeys(sandbox, Set.of("RETAIL", "VIP"), true));
            expected.put("companyRelationships", SandboxData.relationshipKeys(sandbox));
            expected.put("companyHierarchy", SandboxData.hierarchyKeys(sandbox));
            expected.values().forEach(keys -> keys.removeAll(unreadable));
            return expected;
        }

        /** Two sales orders with fresh numbers (each test writes its own) and one whose SKU BC does not know. */
        @Override
        public List<WriterFixture> writerFixtures() {
            String customer = (String) sandbox.dataset()
                    .rows(BcSandbox.CRONUS_USA, "customers")
                    .row(0)
                    .get("number");
            String sku = sandbox.dataset()
                    .items(BcSandbox.CRONUS_USA)
                    .filter(item -> !item.blocked() && item.type().equals("Inventory"))
                    .findFirst()
                    .orElseThrow()
                    .number();
            String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
            return List.of(new WriterFixture(
                    "salesOrders",
                    List.of(order("K-" + run + "-1", customer, sku), order("K-" + run + "-2", customer, sku)),
                    order("K-" + run + "-bad", customer, "NO-SUCH-SKU")));
        }

        private static OutboundRecord order(String number, String customer, String sku) {
            return new OutboundRecord(
                    "salesOrders",
                    number,
                    Map.of(
                            "externalDocumentNumber",
                            number,
                            "customerNumber",
                            customer,
                            "salesOrderLines",
                            List.of(Map.of("lineType", "Item", "lineObjectNumber", sku, "quantity", 1))),
                    Optional.empty());
        }

        @Override
        public OptionalLong requests() {
            return OptionalLong.of(
                    sandbox.stats().apiRequests() + sandbox.stats().tokenRequests());
        }

        /**
         * Touches, creates and deletes items as a BC user would. BC's {@code lastModifiedDateTime} filter carries no
         * tombstones, so deletes are declared invisible to polling.
         */
        @Override
        public Optional<RecordChanges> changeRecords(String entity) {
            UUID company = BcSandbox.CRONUS_USA;
            List<UUID> withVariants = SandboxData.itemIds(sandbox).stream()
                    .map(UUID::fromString)
                    .filter(id -> !sandbox.dataset().variantsOf(company, id).isEmpty())
                    .toList();
            return switch (entity) {
                case "items" -> {
                    UUID touched = withVariants.get(0);
                    UUID deleted = withVariants.get(1);
                    sandbox.touch(company, "items", touched);
                    sandbox.deleteItem(company, deleted);
                    UUID added = sandbox.createItem(company);
                    yield Optional.of(new RecordChanges(
                            Set.of(touched.toString()), Set.of(added.toString()), Set.of(deleted.toString()), false));
                }
                case "itemVariants" -> {
                    UUID touched = sandbox.dataset()
                            .variantsOf(company, withVariants.get(0))
                            .get(0)
                            .id();
                    sandbox.touch(company, "itemVariants", touched);
                    Set<String> deleted = variantIds(company, withVariants.get(1));
                    sandbox.deleteItem(company, withVariants.get(1));
                    Set<String> added = Set.of();
                    while (added.isEmpty()) {
                        added = variantIds(company, sandbox.createItem(company));
                    }
                    yield Optional.of(new RecordChanges(Set.of(touched.toString()), added, deleted, false));
                }
                case "customers", "contacts" -> {
                    List<String> ids = sandbox.dataset().rows(company, entity).ids();
                    UUID touched = UUID.fromString(ids.get(0));
                    UUID deleted = UUID.fromString(ids.get(1));
                    sandbox.touch(company, entity, touched);
                    sandbox.delete(company, entity, deleted);
                    UUID added = sandbox.create(company, entity);
                    yield Optional.of(new RecordChanges(
                            Set.of(touched.toString()), Set.of(added.toString()), Set.of(deleted.toString()), false));
                }
                case "salesOrders" -> {
                    List<String> ids = sandbox.dataset().rows(company, entity).ids();
                    UUID touched = UUID.fromString(ids.get(0));
                    sandbox.touch(company, entity, touched);
                    UUID added = sandbox.createSalesOrder(company);
                    yield Optional.of(
                            new RecordChanges(Set.of(touched.toString()), Set.of(added.toString()), Set.of(), false));
                }
                default -> Optional.empty();
            };
        }

        /**
         * 429 {@code Application_TooManyRequests} with Retry-After, or 503 {@code Internal_ServiceUnavailable} (BC
         * sends Retry-After with a 503 too; 0 s here). A Retry-After beyond a second goes to the host, so the
         * kit's throttled polls fail; a 503 without one the client repeats itself after a short backoff.
         */
        @Override
        public boolean failNextRequests(int count, Optional<Duration> retryAfter) {
            sandbox.faults()
                    .retryAfterSeconds(
                            Math.toIntExact(retryAfter.orElse(Duration.ZERO).toSeconds()))
                    .failNext(count, retryAfter.isPresent() ? 429 : 503);
            return true;
        }

        /**
         * Serves the middle record of the entity with an unparsable {@code lastModifiedDateTime} (BC itself always
         * sends one; this stands in for damaged data or a custom page) until closed.
         */
        @Override
        public Optional<UnreadableRecord> serveUnreadableRecord(String entity) {
            UUID company = BcSandbox.CRONUS_USA;
            List<String> ids = entity.equals("items") ? SandboxData.itemIds(sandbox) : SandboxData.variantIds(sandbox);
            if (!entity.equals("items") && !entity.equals("itemVariants")) {
                return Optional.empty();
            }
            String id = ids.get(ids.size() / 2);
            var data = sandbox.dataset().company(company);
            long position = (entity.equals("items")
                            ? data.itemIndex(UUID.fromString(id))
                            : data.variantPosition(UUID.fromString(id)))
                    .orElseThrow();
            sandbox.faults().breakRecord(company, entity, position, RecordFault.UNPARSABLE_LAST_MODIFIED);
            unreadable.add(id);
            return Optional.of(new UnreadableRecord() {
                @Override
                public Optional<String> key() {
                    return Optional.of(id);
                }

                @Override
                public String flaw() {
                    return entity + " " + id + " has an unparsable lastModifiedDateTime";
                }

                @Override
                public void close() {
                    sandbox.faults().clear();
                    unreadable.remove(id);
                }
            });
        }

        private Set<String> variantIds(UUID company, UUID item) {
            Set<String> ids = new HashSet<>();
            sandbox.dataset().variantsOf(company, item).forEach(v -> ids.add(v.id().toString()));
            return ids;
        }

        /** The host's side of BC's handshake: echoes the validation token; notifications get a 200. */
        @Override
        public Optional<java.net.URI> notificationUrl() {
            return Optional.of(HookReceiver.url());
        }

        /** A genuine BC notification on the subscription (its clientState as BC returns it), and a forged copy. */
        @Override
        public Optional<WebhookFixture> webhookFixture() {
            return Optional.of(new WebhookFixture() {
                @Override
                public String entity() {
                    return "customers";
                }

                @Override
                public WebhookRequest validNotification(Subscription subscription) {
                    return notification(
                            subscription,
                            sandbox.subscriptions()
                                    .clientState(subscription.id())
                                    .orElseThrow());
                }

                @Override
                public WebhookRequest forgedNotification(Subscription subscription) {
                    return notification(subscription, "s1:forged-client-state");
                }
            });
        }

        private WebhookRequest notification(Subscription subscription, String clientState) {
            Object customer = sandbox.dataset()
                    .rows(BcSandbox.CRONUS_USA, "customers")
                    .row(0)
                    .get("id");
            String body = "{\"value\":[{\"subscriptionId\":\"" + subscription.id() + "\",\"clientState\":\""
                    + clientState + "\",\"expirationDateTime\":\"" + subscription.expiresAt() + "\",\"resource\":\""
                    + subscription.attributes().get("resource") + "(" + customer + ")\",\"changeType\":\"updated\","
                    + "\"lastModifiedDateTime\":\"2026-03-10T09:13:22.617Z\"}]}";
            return new WebhookRequest(
                    "POST",
                    Map.of("content-type", List.of("application/json")),
                    Map.of(),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.time.Instant.now());
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }

    /** A loopback server standing in for the host's webhook endpoint: answers BC's handshake by echoing the token. */
    static final class HookReceiver {
        private static com.sun.net.httpserver.HttpServer server;

        static synchronized java.net.URI url() {
            if (server == null) {
                try {
                    server =
                            com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                server.createContext("/", exchange -> {
                    String query = exchange.getRequestURI().getRawQuery();
                    byte[] body = query != null && query.startsWith("validationToken=")
                            ? query.substring("validationToken=".length())
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : new byte[0];
                    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                    if (body.length > 0) {
                        exchange.getResponseBody().write(body);
                    }
                    exchange.close();
                });
                server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                    Thread thread = new Thread(r, "contract-hook-receiver");
                    thread.setDaemon(true);
                    return thread;
                }));
                server.start();
            }
            return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/contract");
        }
    }
}
