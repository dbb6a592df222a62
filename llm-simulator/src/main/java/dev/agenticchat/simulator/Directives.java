package dev.agenticchat.simulator;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [[...]]} directives a test can embed in a user message to force a behaviour.
 *
 * @param failStatus  from {@code [[fail:STATUS]]}
 * @param tool        from {@code [[tool:NAME]]} or {@code [[tool:NAME:invalid]]}, else null
 * @param invalidArgs whether the tool directive asked for arguments that fail validation
 * @param text        from {@code [[text:...]]}, else null
 * @param reasoning   from {@code [[reasoning:...]]}; empty for a bare {@code [[reasoning]]} (reason in default words),
 *                    null when the message asks for no reasoning
 * @param plainText   the message with every directive removed, so keywords and echoes ignore them
 */
record Directives(OptionalInt failStatus, String tool, boolean invalidArgs, String text, String reasoning,
                  String plainText) {

    private static final Pattern DIRECTIVE = Pattern.compile("\\[\\[(\\w+)(?::(.*?))?]]", Pattern.DOTALL);
    private static final int DEFAULT_FAIL_STATUS = 500;

    static Directives parse(String message) {
        OptionalInt failStatus = OptionalInt.empty();
        String tool = null;
        boolean invalid = false;
        String text = null;
        String reasoning = null;
        Matcher matcher = DIRECTIVE.matcher(message);
        while (matcher.find()) {
            String argument = matcher.group(2) == null ? "" : matcher.group(2).trim();
            switch (matcher.group(1).toLowerCase()) {
                case "fail" -> failStatus = OptionalInt.of(failStatus(argument));
                case "tool" -> {
                    String[] parts = argument.split(":", 2);
                    tool = parts[0].trim();
                    invalid = parts.length > 1 && parts[1].trim().equalsIgnoreCase("invalid");
                }
                case "text" -> text = argument;
                case "reasoning" -> reasoning = argument;
                default -> {
                    // Unknown directives are ignored, so scenarios stay forward-compatible.
                }
            }
        }
        String plain = matcher.replaceAll("").strip();
        return new Directives(failStatus, tool == null || tool.isEmpty() ? null : tool, invalid, text, reasoning, plain);
    }

    private static int failStatus(String argument) {
        try {
            int status = Integer.parseInt(argument);
            return status >= 400 && status <= 599 ? status : DEFAULT_FAIL_STATUS;
        } catch (NumberFormatException e) {
            return DEFAULT_FAIL_STATUS;
        }
    }
}
