package io.ipaas.connector.dynamics365.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
    private static final URI LINK = URI.create("https://bc.example/api/v2.0/companies(1)/salesInvoices"
            + "?$filter=lastModifiedDateTime%20ge%202026-01-01T00:00:00Z&$expand=salesInvoiceLines($select%3Dquantity)"
            + "&$skiptoken=aGk%3D%2B");

    @Test
    void removesOneParameterAndKeepsTheOthersByteForByte() {
        assertEquals(
                "https://bc.example/api/v2.0/companies(1)/salesInvoices"
                        + "?$filter=lastModifiedDateTime%20ge%202026-01-01T00:00:00Z&$skiptoken=aGk%3D%2B",
                QueryParameters.without(LINK, "$expand").toString());
        assertEquals(Optional.of("salesInvoiceLines($select%3Dquantity)"), QueryParameters.raw(LINK, "$expand"));
        assertEquals(Optional.empty(), QueryParameters.raw(LINK, "$select"));
    }

    @Test
    void putsAParameterBackAtTheEndAndReplacesAnEarlierValue() {
        URI without = QueryParameters.without(LINK, "$expand");
        URI again = QueryParameters.with(without, "$expand", "salesInvoiceLines");
        assertEquals(without + "&$expand=salesInvoiceLines", again.toString());
        assertEquals(
                Optional.of("lines"), QueryParameters.raw(QueryParameters.with(again, "$expand", "lines"), "$expand"));
        assertEquals(
                "https://bc.example/x?$top=1",
                QueryParameters.with(URI.create("https://bc.example/x"), "$top", "1")
                        .toString());
        assertEquals(
                "https://bc.example/x",
                QueryParameters.without(URI.create("https://bc.example/x?$top=1"), "$top")
                        .toString());
    }
}
