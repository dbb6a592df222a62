package dev.agenticchat.gateway.chatkit;

import dev.agenticchat.contracts.events.ArtifactSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Artifacts as ChatKit widgets (../shared/protocols/chatkit.md §5): a {@code table} as a
 * {@code Table} widget, a bar, line or area {@code chart} as a {@code Chart}, anything else (and a
 * table or chart too large or malformed to draw) as a link card opening the thread in the web app,
 * which draws every artifact type.
 */
final class ArtifactWidgets {
    static final int MAX_TABLE_ROWS = 50;
    private static final Set<String> CHART_TYPES = Set.of("bar", "line", "area");

    private final String appUrl;

    /** {@code appUrl}: the web app's origin, without a trailing slash. */
    ArtifactWidgets(String appUrl) {
        this.appUrl = appUrl;
    }

    Map<String, Object> of(ArtifactSnapshot artifact) {
        Map<String, Object> content = artifact.content() == null ? Map.of() : artifact.content();
        Map<String, Object> drawn = "table".equals(artifact.type()) ? table(content)
                : "chart".equals(artifact.type()) ? chart(content) : null;
        if (drawn == null) {
            return linkCard(artifact.id(), artifact.title(), artifact.threadId());
        }
        return card(List.of(component("Title", "value", artifact.title(), "size", "sm"), drawn,
                link(artifact.threadId(), "Open in the app")));
    }

    /** A card naming the artifact with a Markdown link to its thread in the web app. */
    Map<String, Object> linkCard(String artifactId, String title, String threadId) {
        return card(List.of(component("Title", "value", title, "size", "sm"),
                component("Caption", "value", "artifact " + artifactId), link(threadId, "Open it in the app")));
    }

    private Map<String, Object> link(String threadId, String label) {
        return component("Markdown", "value", "[" + label + "](" + appUrl + "/#thread=" + threadId + ")");
    }

    /** {@code columns: [{name}|name], rows: [[...]|{name: value}]}: a header row, then up to {@link #MAX_TABLE_ROWS} rows. */
    private static Map<String, Object> table(Map<String, Object> content) {
        if (!(content.get("columns") instanceof List<?> columns) || !(content.get("rows") instanceof List<?> rows)
                || rows.size() > MAX_TABLE_ROWS) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object column : columns) {
            names.add(column instanceof Map<?, ?> named ? String.valueOf(named.get("name")) : String.valueOf(column));
        }
        List<Object> tableRows = new ArrayList<>();
        tableRows.add(row(new ArrayList<>(names), true));
        for (Object row : rows) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Object value = row instanceof List<?> list ? (i < list.size() ? list.get(i) : null)
                        : row instanceof Map<?, ?> map ? map.get(names.get(i)) : null;
                cells.add(value == null ? "" : String.valueOf(value));
            }
            tableRows.add(row(cells, false));
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("type", "Table");
        table.put("children", tableRows);
        return table;
    }

    private static Map<String, Object> row(List<Object> values, boolean header) {
        List<Object> cells = new ArrayList<>();
        for (Object value : values) {
            cells.add(Map.of("type", "Table.Cell", "children",
                    List.of(component("Text", "value", String.valueOf(value), "weight", header ? "semibold" : "normal"))));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", "Table.Row");
        if (header) {
            row.put("header", true);
        }
        row.put("children", cells);
        return row;
    }

    /** {@code labels, datasets: [{label, data, color?}]} as rows {@code {label, s0, s1, …}} and one series per dataset. */
    private static Map<String, Object> chart(Map<String, Object> content) {
        String chartType = String.valueOf(content.getOrDefault("chart_type", "bar"));
        if (!CHART_TYPES.contains(chartType) || !(content.get("labels") instanceof List<?> labels)
                || !(content.get("datasets") instanceof List<?> datasets)) {
            return null;
        }
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("label", String.valueOf(labels.get(i)));
            for (int s = 0; s < datasets.size(); s++) {
                if (datasets.get(s) instanceof Map<?, ?> dataset && dataset.get("data") instanceof List<?> values
                        && i < values.size() && values.get(i) instanceof Number number) {
                    point.put("s" + s, number);
                }
            }
            data.add(point);
        }
        List<Object> series = new ArrayList<>();
        for (int s = 0; s < datasets.size(); s++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("type", chartType);
            one.put("label", datasets.get(s) instanceof Map<?, ?> dataset ? String.valueOf(dataset.get("label")) : "Series " + (s + 1));
            one.put("dataKey", "s" + s);
            if (datasets.get(s) instanceof Map<?, ?> dataset && dataset.get("color") instanceof String color) {
                one.put("color", color);
            }
            series.add(one);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "Chart");
        chart.put("data", data);
        chart.put("series", series);
        chart.put("xAxis", "label");
        if (datasets.size() > 1) {
            chart.put("showLegend", true);
        }
        return chart;
    }

    private static Map<String, Object> card(List<Object> children) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("type", "Card");
        card.put("children", children);
        return card;
    }

    private static Map<String, Object> component(String type, Object... properties) {
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("type", type);
        for (int i = 0; i < properties.length; i += 2) {
            component.put((String) properties[i], properties[i + 1]);
        }
        return component;
    }
}
