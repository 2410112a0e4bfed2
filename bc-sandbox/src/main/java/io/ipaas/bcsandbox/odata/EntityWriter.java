package io.ipaas.bcsandbox.odata;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes one entity the way BC does: {@code @odata.etag} first, then properties in metadata order. */
public final class EntityWriter {
    private EntityWriter() {}

    /** Writes the fields of {@code record} into the JSON object the caller has opened. */
    public static <R> void writeFields(
            JsonGenerator json,
            EntityType<R> type,
            R record,
            Selection select,
            List<ExpandOption> expand,
            Map<String, Expansion<R>> expansions)
            throws IOException {
        writeFields(json, type, record, select, expand, expansions, Optional.empty());
    }

    /** As {@link #writeFields}, serving the record broken as {@code fault} says. */
    static <R> void writeFields(
            JsonGenerator json,
            EntityType<R> type,
            R record,
            Selection select,
            List<ExpandOption> expand,
            Map<String, Expansion<R>> expansions,
            Optional<RecordFault> fault)
            throws IOException {
        String etag = type.etag(record).orElse(null);
        if (etag != null) {
            json.writeStringField("@odata.etag", etag);
        }
        for (Property<R> property : type.properties()) {
            if (!select.includes(property.name())) {
                continue;
            }
            if (fault.isPresent()
                    && fault.get() == RecordFault.MISSING_ID
                    && property.name().equals("id")) {
                continue;
            }
            json.writeFieldName(property.name());
            if (fault.isPresent()
                    && fault.get() == RecordFault.UNPARSABLE_LAST_MODIFIED
                    && property.name().equals("lastModifiedDateTime")) {
                json.writeString(RecordFault.UNPARSABLE_TIMESTAMP);
            } else {
                property.type().write(json, property.read(record));
            }
        }
        for (ExpandOption option : expand) {
            Expansion<R> expansion = expansions.get(option.navigation());
            if (expansion == null) {
                throw BcErrors.notEmulated("Expanding '" + option.navigation() + "'");
            }
            json.writeFieldName(option.navigation());
            expansion.write(json, record, option);
        }
    }

    /** Writes {@code record} as a JSON object. */
    public static <R> void write(
            JsonGenerator json,
            EntityType<R> type,
            R record,
            Selection select,
            List<ExpandOption> expand,
            Map<String, Expansion<R>> expansions)
            throws IOException {
        write(json, type, record, select, expand, expansions, Optional.empty());
    }

    static <R> void write(
            JsonGenerator json,
            EntityType<R> type,
            R record,
            Selection select,
            List<ExpandOption> expand,
            Map<String, Expansion<R>> expansions,
            Optional<RecordFault> fault)
            throws IOException {
        json.writeStartObject();
        writeFields(json, type, record, select, expand, expansions, fault);
        json.writeEndObject();
    }
}
