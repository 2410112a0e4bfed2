package io.ipaas.bcsandbox.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ODataFormatsTest {

    @Test
    void timestampsAreUtcWithMillisecondsAndNoTrailingZeros() {
        assertEquals("2026-03-10T09:14:02.407Z", ODataTime.format(Instant.parse("2026-03-10T09:14:02.407Z")));
        assertEquals("2026-03-10T09:14:02.41Z", ODataTime.format(Instant.parse("2026-03-10T09:14:02.410Z")));
        assertEquals("2026-03-10T09:14:02Z", ODataTime.format(Instant.parse("2026-03-10T09:14:02.000999Z")));
    }

    @Test
    void weakEtagsHaveBcsShape() {
        String etag = WeakETag.of("anything");
        assertTrue(etag.startsWith("W/\"") && etag.endsWith("\""));
        String inner =
                new String(Base64.getDecoder().decode(etag.substring(3, etag.length() - 1)), StandardCharsets.UTF_8);
        assertTrue(inner.matches("'44;[A-Za-z0-9+/]{43}=1;00;'"), inner);
        assertEquals(etag, WeakETag.of("anything"));
    }

    @Test
    void skipTokensRoundTripAndRejectTampering() {
        String token = SkipToken.encode("items:x", 123_456_789L);
        assertEquals(123_456_789L, SkipToken.decode(token, "items:x"));
        assertThrows(BcException.class, () -> SkipToken.decode(token, "items:y"));
        char[] chars = token.toCharArray();
        chars[6] = chars[6] == 'A' ? 'B' : 'A';
        assertThrows(BcException.class, () -> SkipToken.decode(new String(chars), "items:x"));
        assertThrows(BcException.class, () -> SkipToken.decode("%%%", "items:x"));
    }

    @Test
    void nextLinksRepeatTheClientsOptionsVerbatim() {
        QueryString query = QueryString.parse(
                "$filter=lastModifiedDateTime%20gt%202026-03-09T00:00:00Z&$top=10&$skip=3" + "&$skiptoken=old&aid=FIN");
        NextLinkFactory links =
                new NextLinkFactory("http://127.0.0.1:1/v2.0/t/production/api/v2.0/companies(c)/items", query);
        assertEquals(
                "http://127.0.0.1:1/v2.0/t/production/api/v2.0/companies(c)/items"
                        + "?$filter=lastModifiedDateTime%20gt%202026-03-09T00:00:00Z&aid=FIN&$top=4&$skiptoken=abc",
                links.link("abc", 4L));
        assertEquals(
                List.of("$filter", "$top", "$skip", "$skiptoken", "aid"),
                query.parameters().stream().map(QueryString.Parameter::name).toList());
    }

    @Test
    void pagePreferenceIsReadFromAnyPreferHeader() {
        assertEquals(
                7, PagePreference.maxPageSize(List.of("odata.maxpagesize=7")).orElseThrow());
        assertEquals(
                5,
                PagePreference.maxPageSize(List.of("return=minimal", "odata.track-changes, odata.maxpagesize=5"))
                        .orElseThrow());
        assertTrue(PagePreference.maxPageSize(List.of("odata.maxpagesize=zero")).isEmpty());
        assertTrue(PagePreference.maxPageSize(null).isEmpty());
    }
}
