package dev.agenticchat.agent.audit;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Audit entries as a download: a JSON array of the API's entries, or CSV (RFC 4180, a header
 * row, details as JSON in the last column). A CSV cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 */
final class AuditExport {
    static final List<String> FORMATS = List.of("json", "csv");
    private static final String CSV_HEADER = "occurred_at,type,agent,actor,summary,details\r\n";

    private AuditExport() {
    }

    static String json(JsonMapper json, List<AuditView> entries) {
        try {
            return json.writeValueAsString(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csv(JsonMapper json, List<AuditView> entries) {
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        for (AuditView entry : entries) {
            csv.append(cell(entry.occurredAt().toString())).append(',')
                    .append(cell(entry.type())).append(',')
                    .append(cell(entry.agent())).append(',')
                    .append(cell(entry.actor())).append(',')
                    .append(cell(entry.summary())).append(',')
                    .append(cell(details(json, entry.details()))).append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static String details(JsonMapper json, Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
