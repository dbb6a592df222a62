package dev.agenticchat.support.tracing;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * MDC fields for the extent of a try block: each is put now and, on close, set back to what
 * it was before (removed if it was absent), so nested scopes and pooled threads never carry
 * a previous request's ids. The JSON log layout writes these names as they are.
 */
public final class LogFields implements AutoCloseable {
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String TURN_ID = "turn_id";
    public static final String USER_ID = "user_id";

    private final List<String[]> previous = new ArrayList<>(4);

    private LogFields() {
    }

    /** Pairs of name and value; null values are skipped. */
    public static LogFields of(Object... namesAndValues) {
        LogFields fields = new LogFields();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    public LogFields put(String name, @Nullable Object value) {
        if (value != null) {
            previous.add(new String[] {name, MDC.get(name)});
            MDC.put(name, value.toString());
        }
        return this;
    }

    @Override
    public void close() {
        for (int i = previous.size() - 1; i >= 0; i--) {
            String[] entry = previous.get(i);
            if (entry[1] == null) {
                MDC.remove(entry[0]);
            } else {
                MDC.put(entry[0], entry[1]);
            }
        }
        previous.clear();
    }
}
