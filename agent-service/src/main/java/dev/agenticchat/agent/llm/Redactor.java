package dev.agenticchat.agent.llm;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks what must never be stored with a request body: API keys and bearer tokens, secrets
 * written as {@code name=value}, and one-time codes (the product mails 6-digit sign-in codes).
 * Deliberately greedy: any standalone run of 6 to 8 digits goes too (a price or a date may with
 * it), as does a code written in two halves after a word like "code" or "OTP".
 */
final class Redactor {
    static final String REDACTED = "[redacted]";

    private static final List<Pattern> WHOLE = List.of(
            // OpenAI (sk-..., sk-proj-...) and Anthropic (sk-ant-...) keys.
            Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{8,}"),
            // JSON Web Tokens: header.payload.signature.
            Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*"),
            // AWS access key ids.
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            // A code in two halves after the word that names it: "code: 123 456".
            Pattern.compile("(?i)(?<=\\b(?:code|otp|passcode|pin)\\b[^\\d\\n]{0,20})\\d{3}[ \\-]\\d{3}(?![\\w\\-])"),
            // Any standalone run of 6 to 8 digits (not part of a longer number, word or id).
            Pattern.compile("(?<![\\w\\-.,])\\d{6,8}(?![\\w\\-]|[.,]\\d)"));

    /** The credential after its scheme or name; the scheme or name stays, so a reader sees what was there. */
    private static final List<Pattern> VALUES = List.of(
            Pattern.compile("(?i)(\\b(?:Bearer|Basic|Token)\\s+)[A-Za-z0-9._~+/=\\-]{8,}"),
            Pattern.compile("(?i)(\\b[\\w\\-]*(?:api[_\\-]?key|apikey|secret|password|passwd|pwd|access[_\\-]?token"
                    + "|refresh[_\\-]?token|auth[_\\-]?token|client[_\\-]?secret|private[_\\-]?key)[\"']?\\s*[:=]\\s*[\"']?)"
                    + "[^\\s\"',;&}]+"));

    private Redactor() {
    }

    @Nullable
    static String redact(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Pattern pattern : VALUES) {
            result = pattern.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + REDACTED));
        }
        for (Pattern pattern : WHOLE) {
            result = pattern.matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
        }
        return result;
    }
}
