package io.ipaas.bcsandbox.odata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An entity type as BC's {@code $metadata} declares it ({@code Microsoft.NAV.item}): ordered properties,
 * the key, the navigation properties and how the weak ETag is derived.
 */
public final class EntityType<R> {
    public static final String NAMESPACE = "Microsoft.NAV";

    private final String name;
    private final List<Property<R>> properties;
    private final Map<String, Property<R>> byName = new LinkedHashMap<>();
    private final Set<String> navigationProperties;
    private final Function<R, String> etag;

    /**
     * @param name                 the unqualified type name, e.g. {@code item}
     * @param properties           the structural properties in BC's order; the first is the key ({@code id})
     * @param navigationProperties every navigation property BC declares (emulated or not)
     * @param etag                 computes {@code @odata.etag}, or null when the type has none
     */
    public EntityType(
            String name, List<Property<R>> properties, Set<String> navigationProperties, Function<R, String> etag) {
        this.name = name;
        this.properties = List.copyOf(properties);
        this.properties.forEach(p -> byName.put(p.name(), p));
        this.navigationProperties = Set.copyOf(navigationProperties);
        this.etag = etag;
    }

    public String name() {
        return name;
    }

    public String qualifiedName() {
        return NAMESPACE + "." + name;
    }

    public List<Property<R>> properties() {
        return properties;
    }

    public Property<R> key() {
        return properties.get(0);
    }

    public Optional<Property<R>> property(String propertyName) {
        return Optional.ofNullable(byName.get(propertyName));
    }

    public boolean isNavigationProperty(String propertyName) {
        return navigationProperties.contains(propertyName);
    }

    public Set<String> navigationProperties() {
        return navigationProperties;
    }

    public Optional<String> etag(R record) {
        return etag == null ? Optional.empty() : Optional.of(etag.apply(record));
    }

    /** The property, or BC's 400 "Could not find a property named 'x' on type 'Microsoft.NAV.item'." */
    public Property<R> require(String propertyName) {
        Property<R> property = byName.get(propertyName);
        if (property == null) {
            throw BcErrors.propertyNotFound(propertyName, qualifiedName());
        }
        return property;
    }
}
