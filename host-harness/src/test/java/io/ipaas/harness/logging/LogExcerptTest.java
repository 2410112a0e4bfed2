package io.ipaas.harness.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogExcerptTest {
    @TempDir
    Path folder;

    @Test
    void theNewestMatchingLinesComeBackWithAnythingShapedLikeACredentialMasked() throws Exception {
        Path log = folder.resolve("harness.log");
        Files.write(
                log,
                List.of(
                        "INFO pull items: 40 records",
                        "WARN token request failed: client_secret=s3cr3t-value&grant_type=client_credentials",
                        "DEBUG Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl",
                        "INFO pull customers: 12 records",
                        "ERROR {\"password\": \"hunter2\"} refused"));
        assertEquals(
                List.of("INFO pull items: 40 records", "INFO pull customers: 12 records"),
                LogExcerpt.newest(log, "PULL", 10));
        assertEquals(List.of("INFO pull customers: 12 records"), LogExcerpt.newest(log, "pull", 1));
        List<String> all = LogExcerpt.newest(log, "", 10);
        assertEquals(
                List.of(
                        "WARN token request failed: client_secret=***&grant_type=client_credentials",
                        "DEBUG Authorization: Bearer ***",
                        "ERROR {\"password\": \"***\"} refused"),
                List.of(all.get(1), all.get(2), all.get(4)));
    }
}
