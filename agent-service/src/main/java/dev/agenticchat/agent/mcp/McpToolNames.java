package dev.agenticchat.agent.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name the model knows an MCP server's tool by: {@code <server slug>__<tool name>}, which no tool
 * of the service's own has (they hold no {@code __}) and which tells two servers' tools of one name
 * apart. OpenAI and Anthropic accept only {@code ^[a-zA-Z0-9_-]{1,64}$}: a name that does not fit has
 * its other characters replaced by {@code _}, is cut to 55 characters and ends with {@code _} and 8 hex
 * digits of the SHA-256 of the full name, so it stays the same in every turn and two tools still differ.
 */
final class McpToolNames {
    static final String SEPARATOR = "__";
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern INVALID_CHARACTER = Pattern.compile("[^a-zA-Z0-9_-]");
    private static final int KEPT = 55;

    private McpToolNames() {
    }

    static String of(String serverSlug, String toolName) {
        String full = serverSlug + SEPARATOR + toolName;
        if (VALID.matcher(full).matches()) {
            return full;
        }
        String sanitised = INVALID_CHARACTER.matcher(full).replaceAll("_");
        return sanitised.substring(0, Math.min(KEPT, sanitised.length())) + "_" + hash(full);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
