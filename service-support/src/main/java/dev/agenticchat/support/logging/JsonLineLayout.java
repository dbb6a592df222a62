package dev.agenticchat.support.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One log event as one JSON object on one line, for log collectors in containers
 * ({@code LOG_FORMAT=json}, chosen by {@link ServiceLogEncoder} in each service's logback.xml): {@code timestamp} (ISO-8601, UTC),
 * {@code level}, {@code service}, {@code logger}, {@code thread_name}, {@code message}, {@code exception}
 * (the stack trace, when there is one) and every MDC entry as a top-level field: {@code event_id},
 * {@code tenant_id}, {@code thread_id} (the chat thread) as the Kafka consumers set them, and
 * {@code trace_id} once traces exist. Written by hand rather than with an encoder library: a handful
 * of fields does not need a dependency, and the layout must not itself fail to log.
 */
public class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    private static final Set<String> FIXED = Set.of("timestamp", "level", "service", "logger", "thread_name", "message",
            "exception");

    private String service = "";

    /** The service's name, the same on every line ({@code <service>} in logback.xml). */
    public void setService(String service) {
        this.service = service == null ? "" : service;
    }

    public String getService() {
        return service;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append('{');
        field(line, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(line, "level", event.getLevel().toString());
        field(line, "service", service);
        field(line, "logger", event.getLoggerName());
        field(line, "thread_name", event.getThreadName());
        field(line, "message", event.getFormattedMessage());
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            field(line, "exception", ThrowableProxyUtil.asString(throwable));
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            new TreeMap<>(mdc).forEach((key, value) -> {
                if (key != null && value != null && !FIXED.contains(key)) {
                    field(line, key, value);
                }
            });
        }
        line.setCharAt(line.length() - 1, '}');
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        quote(line, name);
        line.append(':');
        quote(line, value == null ? "" : value);
        line.append(',');
    }

    /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped, so a line never breaks. */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
