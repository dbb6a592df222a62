package dev.agenticchat.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The readable forms of a run: a summary for the terminal and the Markdown table the README holds. */
final class Report {
    static final String BEGIN = "<!-- faults:begin -->";
    static final String END = "<!-- faults:end -->";
    private static final List<String> COLUMNS = List.of("turns", "acknowledged", "completed", "failed", "lost", "user_doubled",
            "replies_doubled", "artifacts_doubled", "never_answered", "replies_missing", "seen_only_in_history");

    private Report() {
    }

    static String table(List<Findings> results, Settings settings, Instant began) {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | turns | acked | completed | failed | acked lost | user msgs doubled | replies doubled"
                + " | artifacts doubled | never answered | replies missing | end not seen live | recovery (max) | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Findings r : results) {
            md.append("| ").append(r.description());
            for (String column : COLUMNS) {
                md.append(" | ").append(r.counts().get(column));
            }
            md.append(" | ").append(recovery(r)).append(" | ").append(r.passed() ? "pass" : "**fail**").append(" |\n");
        }
        md.append("\n").append(results.isEmpty() ? "" : "Run of ").append(DateTimeFormatter.ISO_LOCAL_DATE.format(began.atZone(ZoneOffset.UTC)))
                .append(", seed ").append(settings.seed()).append(", ").append(settings.clients()).append(" users at once, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores")
                .append(settings.note().isEmpty() ? "" : " (" + settings.note() + ")").append(".\n");
        return md.toString();
    }

    static String summary(List<Findings> results) {
        StringBuilder out = new StringBuilder("fault suite\n");
        for (Findings r : results) {
            out.append(String.format("  %-9s %s  %s%n", r.scenario(), r.passed() ? "PASS" : "FAIL", r.description()));
            for (Map.Entry<String, Integer> count : r.counts().entrySet()) {
                out.append(String.format("      %-22s %d%n", count.getKey(), count.getValue()));
            }
            out.append(String.format("      %-22s %s%n", "recovery (max)", recovery(r)));
            r.json().path("expectations").forEach(e -> out.append(String.format("      %s %s%n",
                    e.path("met").asBoolean() ? "met:    " : "NOT MET:", e.path("expectation").asText())));
            r.json().path("evidence").forEach(e -> out.append("      evidence: ").append(e).append('\n'));
        }
        return out.toString();
    }

    /** Replaces what lies between the README's markers with the table. */
    static void updateReadme(Path readme, String table) throws IOException {
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException("README.md has no " + BEGIN + " ... " + END + " section");
        }
        Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + "\n" + table + text.substring(end));
    }

    private static String recovery(Findings r) {
        Double max = r.recoveryMaxSeconds();
        String value = max == null ? "—" : max.isInfinite() ? "none completed" : String.format("%.1f s", max);
        return r.recoveryTarget() == null ? value : value + String.format(" (target ≤ %.0f s)", r.recoveryTarget());
    }
}
