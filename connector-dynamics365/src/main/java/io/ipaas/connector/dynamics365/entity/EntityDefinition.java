package io.ipaas.connector.dynamics365.entity;

import io.ipaas.connector.api.entity.Direction;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.settings.Settings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one Business Central entity set is read: one entry of the catalogue ({@code entities.json}).
 *
 * @param name the SPI entity name
 * @param displayName human name
 * @param api {@code v2.0} for Microsoft's standard API, {@code odatav4} for a page published as an ODataV4 web
 *     service (addressed by company name)
 * @param companyScoped whether the entity set lives under {@code companies({id})/} (every entity but the companies
 *     themselves)
 * @param entitySet BC's entity set under {@code companies({id})/}
 * @param entitySetSetting a text setting naming another entity set to read instead (e.g. {@code contactsEndpoint})
 * @param key the field that identifies a record
 * @param cursorField the modification timestamp field incremental reads filter on; empty for a set read whole
 * @param kind master data, transactions or reference data
 * @param expand a navigation property read in the same request, when its setting is on
 * @param enabledBy a boolean setting without which the entity is not offered
 * @param webhooks whether BC documents webhook support for it (facts §2.13)
 * @param directions which ways records flow
 * @param reader which reader reads it
 */
public record EntityDefinition(
        String name,
        String displayName,
        String api,
        boolean companyScoped,
        String entitySet,
        Optional<String> entitySetSetting,
        String key,
        String cursorField,
        EntityKind kind,
        Optional<Expansion> expand,
        Optional<String> enabledBy,
        boolean webhooks,
        Set<Direction> directions,
        Reader reader) {
    public EntityDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(entitySet, "entitySet");
        Objects.requireNonNull(entitySetSetting, "entitySetSetting");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cursorField, "cursorField");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expand, "expand");
        Objects.requireNonNull(enabledBy, "enabledBy");
        Objects.requireNonNull(reader, "reader");
        directions = Set.copyOf(directions);
    }

    public EntityDescriptor descriptor() {
        return new EntityDescriptor(
                name,
                displayName,
                List.of(key),
                cursorField.isEmpty() ? Optional.empty() : Optional.of(cursorField),
                directions,
                webhooks);
    }

    /** Whether the settings offer this entity at all. */
    public boolean enabled(Settings settings) {
        return enabledBy.map(settings::bool).orElse(true);
    }

    /**
     * This entity as the settings read it: the entity set a setting names instead of the standard one, and the
     * expansion only when its setting is on.
     */
    public EntityDefinition resolve(Settings settings) {
        String set = entitySetSetting.map(settings::string).orElse(entitySet);
        Optional<Expansion> expansion = expand.filter(e -> e.enabled(settings));
        return new EntityDefinition(
                name,
                displayName,
                api,
                companyScoped,
                set,
                entitySetSetting,
                key,
                cursorField,
                kind,
                expansion,
                enabledBy,
                webhooks,
                directions,
                reader);
    }

    /** Whether this entity set is published as an ODataV4 web service rather than an API v2.0 entity set. */
    public boolean odataV4() {
        return api.equals(EntityCatalogue.ODATA_V4);
    }
}
