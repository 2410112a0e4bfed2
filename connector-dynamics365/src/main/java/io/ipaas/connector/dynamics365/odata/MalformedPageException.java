package io.ipaas.connector.dynamics365.odata;

import java.io.IOException;

/** A body that is valid JSON but not an OData collection page (no {@code value} array, a non-object entity). */
final class MalformedPageException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedPageException(String message) {
        super(message);
    }
}
