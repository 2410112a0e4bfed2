package io.ipaas.bcsandbox;

import static io.ipaas.bcsandbox.SandboxClient.allPages;
import static io.ipaas.bcsandbox.SandboxClient.assertBcError;
import static io.ipaas.bcsandbox.SandboxClient.encode;
import static io.ipaas.bcsandbox.SandboxClient.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** $orderby, the text functions, not, $search/$apply refused, and links built from the server's own address. */
class QueryOptionsWideningTest {
    private static BcSandbox sandbox;
    private static String token;
    private static String customers;

    @BeforeAll
    static void start() {
        sandbox = BcSandbox.builder().items(5).customers(40).build().start();
        token = new SandboxClient(sandbox).accessToken();
        customers = sandbox.apiRoot() + "/companies(" + BcSandbox.CRONUS_USA + ")/customers";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static List<String> values(String url, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode page : allPages(url, token, "Prefer", "odata.maxpagesize=7")) {
            page.get("value").forEach(v -> values.add(v.get(field).asText()));
        }
        return values;
    }

    private static List<Map<String, Object>> rows() {
        var set = sandbox.dataset().rows(BcSandbox.CRONUS_USA, "customers");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long p = set.next(0); p >= 0; p = set.next(p + 1)) {
            rows.add(set.row(p));
        }
        return rows;
    }

    @Test
    void orderByPagesThroughEveryRecordOnceInOrder() {
        List<String> descending = values(customers + "?$orderby=" + encode("displayName desc, number"), "displayName");
        List<String> expected = new ArrayList<>(
                rows().stream().map(r -> (String) r.get("displayName")).toList());
        expected.sort(Comparator.reverseOrder());
        assertEquals(expected, descending);
        List<String> filtered = values(
                customers + "?$orderby=number&$filter=" + encode("type eq 'Company'") + "&$select=number,type",
                "number");
        List<String> companies = new ArrayList<>(rows().stream()
                .filter(r -> r.get("type").equals("Company"))
                .map(r -> (String) r.get("number"))
                .sorted()
                .toList());
        assertEquals(companies, filtered);
        JsonNode error = assertBcError(get(customers + "?$orderby=colour", token), 400, "BadRequest_NotFound");
        assertTrue(error.get("message").asText().contains("Could not find a property named 'colour'"));
    }

    @Test
    void textFunctionsAndNotFilterAsBcDoes() {
        Map<String, Object> first = rows().get(0);
        String name = (String) first.get("displayName");
        assertEquals(
                List.of(first.get("number")),
                values(
                        customers + "?$filter="
                                + encode("tolower(displayName) eq '"
                                        + name.toLowerCase(Locale.ROOT).replace("'", "''") + "'"),
                        "number"));
        assertEquals(
                List.of(first.get("number")),
                values(
                        customers + "?$filter="
                                + encode("toupper(displayName) eq '"
                                        + name.toUpperCase(Locale.ROOT).replace("'", "''") + "'"),
                        "number"));
        long with100 = rows().stream()
                .filter(r -> ((String) r.get("number")).startsWith("100"))
                .count();
        assertEquals(
                with100,
                values(customers + "?$filter=" + encode("substring(number, 0, 3) eq '100'"), "number")
                        .size());
        assertEquals(
                rows().size() - with100,
                values(customers + "?$filter=" + encode("not startswith(number,'100')"), "number")
                        .size());
        long people =
                rows().stream().filter(r -> r.get("type").equals("Person")).count();
        assertEquals(
                rows().size() - people,
                values(customers + "?$filter=" + encode("not (type eq 'Person')"), "number")
                        .size());
        assertBcError(
                get(customers + "?$filter=" + encode("tolower(balanceDue) eq 'x'"), token), 400, "BadRequest_NotFound");
    }

    @Test
    void searchAndApplyAreRefusedNotIgnored() {
        for (String option : List.of("$search=adatum", "$apply=" + encode("groupby((type))"))) {
            JsonNode error =
                    assertBcError(get(customers + "?" + option, token), 501, "BadRequest_MethodNotImplemented");
            assertTrue(error.get("message").asText().contains("is not supported"), error.toString());
        }
    }

    @Test
    void nextLinksComeFromTheServersOwnAddressWhateverTheHostHeaderSays() throws Exception {
        String path = customers.substring(
                sandbox.baseUri().toString().replaceAll("/+$", "").length());
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + token
                            + "\r\nPrefer: odata.maxpagesize=5\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .lines()
                    .reduce("", (a, b) -> a + b + "\n");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertFalse(response.contains("evil.example"), response);
            assertTrue(
                    response.contains("\"@odata.nextLink\":\""
                            + sandbox.baseUri().toString().replaceAll("/+$", "")),
                    response);
        }
    }
}
