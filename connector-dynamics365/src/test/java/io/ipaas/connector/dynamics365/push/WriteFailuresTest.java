package io.ipaas.connector.dynamics365.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.dynamics365.odata.BcReply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BC's refusals of a write, each turned into the typed error that says what to fix. */
class WriteFailuresTest {
    private static final URI WHERE =
            URI.create("https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/x");
    private static final Map<String, Object> ORDER = Map.of(
            "externalDocumentNumber", "WEB-7",
            "shipToName", "Receiving",
            "salesOrderLines", List.of(Map.of("lineObjectNumber", "1896-S", "description", "A very long text")));

    private static BcReply reply(int status, String code, String message) {
        return new BcReply(
                status,
                Map.of(
                        "error",
                        Map.of(
                                "code",
                                code,
                                "message",
                                message + "  CorrelationId:  0b6e2f8a-3c1d-4a97-8e5f-2d7c9a1b4e60.")),
                Optional.of(Duration.ofSeconds(2)));
    }

    private static ConnectorException of(BcReply reply) {
        return WriteFailures.of(reply, "sales order WEB-7", "WEB-7", ORDER, WHERE);
    }

    @Test
    void aTooLongValueNamesTheFieldOrTheLineItIsIn() {
        ConnectorException header = of(reply(
                400,
                "Application_StringExceededLength",
                "The length of the string is 9, but it must be less than or equal to 5 characters. Value: Receiving"));
        assertEquals(ErrorKind.DATA, header.kind());
        assertEquals(Optional.of("WEB-7"), header.recordKey());
        assertTrue(
                header.getMessage().contains("longer than Business Central allows in field 'shipToName'"),
                header.getMessage());
        ConnectorException line = of(
                reply(
                        400,
                        "Application_StringExceededLength",
                        "The length of the string is 16, but it must be less than or equal to 10 characters. Value: A very long text"));
        assertTrue(line.getMessage().contains("in line 1 (SKU 1896-S), field 'description'"), line.getMessage());
    }

    @Test
    void postingGroupsAndFieldsTheMappingShouldNotSendSayWhatToFix() {
        ConnectorException posting = of(reply(
                400,
                "Application_FieldValidationException",
                "Gen. Bus. Posting Group must have a value in Customer: No.=10000."));
        assertEquals(ErrorKind.DATA, posting.kind());
        assertTrue(posting.getMessage().contains("needs a posting group that is not set up"), posting.getMessage());
        ConnectorException mapping = of(
                reply(400, "BadRequest", "The property 'colour' does not exist on type 'Microsoft.NAV.salesOrder'."));
        assertTrue(
                mapping.getMessage().contains("the outbound mapping sends a field Business Central does not accept"));
    }

    @Test
    void busyAnswersAreTransientAndAStaleVersionIsAConflictNotARetry() {
        ConnectorException deadlock = of(reply(409, "Internal_LockTimeout", "We can't save your changes right now"));
        assertEquals(ErrorKind.TRANSIENT, deadlock.kind());
        assertEquals(Optional.of(Duration.ofSeconds(2)), deadlock.retryAfter());
        assertEquals(ErrorKind.TRANSIENT, of(reply(503, "", "")).kind());
        BcReply stale = reply(409, "Request_EntityChanged", "Another user has already changed the record.");
        assertTrue(WriteFailures.changedMeanwhile(stale));
        assertFalse(WriteFailures.worthRetrying(stale));
        assertTrue(WriteFailures.changedMeanwhile(reply(412, "", "")));
        assertEquals(
                ErrorKind.PERMISSION,
                of(reply(403, "Authorization_Forbidden", "no")).kind());
    }
}
