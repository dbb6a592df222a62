package dev.agenticchat.artifact.export;

import java.math.BigDecimal;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, CRLF after every record, a field quoted when it holds a comma,
 * a quote, a line break or edge spaces, quotes doubled. A text cell a spreadsheet would take for
 * a formula (starting with {@code = + - @}, tab or carriage return) is prefixed with {@code '},
 * so opening the file cannot run it (CSV injection); numbers are written as numbers.
 */
final class Csv {
    private Csv() {
    }

    static String write(List<String> headers, List<? extends List<?>> rows) {
        StringBuilder csv = new StringBuilder();
        record(csv, headers);
        rows.forEach(row -> record(csv, row));
        return csv.toString();
    }

    private static void record(StringBuilder csv, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double || cell instanceof Float) {
            return new BigDecimal(cell.toString()).stripTrailingZeros().toPlainString();
        }
        if (cell instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (cell instanceof Number || cell instanceof Boolean) {
            return cell.toString();
        }
        String text = guarded(cell.toString());
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || !text.equals(text.strip());
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String guarded(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
