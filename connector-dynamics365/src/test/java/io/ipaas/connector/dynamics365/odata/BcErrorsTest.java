package io.ipaas.connector.dynamics365.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BcErrorsTest {
    private static final URI ITEMS = URI.create("https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0"
            + "/companies(7d4c3e2a-0000-0000-0000-000000000001)/items");

    /** Codes and messages as bc-api-facts §3.4 lists them; the kind decides whether the host retries, pauses or asks. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "400 | BadRequest_InvalidRequestUrl | Bad Request - Error in query syntax. | INTERNAL | connector bug",
                "400 | BadRequest | Unable to convert value to Date | INTERNAL | connector bug",
                "400 | BadRequest_NotFound | Could not find a property named 'colour' on type 'Microsoft.NAV.item'."
                        + " | CONFIGURATION | no field 'colour', which a mapping reads",
                "400 | Application_FieldValidationException | Blocked must be equal to 'No' | REMOTE | its administrator",
                "400 | Application_DialogException | The item does not exist. | REMOTE | checkpoint is kept",
                "400 | Internal_InvalidTableRelation | The field has a relation to a missing record. | REMOTE"
                        + " | its own logic or data",
                "400 | Unknown | Something else. | REMOTE | its administrator",
                "410 | '' | Gone | REMOTE | its administrator",
                "405 | BadRequest_MethodNotAllowed | 'GET' is not allowed. | CONFIGURATION | apiUrl",
                "400 | Internal_ServerError | Sorry, the current permissions prevented the action. (TableData 27 Item"
                        + " Read: Base Application) | PERMISSION | permission set",
                "500 | Internal_ServerError | Sorry, the current permissions prevented the action. (TableData 27 Item"
                        + " Read: Base Application) | PERMISSION | TableData 27",
                "500 | Internal_ServerError | An unexpected error occurred. | TRANSIENT | retrying later",
                "429 | Application_TooManyRequests | Too many requests. | TRANSIENT | retrying later",
            })
    void eachAnswerGetsTheKindThatSaysWhatToDo(int status, String code, String message, ErrorKind kind, String hint) {
        ConnectorException e = BcErrors.classify(
                BcError.of(status, code, message + "  CorrelationId:  0b7f3c1e-1111-2222-3333-444455556666."),
                Optional.empty(),
                ITEMS);
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
        assertTrue(e.getMessage().contains("correlation id 0b7f3c1e-1111-2222-3333-444455556666"), e.getMessage());
        if (kind != ErrorKind.TRANSIENT) {
            // what the user or an admin must look at; a retry needs no one to look
            assertTrue(e.getMessage().contains("/items"), "names what was read: " + e.getMessage());
        }
    }
}
