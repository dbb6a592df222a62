package dev.agenticchat.support.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one encoder of a service's console appender: {@code <format>${LOG_FORMAT:-plain}</format>}
 * picks the readable {@code <pattern>} or {@link JsonLineLayout} JSON lines. One appender whatever the
 * format, so logback has nothing unused to warn about (a warning makes it print its whole status
 * log, plain text, into a JSON stream); an unknown format falls back to plain with a warning.
 */
public class ServiceLogEncoder extends LayoutWrappingEncoder<ILoggingEvent> {
    private String format = "plain";
    private String pattern = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    private String service = "";

    public void setFormat(String format) {
        this.format = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    }

    public String getFormat() {
        return format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public String getPattern() {
        return pattern;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getService() {
        return service;
    }

    @Override
    public void start() {
        Layout<ILoggingEvent> layout;
        if ("json".equals(format)) {
            JsonLineLayout json = new JsonLineLayout();
            json.setService(service);
            layout = json;
        } else {
            if (!"plain".equals(format)) {
                addWarn("LOG_FORMAT must be plain or json, not '" + format + "': logging plain text");
            }
            PatternLayout plain = new PatternLayout();
            plain.setPattern(pattern);
            layout = plain;
        }
        layout.setContext(getContext());
        layout.start();
        setLayout(layout);
        setCharset(StandardCharsets.UTF_8);
        super.start();
    }
}
