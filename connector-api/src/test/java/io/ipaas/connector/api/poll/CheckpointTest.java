package io.ipaas.connector.api.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.ConnectorApi;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointTest {
    @Test
    void initialIsRecognisedAndOthersAreNot() {
        assertTrue(Checkpoint.initial().isInitial());
        assertFalse(new Checkpoint(1, Map.of("watermark", "2026-01-01T00:00:00Z")).isInitial());
    }

    @Test
    void valuesAreCopiedSoCallersCannotChangeACommittedCheckpoint() {
        Map<String, Object> values = new HashMap<>(Map.of("a", "b"));
        Checkpoint checkpoint = new Checkpoint(1, values);
        values.put("a", "changed");
        assertEquals("b", checkpoint.values().get("a"));
        assertThrows(
                UnsupportedOperationException.class, () -> checkpoint.values().put("x", "y"));
    }

    @Test
    void apiVersionComesFromTheBuild() {
        assertTrue(ConnectorApi.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), ConnectorApi.VERSION);
    }
}
