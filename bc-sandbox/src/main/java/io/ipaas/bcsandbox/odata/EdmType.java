package io.ipaas.bcsandbox.odata;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/** The EDM primitive types the emulated entities use, and how each is written in JSON. */
public enum EdmType {
    GUID("Edm.Guid"),
    STRING("Edm.String"),
    /** A BC enum: serialised as its OData-escaped member name, filtered with a quoted string. */
    ENUM("Edm.String"),
    DECIMAL("Edm.Decimal"),
    BOOLEAN("Edm.Boolean"),
    INT32("Edm.Int32"),
    INT64("Edm.Int64"),
    DATETIMEOFFSET("Edm.DateTimeOffset"),
    /** A date without time; BC writes an empty one as {@code 0001-01-01}. */
    DATE("Edm.Date");

    private final String edmName;

    EdmType(String edmName) {
        this.edmName = edmName;
    }

    public String edmName() {
        return edmName;
    }

    public boolean isNumeric() {
        return this == DECIMAL || this == INT32 || this == INT64;
    }

    void write(JsonGenerator json, Object value) throws IOException {
        switch (this) {
            case GUID -> json.writeString(value.toString());
            case STRING, ENUM -> json.writeString((String) value);
            case DECIMAL ->
                json.writeNumber(((BigDecimal) value).stripTrailingZeros().toPlainString());
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case INT32 -> json.writeNumber(((Number) value).intValue());
            case INT64 -> json.writeNumber(((Number) value).longValue());
            case DATETIMEOFFSET -> json.writeString(ODataTime.format((Instant) value));
            case DATE -> json.writeString(value.toString());
            default -> throw new IllegalStateException("unhandled " + this);
        }
    }
}
