package io.ipaas.connector.dynamics365.entity;

import io.ipaas.connector.api.entity.Direction;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.dynamics365.odata.CsdlDocument;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An entity set of a custom API page, declared in {@code customApiPages} as {@code publisher/group/version/entitySet}
 * (facts §1.3) and described by its route's {@code $metadata} when the subscription is checked. The description
 * (key, properties, navigation properties) is kept in the connector's state, so opening a connection learns the
 * entity without a request.
 *
 * @param route {@code publisher/group/version}
 * @param entitySet the entity set name, case-sensitive as BC's
 * @param name the SPI entity name: the entity set's, or with the publisher in front when a standard entity has it
 */
public record CustomPage(String route, String entitySet, String name) {
    /** The connector-state key of a page's description. */
    public String stateKey() {
        return "customApiPage:" + route + "/" + entitySet;
    }

    /** The declared pages, named so that none hides a standard entity or another page. */
    public static List<CustomPage> declared(Settings settings) {
        Set<String> taken = new HashSet<>();
        BcEntities.ALL.forEach(entity -> taken.add(entity.name()));
        List<CustomPage> pages = new ArrayList<>();
        for (String declaration : settings.list(BcSettings.CUSTOM_API_PAGES)) {
            int slash = declaration.lastIndexOf('/');
            String route = declaration.substring(0, slash);
            String entitySet = declaration.substring(slash + 1);
            String name = entitySet;
            if (!taken.add(name)) {
                String publisher = route.substring(0, route.indexOf('/'));
                name = publisher + Character.toUpperCase(entitySet.charAt(0)) + entitySet.substring(1);
                taken.add(name);
            }
            pages.add(new CustomPage(route, entitySet, name));
        }
        return pages;
    }

    /** The description kept in connector state. */
    public static Map<String, Object> describe(CsdlDocument.EntitySet set) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("key", set.key());
        description.put("properties", new LinkedHashMap<>(set.properties()));
        description.put("navigations", set.navigations());
        return description;
    }

    /**
     * This page as the connector reads it: by its single key, incrementally when it has {@code lastModifiedDateTime},
     * whole otherwise. Without a description yet it is read as BC's API pages almost always are (key {@code id},
     * with {@code lastModifiedDateTime}); the check that describes it corrects both.
     */
    public EntityDefinition definition(Optional<Map<String, Object>> description) {
        String key = "id";
        boolean incremental = true;
        if (description.isPresent()) {
            List<?> keys = (List<?>) description.get().get("key");
            key = keys != null && keys.size() == 1 ? String.valueOf(keys.get(0)) : "id";
            Map<?, ?> properties = (Map<?, ?>) description.get().get("properties");
            incremental = properties != null && properties.containsKey("lastModifiedDateTime");
        }
        return new EntityDefinition(
                name,
                entitySet + " (" + route + ")",
                route,
                true,
                entitySet,
                Optional.empty(),
                key,
                incremental ? "lastModifiedDateTime" : "",
                EntityKind.MASTER,
                Optional.empty(),
                Optional.empty(),
                false,
                Set.of(Direction.INBOUND),
                incremental ? Reader.WATERMARK : Reader.SNAPSHOT);
    }
}
