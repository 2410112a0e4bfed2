package io.ipaas.connector.dynamics365;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ipaas.bcsandbox.BcSandbox;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Pulls every item of the in-process sandbox through the connector's {@link PollSource} and compares it with a
 * raw floor in the same run: the JDK HttpClient plus Jackson's streaming parser, following the same
 * {@code nextLink}s and only counting records. Not a test (timing is never asserted); run it as a main:
 *
 * <pre>{@code
 * mvn -q -pl connector-dynamics365 -am -DskipTests test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp "$(cat /tmp/cp.txt):connector-dynamics365/target/test-classes:connector-dynamics365/target/classes" \
 *     io.ipaas.connector.dynamics365.PullBenchmark 200000 1000 20000      # items, then page sizes
 * }</pre>
 *
 * <p>Each round runs the floor, then the connector, on the same pages; the report gives the median of the
 * rounds and the bytes the pulling thread allocated (the sandbox's own allocations run on its threads and are
 * not counted there, but GC time is JVM-wide).
 */
public final class PullBenchmark {
    private static final int ROUNDS = 3;
    private static final JsonFactory JSON = new JsonFactory();

    private PullBenchmark() {}

    public static void main(String[] args) throws Exception {
        long items = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        int[] pageSizes = args.length > 1
                ? Arrays.stream(args, 1, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {1_000, 20_000};
        try (BcSandbox sandbox = BcSandbox.builder()
                .seed(42)
                .items(items)
                .variantsPerItem(2)
                .build()
                .start()) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = token(http, sandbox);
            System.out.printf("items=%d (with variants expanded), rounds=%d, median reported%n", items, ROUNDS);
            for (int pageSize : pageSizes) {
                // warm-up: one of each, not reported
                floor(http, sandbox, token, pageSize);
                connector(sandbox, pageSize);
                List<Run> floors = new ArrayList<>();
                List<Run> pulls = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    floors.add(floor(http, sandbox, token, pageSize));
                    pulls.add(connector(sandbox, pageSize));
                }
                Run floor = median(floors);
                Run pull = median(pulls);
                System.out.printf(
                        "pageSize=%-6d floor %6d ms %8.0f rec/s %7.1f MB alloc %5d ms GC | connector %6d ms %8.0f rec/s"
                                + " %7.1f MB alloc %5d ms GC | ratio %.2f%n",
                        pageSize,
                        floor.millis,
                        floor.perSecond(),
                        floor.allocated / 1e6,
                        floor.gcMillis,
                        pull.millis,
                        pull.perSecond(),
                        pull.allocated / 1e6,
                        pull.gcMillis,
                        (double) pull.millis / floor.millis);
                if (floor.records != pull.records) {
                    throw new IllegalStateException(
                            "floor read " + floor.records + " records, connector " + pull.records);
                }
            }
        }
    }

    private static Run connector(BcSandbox sandbox, int pageSize) {
        Map<String, Object> raw = SandboxData.settings(sandbox, BcSandbox.DEFAULT_CLIENT_SECRET, pageSize);
        return measure(() -> {
            long count = 0;
            try (Connector connector = WireMockBc.open(raw, TestConnectorContext.create())) {
                PollSource source = connector.entity("items").pollSource().orElseThrow();
                Checkpoint checkpoint = Checkpoint.initial();
                PollBatch batch;
                do {
                    batch = source.poll(PollRequest.from(checkpoint, pageSize));
                    count += batch.records().size() + batch.rejected().size();
                    checkpoint = batch.next();
                } while (batch.hasMore());
            }
            return count;
        });
    }

    private static Run floor(HttpClient http, BcSandbox sandbox, String token, int pageSize) {
        URI first =
                URI.create(sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/items?$expand=itemVariants");
        return measure(() -> {
            long count = 0;
            URI next = first;
            while (next != null) {
                HttpRequest request = HttpRequest.newBuilder(next)
                        .header("Authorization", "Bearer " + token)
                        .header("Prefer", "odata.maxpagesize=" + pageSize)
                        .GET()
                        .build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                String link = null;
                try (InputStream body = response.body();
                        JsonParser parser = JSON.createParser(body)) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (name.equals("value") && value == JsonToken.START_ARRAY) {
                            while (parser.nextToken() == JsonToken.START_OBJECT) {
                                parser.skipChildren();
                                count++;
                            }
                        } else if (name.equals("@odata.nextLink")) {
                            link = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                next = link == null ? null : URI.create(link);
            }
            return count;
        });
    }

    private static String token(HttpClient http, BcSandbox sandbox) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + BcSandbox.DEFAULT_CLIENT_ID + "&client_secret="
                + BcSandbox.DEFAULT_CLIENT_SECRET + "&scope="
                + URLEncoder.encode(BcSandbox.BC_SCOPE, StandardCharsets.UTF_8);
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(sandbox.tokenEndpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (JsonParser parser = JSON.createParser(response.body())) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME
                        && parser.currentName().equals("access_token")) {
                    parser.nextToken();
                    return parser.getText();
                }
            }
        }
        throw new IllegalStateException("the sandbox issued no token (status " + response.statusCode() + ")");
    }

    private interface Pull {
        long run() throws Exception;
    }

    private static Run measure(Pull pull) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        long records;
        try {
            records = pull.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(
                records, millis, threads.getThreadAllocatedBytes(thread) - allocatedBefore, gcMillis() - gcBefore);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a.millis, b.millis));
        return sorted.get(sorted.size() / 2);
    }

    private record Run(long records, long millis, long allocated, long gcMillis) {
        double perSecond() {
            return records * 1000.0 / Math.max(1, millis);
        }
    }
}
