package io.ipaas.harness.plugin;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a connector's {@link System.Logger} into the harness log. */
public final class Slf4jSystemLogger implements System.Logger {
    private final Logger logger;

    public Slf4jSystemLogger(String name) {
        this.logger = LoggerFactory.getLogger(name);
    }

    @Override
    public String getName() {
        return logger.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> logger.isTraceEnabled();
            case DEBUG -> logger.isDebugEnabled();
            case INFO -> logger.isInfoEnabled();
            case WARNING -> logger.isWarnEnabled();
            case ERROR -> logger.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            write(level, message, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            write(level, params == null || params.length == 0 ? format : format(format, params), null);
        }
    }

    /** A pattern MessageFormat rejects (an unmatched brace, say) is logged as it is: a log call never fails. */
    static String format(String pattern, Object... params) {
        try {
            return MessageFormat.format(String.valueOf(pattern), params);
        } catch (IllegalArgumentException malformed) {
            return pattern + " " + Arrays.toString(params);
        }
    }

    private void write(Level level, String message, Throwable thrown) {
        switch (level) {
            case ALL, TRACE -> logger.trace(message, thrown);
            case DEBUG -> logger.debug(message, thrown);
            case INFO -> logger.info(message, thrown);
            case WARNING -> logger.warn(message, thrown);
            case ERROR -> logger.error(message, thrown);
            case OFF -> {}
        }
    }
}
