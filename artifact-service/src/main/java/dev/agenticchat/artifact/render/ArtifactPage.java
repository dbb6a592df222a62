package dev.agenticchat.artifact.render;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A standalone, self-contained, read-only page of one artifact version: the HTML export, the
 * source of the PDF export and the page behind a share link. Well-formed XHTML (the PDF renderer
 * parses it as XML), every value escaped, no scripts and no external resources; an html artifact
 * contributes only its sanitised rendition.
 */
@Singleton
public class ArtifactPage {
    /**
     * For responses that carry the page: nothing may load or run but the page's own inline styles
     * and data: images, it cannot be framed, and forms and base URLs are off.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String STYLE = """
            body{font-family:Helvetica,Arial,sans-serif;color:#1f2328;margin:2rem auto;max-width:60rem;padding:0 1rem}
            h1{font-size:1.6rem;margin:0 0 .25rem}
            .meta{color:#59636e;font-size:.85rem;margin:0 0 1.5rem}
            table{border-collapse:collapse;margin:.5rem 0 1rem}
            th,td{border:1px solid #d1d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            pre{background:#f6f8fa;padding:.75rem;white-space:pre-wrap;word-wrap:break-word}
            dt{font-weight:bold;margin-top:.5rem}
            dd{margin-left:1rem}
            """;

    private final HtmlSanitizer sanitizer;

    public ArtifactPage(HtmlSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    public String render(String type, String title, int version, Map<String, Object> content) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"utf-8\" /><title>").append(Markup.escape(title)).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>").append(Markup.escape(title)).append("</h1>\n")
                .append("<p class=\"meta\">").append(Markup.escape(type.replace('_', ' '))).append(" · version ")
                .append(version).append("</p>\n<main>");
        body(html, type, content);
        return html.append("</main>\n</body></html>\n").toString();
    }

    private void body(StringBuilder html, String type, Map<String, Object> content) {
        switch (type) {
            case "chart" -> chart(html, content);
            case "csv" -> table(html, strings(content.get("headers")), rows(content.get("rows")));
            case "table" -> table(html, columnNames(content.get("columns")), rows(content.get("rows")));
            case "code" -> pre(html, "code language-" + text(content.get("language")), text(content.get("code")));
            case "markdown" -> pre(html, "markdown", text(content.get("markdown")));
            case "diagram" -> pre(html, "mermaid", text(content.get("mermaid")));
            case "html" -> html.append("<div class=\"html\">").append(sanitizer.sanitize(text(content.get("html"))))
                    .append("</div>");
            case "payment_link" -> paymentLink(html, content);
            default -> fields(html, content);
        }
    }

    private static void chart(StringBuilder html, Map<String, Object> chart) {
        List<String> labels = strings(chart.get("labels"));
        List<Map<String, Object>> datasets = objects(chart.get("datasets"));
        List<String> headers = new ArrayList<>();
        headers.add(chart.containsKey("x_axis_title") ? text(chart.get("x_axis_title")) : "");
        datasets.forEach(dataset -> headers.add(text(dataset.get("label"))));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(labels.get(i));
            for (Map<String, Object> dataset : datasets) {
                List<?> data = dataset.get("data") instanceof List<?> list ? list : List.of();
                row.add(i < data.size() ? data.get(i) : null);
            }
            rows.add(row);
        }
        html.append("<p>").append(Markup.escape(text(chart.get("chart_type")))).append(" chart");
        if (chart.containsKey("y_axis_title")) {
            html.append(", values in ").append(Markup.escape(text(chart.get("y_axis_title"))));
        }
        html.append("</p>");
        table(html, headers, rows);
    }

    private static void paymentLink(StringBuilder html, Map<String, Object> link) {
        html.append("<dl><dt>Description</dt><dd>").append(Markup.escape(text(link.get("description"))))
                .append("</dd><dt>Amount</dt><dd>").append(Markup.escape(amount(link.get("amount"), text(link.get("currency")))))
                .append("</dd><dt>Status</dt><dd>").append(Markup.escape(text(link.get("status")))).append("</dd></dl>");
    }

    /** Minor units shown in major units: 49900 USD is 499.00 USD, 1200 JPY is 1200 JPY. */
    static String amount(Object minorUnits, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return new BigDecimal(String.valueOf(minorUnits)).movePointLeft(digits).toPlainString() + " " + currency;
    }

    /** Any other type, generically: scalars as a definition list, lists of objects as tables. */
    private static void fields(StringBuilder html, Map<String, Object> content) {
        html.append("<dl>");
        List<Map.Entry<String, Object>> tables = new ArrayList<>();
        for (Map.Entry<String, Object> field : content.entrySet()) {
            if (field.getKey().equals("title")) {
                continue;
            }
            if (field.getValue() instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                tables.add(field);
            } else {
                html.append("<dt>").append(Markup.escape(field.getKey().replace('_', ' '))).append("</dt><dd>")
                        .append(Markup.escape(field.getValue() instanceof List<?> list ? String.join(", ", strings(list))
                                : text(field.getValue())))
                        .append("</dd>");
            }
        }
        html.append("</dl>");
        for (Map.Entry<String, Object> field : tables) {
            List<Map<String, Object>> items = objects(field.getValue());
            Set<String> keys = new LinkedHashSet<>();
            items.forEach(item -> keys.addAll(item.keySet()));
            List<List<Object>> rows = items.stream().map(item -> keys.stream().map(item::get).toList()).toList();
            html.append("<h2>").append(Markup.escape(field.getKey().replace('_', ' '))).append("</h2>");
            table(html, List.copyOf(keys), rows);
        }
    }

    private static void table(StringBuilder html, List<String> headers, List<List<Object>> rows) {
        html.append("<table><thead><tr>");
        headers.forEach(header -> html.append("<th>").append(Markup.escape(header)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (List<Object> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(Markup.escape(text(cell))).append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }

    private static void pre(StringBuilder html, String cssClass, String text) {
        html.append("<pre class=\"").append(Markup.escape(cssClass)).append("\">").append(Markup.escape(text))
                .append("</pre>");
    }

    /** Numbers as people write them: 10000000, not 1.0E7. */
    private static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(ArtifactPage::text).toList() : List.of();
    }

    private static List<String> columnNames(Object columns) {
        return objects(columns).stream().map(column -> text(column.get("name"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(row -> row instanceof List<?> cells ? (List<Object>) cells : List.<Object>of()).toList()
                : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Object value) {
        return value instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList()
                : List.of();
    }
}
