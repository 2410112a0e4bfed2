package io.ipaas.harness.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import io.ipaas.harness.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A rolling, appending log file that only its owner can read: logback would create it (and each fresh file after a
 * rollover) with the process's umask, typically world-readable.
 */
final class OwnerOnlyRollingFileAppender extends RollingFileAppender<ILoggingEvent> {
    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName);
        if (!OwnerOnly.createFile(file)) {
            OwnerOnly.restrict(file);
        }
        super.openFile(fileName);
    }
}
