package io.ipaas.connector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PluginBuildTest {

    @Test
    void readsTheIdAndVersionTheBuildWroteNextToTheAnchor() {
        assertEquals(
                new PluginBuild("acme-crm", "1.4.2"), PluginBuild.of(io.ipaas.connector.api.build.good.Anchor.class));
    }

    @Test
    void anUnfilteredValueSaysWhatTheBuildMustDo() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> PluginBuild.of(io.ipaas.connector.api.build.unfiltered.Anchor.class));
        assertTrue(e.getMessage().contains("no built value for 'id' (found '${plugin.id}')"), e.getMessage());
        assertTrue(e.getMessage().contains("plugin.id"), e.getMessage());
    }

    @Test
    void aMissingFileNamesWhereItBelongs() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> PluginBuild.of(io.ipaas.connector.api.build.missing.Anchor.class));
        assertTrue(
                e.getMessage()
                        .startsWith("connector.properties is missing next to io.ipaas.connector.api.build."
                                + "missing.Anchor"),
                e.getMessage());
    }
}
