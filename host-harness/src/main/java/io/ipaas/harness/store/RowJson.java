package io.ipaas.harness.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes mapped records as compact JSON the way {@link Store#json} does, without looking up a serializer per value:
 * one generator per thread writes the JSON types a mapped record holds (maps, lists, strings, numbers, booleans,
 * null) straight away and hands anything else to the store's object mapper. Measured: the mapping thread's largest
 * cost after the mapping itself. It writes UTF-8 bytes, which SQLite stores as they are: a String would be encoded
 * to UTF-8 once more on the writing thread (measured: 1 GB of garbage and a quarter of the binding per million rows).
 */
final class RowJson {
    private static final ThreadLocal<RowJson> PER_THREAD = ThreadLocal.withInitial(RowJson::new);

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    private final JsonGenerator generator;
    /** One instance for every object written: a lambda made per object would be one more allocation each. */
    private final BiConsumer<Object, Object> writeField = this::writeField;

    private RowJson() {
        try {
            generator = Store.JSON.getFactory().createGenerator(buffer, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.setCodec(Store.JSON);
        // rows are separate documents: no space between one and the next
        generator.setRootValueSeparator(null);
    }

    /** The fields as one compact JSON object, in UTF-8. */
    static byte[] of(Map<String, ?> fields) {
        return PER_THREAD.get().write(fields);
    }

    private byte[] write(Map<String, ?> fields) {
        buffer.reset();
        try {
            writeObject(fields);
            generator.flush();
        } catch (IOException e) {
            throw new StoreException("cannot serialise a record for the store", e);
        }
        return buffer.toByteArray();
    }

    private void writeObject(Map<?, ?> map) throws IOException {
        generator.writeStartObject();
        try {
            // forEach, not entrySet: a mapped record then hands over its fields without an entry object each
            map.forEach(writeField);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        generator.writeEndObject();
    }

    private void writeField(Object name, Object value) {
        try {
            generator.writeFieldName(String.valueOf(name));
            writeValue(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(element);
            }
            generator.writeEndArray();
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else {
            // doubles, arrays and whatever else a mapping produced: exactly as the object mapper writes them
            generator.writeObject(value);
        }
    }
}
