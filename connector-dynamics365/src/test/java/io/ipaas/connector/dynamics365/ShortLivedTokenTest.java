package io.ipaas.connector.dynamics365;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokens that live less than the 5-minute refresh margin are still reused, not fetched once per call. */
class ShortLivedTokenTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void aTwoMinuteTokenServesTwelveCallsWithinAMinuteWithOneTokenRequest() {
        WireMockBc.stubToken(wm, "short-token", 120);
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies")).willReturn(okJson(WireMockBc.companiesBody())));
        SteppingClock clock = new SteppingClock();
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), new TestConnectorContext("t", clock))) {
            for (int call = 0; call < 12; call++) {
                connector.check();
                clock.advance(Duration.ofSeconds(5));
            }
            assertEquals(1L, connector.metrics().get("auth.tokenRequests"));
            clock.advance(Duration.ofSeconds(31)); // 91 s after issue: inside the last quarter of its life
            connector.check();
            assertEquals(2L, connector.metrics().get("auth.tokenRequests"));
        }
        wm.verify(2, postRequestedFor(urlPathEqualTo(WireMockBc.TOKEN_PATH)));
    }

    /** The margin is a quarter of the life, at most 5 minutes: a token is reused until then, not after. */
    @ParameterizedTest
    @CsvSource({"120, 89, 1", "120, 90, 2", "600, 449, 1", "600, 450, 2", "3599, 3298, 1", "3599, 3299, 2"})
    void aTokenIsRefreshedAQuarterOfItsLifeOrFiveMinutesBeforeItExpiresWhicheverIsSooner(
            int lifetimeSeconds, int laterSeconds, long expectedTokenRequests) {
        WireMockBc.stubToken(wm, "token", lifetimeSeconds);
        wm.stubFor(get(urlPathEqualTo(WireMockBc.API + "/companies")).willReturn(okJson(WireMockBc.companiesBody())));
        SteppingClock clock = new SteppingClock();
        try (Connector connector = WireMockBc.open(WireMockBc.settings(wm), new TestConnectorContext("t", clock))) {
            connector.check();
            clock.advance(Duration.ofSeconds(laterSeconds));
            connector.check();
            assertEquals(expectedTokenRequests, connector.metrics().get("auth.tokenRequests"));
        }
    }

    private static final class SteppingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-10T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
