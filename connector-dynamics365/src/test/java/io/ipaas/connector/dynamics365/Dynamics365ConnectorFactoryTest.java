package io.ipaas.connector.dynamics365;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.ConnectorInfo;
import org.junit.jupiter.api.Test;

class Dynamics365ConnectorFactoryTest {

    @Test
    void infoCarriesTheIdAndVersionTheBuildWroteForTheManifest() {
        ConnectorInfo info = new Dynamics365ConnectorFactory().info();
        // the POM's plugin.id and project version, through the filtered connector.properties
        assertEquals(Dynamics365ConnectorFactory.ID, info.id());
        assertTrue(info.version().matches("\\d+\\.\\d+\\.\\d+.*"), info.version());
    }
}
