package dev.agenticchat.artifact.export;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log, through SLF4J instead of its own console output: its warnings and errors
 * only, not the timings and banners it prints for every document.
 */
final class PdfLog implements XRLogger {
    private static final Logger LOG = LoggerFactory.getLogger("com.openhtmltopdf");

    @Override
    public void log(String where, Level level, String message) {
        if (enabled(level)) {
            LOG.warn("{}: {}", where, message);
        }
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        if (enabled(level)) {
            LOG.warn("{}: {}", where, message, error);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        // The level is SLF4J's business (logback.xml).
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return enabled(diagnostic.getLevel());
    }

    private static boolean enabled(Level level) {
        return level.intValue() >= Level.WARNING.intValue();
    }
}
