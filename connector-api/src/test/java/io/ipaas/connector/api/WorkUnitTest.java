package io.ipaas.connector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WorkUnitTest {
    @Test
    void namesOfAFurtherScopeCarryTheScopeAndTheFirstScopesKeepTheirs() {
        WorkUnit first = WorkUnit.of("CRONUS USA, Inc.", "items", true);
        WorkUnit further = WorkUnit.of("CRONUS Canada", "items", false);
        assertEquals("items", first.id());
        assertEquals("items@CRONUS Canada", further.id());
        assertEquals("bc-items-to-products", first.qualified("bc-items-to-products"));
        assertEquals("bc-items-to-products@CRONUS Canada", further.qualified("bc-items-to-products"));
        assertEquals(further.id(), further.qualified(further.entity()), "the id is the entity's qualified name");
    }
}
