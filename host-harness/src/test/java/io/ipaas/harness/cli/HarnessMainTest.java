package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HarnessMainTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(HarnessMain.HTTP_BUFFER_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(HarnessMain.HTTP_BUFFER_PROPERTY);
        } else {
            System.setProperty(HarnessMain.HTTP_BUFFER_PROPERTY, before);
        }
    }

    @Test
    void theHttpClientGetsLargeReadBuffersUnlessTheCommandLineChoseASize() {
        System.clearProperty(HarnessMain.HTTP_BUFFER_PROPERTY);
        HarnessMain.useLargeHttpBuffers();
        assertEquals("65536", System.getProperty(HarnessMain.HTTP_BUFFER_PROPERTY));

        System.setProperty(HarnessMain.HTTP_BUFFER_PROPERTY, "8192");
        HarnessMain.useLargeHttpBuffers();
        assertEquals("8192", System.getProperty(HarnessMain.HTTP_BUFFER_PROPERTY), "a -D given by the user wins");
    }
}
