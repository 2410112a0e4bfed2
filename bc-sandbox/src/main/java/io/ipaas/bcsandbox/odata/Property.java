package io.ipaas.bcsandbox.odata;

import java.util.Objects;
import java.util.function.Function;

/**
 * One structural property of an entity type: its JSON/EDM name, type and how to read it from a record.
 *
 * @param name     the property name, exactly as BC spells it
 * @param type     the EDM type
 * @param enumType for {@link EdmType#ENUM}, the enum type's name in {@code $metadata}; otherwise null
 * @param getter   reads the value from a record; never returns null
 */
public record Property<R>(String name, EdmType type, String enumType, Function<R, Object> getter) {
    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(getter, "getter");
    }

    public static <R> Property<R> of(String name, EdmType type, Function<R, Object> getter) {
        return new Property<>(name, type, null, getter);
    }

    public Object read(R record) {
        return getter.apply(record);
    }
}
