package io.ipaas.harness.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.FileSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HarnessLogTest {
    @TempDir
    Path home;

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theLogIsAppendedToOwnerOnlyAndRolledOverAtItsSizeCap() throws IOException {
        Path file = home.resolve("harness.log");
        Files.writeString(file, "an earlier command's trace\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(file, HarnessLog.writeTo(home, FileSize.valueOf("20KB")).orElseThrow());
        assertEquals("rw-------", permissions(file), "a log found world-readable is tightened");
        var logger = LoggerFactory.getLogger("harness-log-test");
        logger.info("first line of this run");
        assertTrue(Files.readString(file).startsWith("an earlier command's trace\n"), "appended, not truncated");

        String line = "x".repeat(200);
        for (int i = 0; i < 2_000; i++) {
            logger.info("{} {}", i, line);
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(home)) {
            files = listed.sorted().toList();
        }
        assertEquals(
                List.of("harness.1.log", "harness.2.log", "harness.3.log", "harness.log"),
                files.stream().map(p -> p.getFileName().toString()).toList(),
                "capped: three rolled files and the current one");
        for (Path each : files) {
            assertEquals("rw-------", permissions(each), each.toString());
            assertTrue(Files.size(each) < 40_000, each + " " + Files.size(each));
        }
        assertTrue(Files.readString(file).contains(" 1999 "), "the newest lines are in harness.log");
    }

    @Test
    void aLogThatCannotBeOpenedTurnsLoggingOffWithoutATraceOnTheTerminal() throws IOException {
        Path notAFolder = home.resolve("file");
        Files.writeString(notAFolder, "");
        PrintStream console = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTrue(HarnessLog.writeTo(notAFolder).isEmpty());
            assertTrue(HarnessLog.file().isEmpty());
            LoggerFactory.getLogger("harness-log-test").error("goes nowhere", new IllegalStateException("boom"));
        } finally {
            System.setErr(console);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
