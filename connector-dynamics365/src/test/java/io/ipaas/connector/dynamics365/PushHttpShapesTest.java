package io.ipaas.connector.dynamics365;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exact {@code $batch} a push sends (facts §4) and the conflict path the sandbox cannot stage: a record changed
 * in BC again between the re-read and the second write becomes a DATA conflict naming it.
 */
class PushHttpShapesTest {
    private static final String BATCH = WireMockBc.API + "/$batch";
    private static final String COMPANY = "companies(" + WireMockBc.COMPANY_ID + ")";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @BeforeEach
    void stubs() {
        WireMockBc.stubToken(wm, "push-token", 3599);
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies")).willReturn(okJson(WireMockBc.companiesBody())));
    }

    @Test
    void aFirstPushSendsOneBatchOfDeepInsertsInBcsJsonFormat() {
        wm.stubFor(post(urlPathEqualTo(BATCH))
                .willReturn(okJson("{\"responses\":[{\"id\":\"r1\",\"status\":201,\"headers\":{},\"body\":"
                        + "{\"@odata.etag\":\"W/\\\"e1\\\"\",\"id\":\"b6f4017a-b749-f111-a5f1-6045bd7e02c4\","
                        + "\"number\":\"S-ORD101042\"}}]}")));
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            Map<String, Object> order = Map.of(
                    "externalDocumentNumber", "WEB-100482",
                    "customerNumber", "10000",
                    "salesOrderLines",
                            List.of(Map.of("lineType", "Item", "lineObjectNumber", "1896-S", "quantity", 2)));
            WriteOutcome outcome = connector
                    .entity("salesOrders")
                    .writer()
                    .orElseThrow()
                    .write(List.of(new OutboundRecord("salesOrders", "WEB-100482", order, Optional.empty(), true)))
                    .get(0);
            assertTrue(
                    outcome.succeeded(),
                    outcome.failure().map(Throwable::getMessage).orElse(""));
            assertEquals(Optional.of("b6f4017a-b749-f111-a5f1-6045bd7e02c4"), outcome.remoteKey());
            assertEquals(Optional.of("W/\"e1\""), outcome.version());
        }
        wm.verify(
                1,
                postRequestedFor(urlPathEqualTo(BATCH))
                        .withHeader("Authorization", equalTo("Bearer push-token"))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withHeader("Accept", equalTo("application/json"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"requests\":[{\"id\":\"r1\",\"method\":\"POST\",\"url\":\"" + COMPANY
                                                + "/salesOrders\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":"
                                                + "{\"externalDocumentNumber\":\"WEB-100482\",\"customerNumber\":\"10000\",\"salesOrderLines\":"
                                                + "[{\"lineType\":\"Item\",\"lineObjectNumber\":\"1896-S\",\"quantity\":2}]}}]}")));
    }

    @Test
    void aRecordChangedAgainAfterItsReReadIsADataConflictNamingIt() {
        String customer = "{\"@odata.etag\":\"W/\\\"%s\\\"\",\"id\":\"c04c550b-593f-f011-a5f1-6045bd7e02c4\","
                + "\"number\":\"10000\",\"displayName\":\"Adatum\"}";
        String changed = "{\"id\":\"r1\",\"status\":409,\"headers\":{},\"body\":{\"error\":{\"code\":"
                + "\"Request_EntityChanged\",\"message\":\"Another user has already changed the record.  CorrelationId: "
                + " 0b6e2f8a-3c1d-4a97-8e5f-2d7c9a1b4e60.\"}}}";
        stubBatch(
                Scenario.STARTED,
                "looked up",
                "GET",
                "{\"responses\":[{\"id\":\"r1\",\"status\":200,\"headers\":{},\"body\":{\"value\":["
                        + String.format(customer, "e1") + "]}}]}");
        stubBatch("looked up", "refused once", "PATCH", "{\"responses\":[" + changed + "]}");
        stubBatch(
                "refused once",
                "read again",
                "GET",
                "{\"responses\":[{\"id\":\"r1\",\"status\":200,\"headers\":{},\"body\":" + String.format(customer, "e2")
                        + "}]}");
        stubBatch("read again", "refused twice", "PATCH", "{\"responses\":[" + changed + "]}");
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), TestConnectorContext.create())) {
            WriteOutcome outcome = connector
                    .entity("customers")
                    .writer()
                    .orElseThrow()
                    .write(List.of(new OutboundRecord(
                            "customers",
                            "p-1",
                            Map.of("number", "10000", "displayName", "Adatum Corp."),
                            Optional.empty(),
                            true)))
                    .get(0);
            var failure = outcome.failure().orElseThrow();
            assertEquals(ErrorKind.DATA, failure.kind());
            assertTrue(
                    failure.getMessage()
                            .startsWith(
                                    "customer 10000 (c04c550b-593f-f011-a5f1-6045bd7e02c4) was changed in Business Central again"),
                    failure.getMessage());
        }
        wm.verify(postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$.requests[0].headers.If-Match", equalTo("W/\"e1\""))));
        wm.verify(postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath("$.requests[0].headers.If-Match", equalTo("W/\"e2\""))));
        wm.verify(postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(matchingJsonPath(
                        "$.requests[0].body.number", com.github.tomakehurst.wiremock.client.WireMock.absent()))
                .withRequestBody(matchingJsonPath("$.requests[0].method", equalTo("PATCH"))));
    }

    private static void stubBatch(String state, String next, String method, String answer) {
        wm.stubFor(post(urlPathEqualTo(BATCH))
                .inScenario("conflict")
                .whenScenarioStateIs(state)
                .withRequestBody(matchingJsonPath("$.requests[0].method", equalTo(method)))
                .willReturn(okJson(answer))
                .willSetStateTo(next));
    }
}
