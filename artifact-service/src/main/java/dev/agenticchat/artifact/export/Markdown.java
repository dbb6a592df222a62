package dev.agenticchat.artifact.export;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown of the text-like types: a markdown artifact as written; code and diagrams under their
 * title in a fenced block (the code's language, or {@code mermaid}), the fence longer than any
 * run of backticks inside so the block cannot be closed early.
 */
final class Markdown {
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private Markdown() {
    }

    static boolean supports(String type) {
        return List.of("markdown", "code", "diagram").contains(type);
    }

    static String of(String type, Map<String, Object> content) {
        return switch (type) {
            case "markdown" -> withNewline(String.valueOf(content.get("markdown")));
            case "code" -> heading(content) + fenced(String.valueOf(content.get("code")), String.valueOf(content.get("language")));
            case "diagram" -> heading(content) + fenced(String.valueOf(content.get("mermaid")), "mermaid");
            default -> throw new IllegalArgumentException("no markdown for type " + type);
        };
    }

    private static String heading(Map<String, Object> content) {
        return "# " + String.valueOf(content.get("title")).replaceAll("[\\r\\n]+", " ") + "\n\n";
    }

    static String fenced(String body, String language) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(body);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + withNewline(body) + fence + "\n";
    }

    private static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
