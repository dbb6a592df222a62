package dev.agenticchat.chat.export;

/**
 * Text made inert in HTML, in element content and in quoted attribute values alike; characters
 * HTML does not allow in a document (controls other than tab and line breaks) are dropped.
 */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F))) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
