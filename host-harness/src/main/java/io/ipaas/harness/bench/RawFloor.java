package io.ipaas.harness.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;

/**
 * The floor a pull is measured against: the JDK HTTP client and Jackson's streaming parser reading the same pages
 * the connector reads (same filter, expansion, page size and bearer token), only counting the records. Nothing is
 * mapped, kept or stored.
 */
public final class RawFloor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final String SCOPE = "https://api.businesscentral.dynamics.com/.default";

    /**
     * Where to read and as whom.
     *
     * @param baseUri the sandbox (API and authority at once)
     * @param tenantId the tenant
     * @param environment the BC environment
     * @param companyName the company to read items of
     * @param clientId the app
     * @param clientSecret the app's secret
     */
    public record Target(
            URI baseUri,
            String tenantId,
            String environment,
            String companyName,
            String clientId,
            String clientSecret) {}

    /**
     * One floor run.
     *
     * @param items records counted
     * @param requests HTTP requests sent (token included)
     * @param millis wall time, token included
     */
    public record Result(long items, long requests, long millis, long children) {
        public Result(long items, long requests, long millis) {
            this(items, requests, millis, 0);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Target target;

    public RawFloor(Target target) {
        this.target = target;
    }

    /**
     * Reads items page by page until the last page or until at least {@code limit} are counted.
     *
     * @param fields the fields the plugin's mappings read (dotted for a variant's): the floor asks for the same
     *     projection the plugin asks for, so both read the same pages; empty for every field with the variants
     */
    public Result items(int pageSize, Set<String> fields, long limit) throws IOException, InterruptedException {
        return read("items", "itemVariants", pageSize, fields, limit, false);
    }

    /**
     * Reads an entity set with its expansion page by page, counting the records and the children (document lines,
     * item variants) of each, until the last page or until at least {@code limit} records are counted.
     */
    public Result read(String entitySet, String navigation, int pageSize, Set<String> fields, long limit)
            throws IOException, InterruptedException {
        return read(entitySet, navigation, pageSize, fields, limit, true);
    }

    /** @param countChildren off for items, whose floor has always skipped each record whole (kept comparable) */
    private Result read(
            String entitySet, String navigation, int pageSize, Set<String> fields, long limit, boolean countChildren)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        String token = token();
        long requests = 1;
        String root = target.baseUri() + "/v2.0/" + target.tenantId() + "/" + target.environment() + "/api/v2.0";
        JsonNode companies = get(URI.create(root + "/companies"), token);
        requests++;
        String companyId = null;
        for (JsonNode company : companies.path("value")) {
            if (company.path("name").asText().equals(target.companyName())) {
                companyId = company.path("id").asText();
            }
        }
        if (companyId == null) {
            throw new IOException("the sandbox has no company '" + target.companyName() + "'");
        }
        String filter = "lastModifiedDateTime le " + Instant.now().truncatedTo(ChronoUnit.MILLIS);
        URI next = URI.create(root + "/companies(" + companyId + ")/" + entitySet + "?$filter=" + encode(filter)
                + projection(fields, navigation));
        long items = 0;
        long children = 0;
        while (next != null && items < limit) {
            HttpResponse<InputStream> response = http.send(
                    request(next, token)
                            .header("Prefer", "odata.maxpagesize=" + pageSize)
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            requests++;
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("GET " + next.getPath() + " answered " + response.statusCode());
            }
            Page page = count(response.body(), countChildren ? navigation : null);
            items += page.values();
            children += page.children();
            next = page.nextLink() == null ? null : URI.create(page.nextLink());
        }
        return new Result(items, requests, (System.nanoTime() - started) / 1_000_000, children);
    }

    /**
     * {@code $select} of the read fields plus {@code id} and {@code lastModifiedDateTime}, and {@code itemVariants}
     * with its read fields: the rule the connector follows (written out here, as a raw client would).
     */
    static String projection(Set<String> fields, String navigation) {
        if (fields.isEmpty()) {
            return "&$expand=" + navigation;
        }
        Set<String> select = new TreeSet<>(Set.of("id", "lastModifiedDateTime"));
        Set<String> variants = new TreeSet<>();
        boolean readsVariants = false;
        for (String path : fields) {
            String[] parts = path.split("\\.");
            if (parts[0].equals(navigation)) {
                readsVariants = true;
                if (parts.length > 1) {
                    variants.add(parts[1]);
                }
            } else if (parts.length == 1) {
                select.add(parts[0]);
            }
        }
        String expand = !readsVariants
                ? ""
                : "&$expand="
                        + encode(navigation
                                + (variants.isEmpty() ? "" : "($select=" + String.join(",", variants) + ")"));
        return "&$select=" + encode(String.join(",", select)) + expand;
    }

    private record Page(long values, String nextLink, long children) {}

    /**
     * Counts the entries of the top-level {@code value} array, and the entries of each one's {@code navigation}
     * array, and picks up {@code @odata.nextLink}.
     */
    private static Page count(InputStream body, String navigation) throws IOException {
        long values = 0;
        long children = 0;
        String nextLink = null;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a page that is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("value") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        values++;
                        if (navigation == null) {
                            parser.skipChildren();
                        } else {
                            children += countChildren(parser, navigation);
                        }
                    }
                } else if (field.equals("@odata.nextLink")) {
                    nextLink = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new Page(values, nextLink, children);
    }

    /** Reads one record (the parser on its START_OBJECT) and returns how many entries its navigation array has. */
    private static long countChildren(JsonParser parser, String navigation) throws IOException {
        long children = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(navigation) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    children++;
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
        }
        return children;
    }

    private String token() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + encode(target.clientId()) + "&client_secret="
                + encode(target.clientSecret()) + "&scope=" + encode(SCOPE);
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(target.baseUri() + "/" + target.tenantId() + "/oauth2/v2.0/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the sandbox refused a token: " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode get(URI uri, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(uri, token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri.getPath() + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
