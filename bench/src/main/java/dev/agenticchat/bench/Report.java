package dev.agenticchat.bench;

import java.util.List;
import java.util.Locale;

/** The results table in Markdown (between markers in the README) and the self-contained HTML chart. */
final class Report {

    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";

    private Report() {
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    static String markdown(List<Row> rows, String header) {
        StringBuilder md = new StringBuilder(header).append("\n\n");
        md.append("| scenario | metric | measured | floor | × floor | target | met |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Boolean met = row.met();
            String verdict = met == null ? "" : met ? "met" : "missed (" + miss(row) + ")";
            md.append("| ").append(row.scenario()).append(" | ").append(row.metric()).append(" | ")
                    .append(number(row.value())).append(' ').append(row.unit()).append(" | ")
                    .append(Double.isNaN(row.floorMs()) ? "" : number(row.floorMs()) + " ms").append(" | ")
                    .append(Double.isNaN(row.ratio()) ? "" : number(row.ratio()) + "×").append(" | ")
                    .append(row.targetText()).append(" | ").append(verdict).append(" |\n");
        }
        return md.toString();
    }

    /** How far off a missed target is, as a factor of it. */
    private static String miss(Row row) {
        double factor = row.higherIsBetter() ? row.target() / row.value() : row.value() / row.target();
        return number(factor) + "× " + (row.higherIsBetter() ? "short" : "over");
    }

    /** The README with everything between the markers replaced; an error if the markers are missing. */
    static String replaceBetweenMarkers(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("README has no " + BEGIN + " … " + END + " section");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
    }

    /** One horizontal bar per row with a target, scaled to the larger of value and target; inline SVG, no scripts. */
    static String html(List<Row> rows, String header, String json) {
        StringBuilder svg = new StringBuilder();
        List<Row> charted = rows.stream().filter(r -> r.target() != null && !Double.isNaN(r.value())).toList();
        int barHeight = 26;
        int height = charted.size() * barHeight + 20;
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='980' height='").append(height)
                .append("' font-family='sans-serif' font-size='12'>");
        int y = 10;
        for (Row row : charted) {
            double scale = Math.max(row.value(), row.target());
            double width = scale <= 0 ? 0 : 500 * row.value() / scale;
            double mark = scale <= 0 ? 0 : 500 * row.target() / scale;
            String color = Boolean.TRUE.equals(row.met()) ? "#2e8b57" : "#c0392b";
            svg.append("<text x='0' y='").append(y + 16).append("'>").append(escape(row.scenario() + ": " + row.metric()))
                    .append("</text>");
            svg.append("<rect x='330' y='").append(y + 4).append("' width='").append(fmt(width))
                    .append("' height='16' fill='").append(color).append("'/>");
            svg.append("<line x1='").append(fmt(330 + mark)).append("' x2='").append(fmt(330 + mark)).append("' y1='")
                    .append(y).append("' y2='").append(y + 24).append("' stroke='black' stroke-width='2'/>");
            svg.append("<text x='840' y='").append(y + 16).append("'>").append(escape(number(row.value()) + " "
                    + row.unit() + " (" + row.targetText() + ")")).append("</text>");
            y += barHeight;
        }
        svg.append("</svg>");
        return "<!doctype html><html><head><meta charset='utf-8'><title>agentic-chat benchmark</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}pre{background:#f4f4f4;padding:1em;"
                + "overflow:auto}</style></head><body><h1>agentic-chat benchmark</h1><p>" + escape(header)
                + "</p><p>Bars: measured value; black line: target (green met, red missed).</p>" + svg
                + "<h2>Table</h2>" + htmlTable(rows) + "<h2>results.json</h2><pre>" + escape(json)
                + "</pre></body></html>\n";
    }

    private static String htmlTable(List<Row> rows) {
        StringBuilder t = new StringBuilder("<table><tr><th>scenario</th><th>metric</th><th>measured</th><th>floor</th>"
                + "<th>× floor</th><th>target</th><th>met</th></tr>");
        for (Row row : rows) {
            Boolean met = row.met();
            t.append("<tr><td>").append(escape(row.scenario())).append("</td><td>").append(escape(row.metric()))
                    .append("</td><td>").append(escape(number(row.value()) + " " + row.unit())).append("</td><td>")
                    .append(Double.isNaN(row.floorMs()) ? "" : number(row.floorMs()) + " ms").append("</td><td>")
                    .append(Double.isNaN(row.ratio()) ? "" : number(row.ratio()) + "×").append("</td><td>")
                    .append(escape(row.targetText())).append("</td><td>")
                    .append(met == null ? "" : met ? "met" : "missed").append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
