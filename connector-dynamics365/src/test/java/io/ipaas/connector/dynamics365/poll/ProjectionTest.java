package io.ipaas.connector.dynamics365.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.dynamics365.entity.BcEntities;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.entity.TestSettings;
import io.ipaas.connector.dynamics365.odata.ODataQuery;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectionTest {
    private static final Settings DEFAULTS = TestSettings.with(Map.of());
    private static final EntityDefinition ITEMS = BcEntities.get("items").resolve(DEFAULTS);

    private static String query(EntityDefinition entity, Set<String> fields) {
        ODataQuery query = ODataQuery.create();
        Projection.of(entity, fields).applyTo(query);
        return java.net.URLDecoder.decode(query.toQueryString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void withoutFieldsEverythingIsReadWithTheExpansion() {
        assertEquals("?$expand=itemVariants", query(ITEMS, Set.of()));
    }

    @Test
    void theMappedFieldsThePollersOwnAndTheExpansionsFieldsAreSelected() {
        assertEquals(
                "?$select=id,lastModifiedDateTime,number,unitPrice&$expand=itemVariants($select=code,id)",
                query(ITEMS, Set.of("number", "unitPrice", "itemVariants.id", "itemVariants.code")));
    }

    @Test
    void anExpansionNoMappingReadsIsNotRequested() {
        assertEquals("?$select=id,lastModifiedDateTime,number", query(ITEMS, Set.of("number")));
    }

    @Test
    void aPathIntoANavigationThatIsNotExpandedIsLeftOutOfSelect() {
        assertEquals("?$select=id,lastModifiedDateTime,number", query(ITEMS, Set.of("number", "unitOfMeasure.code")));
    }

    @Test
    void anEntityWithoutExpansionSelectsItsFields() {
        EntityDefinition variants = BcEntities.get("itemVariants").resolve(DEFAULTS);
        assertEquals("?$select=code,id,lastModifiedDateTime", query(variants, Set.of("code")));
    }
}
