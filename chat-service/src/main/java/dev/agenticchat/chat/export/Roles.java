package dev.agenticchat.chat.export;

/** How a transcript names who wrote a message. */
final class Roles {
    private Roles() {
    }

    static String label(String role) {
        return switch (role) {
            case "user" -> "User";
            case "assistant" -> "Assistant";
            default -> role;
        };
    }
}
