package dev.agenticchat.notification.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole template language: {@code {{name}}} is replaced by a value, HTML-escaped in HTML
 * templates. No expressions, no loops, no way for a value to become markup. A template that
 * repeats a part (a row per lead detail) fills that part once per item and inserts the results
 * as a block: markup made by this class from escaped values, never a raw value.
 */
final class TemplateText {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private TemplateText() {
    }

    static String fill(String template, Map<String, String> values, boolean html) {
        return fill(template, values, Map.of(), html);
    }

    /** HTML: {@code values} escaped, {@code blocks} (filled HTML templates) inserted as they are. */
    static String fillHtml(String template, Map<String, String> values, Map<String, String> blocks) {
        return fill(template, values, blocks, true);
    }

    private static String fill(String template, Map<String, String> values, Map<String, String> blocks, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String block = blocks.get(name);
            String value = values.get(name);
            if (block == null && value == null) {
                throw new InvalidMailRequest("template needs the parameter " + name);
            }
            String replacement = block != null ? block : html ? escapeHtml(value) : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String resource(String name) {
        try (InputStream in = TemplateText.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing mail template resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
