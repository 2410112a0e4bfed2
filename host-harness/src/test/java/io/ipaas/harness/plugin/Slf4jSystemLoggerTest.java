package io.ipaas.harness.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Slf4jSystemLoggerTest {
    @Test
    void aConnectorsMalformedPatternIsLoggedAsItIsInsteadOfThrowing() {
        assertEquals("page 3 of 7", Slf4jSystemLogger.format("page {0} of {1}", 3, 7));
        assertEquals("odd {brace [x]", Slf4jSystemLogger.format("odd {brace", "x"));
        System.Logger logger = new Slf4jSystemLogger("connector.test");
        logger.log(System.Logger.Level.ERROR, "odd {brace", "x");
    }
}
