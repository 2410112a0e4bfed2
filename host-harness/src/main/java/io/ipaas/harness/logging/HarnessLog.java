package io.ipaas.harness.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Where the host and its plugins log: {@code harness.log} in the home folder, appended to by every command (so the
 * trace of a failure survives the next command), rolled over at 10 MB into {@code harness.1.log} …
 * {@code harness.3.log}, owner-only. Nothing is ever logged to the terminal: until a home is known, and when its
 * log cannot be opened, logging is off. {@code -Dharness.log.level=debug} logs more of the harness and its
 * connectors (never of the JDK and libraries, whose debug output shows tokens).
 */
public final class HarnessLog {
    public static final String FILE_NAME = "harness.log";
    static final FileSize MAX_FILE_SIZE = FileSize.valueOf("10MB");
    static final int KEPT_FILES = 3;

    private static Path current;

    private HarnessLog() {}

    /** Sends this JVM's logging to the home's log file; returns the file, or empty when it cannot be opened. */
    public static Optional<Path> writeTo(Path home) {
        return writeTo(home, MAX_FILE_SIZE);
    }

    static synchronized Optional<Path> writeTo(Path home, FileSize maxFileSize) {
        Path file = home.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (file.equals(current)) {
            return Optional.of(file);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        off(context);

        OwnerOnlyRollingFileAppender appender = new OwnerOnlyRollingFileAppender();
        appender.setContext(context);
        appender.setName(FILE_NAME);
        appender.setFile(file.toString());
        appender.setAppend(true);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.resolveSibling("harness.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT_FILES);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(maxFileSize);
        // checked on every event, not once per 60 ms: a burst of traces cannot overshoot the cap
        trigger.setCheckIncrement(Duration.buildByMilliseconds(0));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            off(context);
            return Optional.empty();
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        // more detail for the harness and its connectors only: the JDK's and libraries' debug output holds request
        // headers and bodies, tokens among them
        Level level = Level.toLevel(System.getProperty("harness.log.level"), Level.INFO);
        context.getLogger("io.ipaas").setLevel(level);
        context.getLogger("connector").setLevel(level);
        context.getLogger("org.pf4j").setLevel(Level.WARN);
        root.addAppender(appender);
        current = file;
        return Optional.of(file);
    }

    /** The file this JVM logs to, if any. */
    public static synchronized Optional<Path> file() {
        return Optional.ofNullable(current);
    }

    private static void off(LoggerContext context) {
        context.reset();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        current = null;
    }
}
