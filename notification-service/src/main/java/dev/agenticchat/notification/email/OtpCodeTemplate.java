package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The one-time code mail. Its wording depends on what the code allows (linking a session,
 * erasing data); the code never appears in the subject, which email_events keeps.
 */
@Singleton
class OtpCodeTemplate implements MailTemplate {
    static final String NAME = "otp_code";

    private record Wording(String subject, String heading, String intro, String ignore) {
    }

    private static final Map<String, Wording> WORDING = Map.of(
            "link_session", new Wording(
                    "Your verification code",
                    "Confirm your email address",
                    "Enter this code to link your chat session to this email address.",
                    "If you did not ask for it, ignore this mail: nothing happens without the code."),
            "delete_data", new Wording(
                    "Confirm the deletion of your data",
                    "Confirm the deletion of your data",
                    "Enter this code to confirm that all data linked to this email address is erased. This cannot be undone.",
                    "If you did not ask for it, ignore this mail: nothing is deleted without the code."));

    private final String html = TemplateText.resource("mail/otp_code.html");
    private final String text = TemplateText.resource("mail/otp_code.txt");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RenderedMail render(@Nullable String locale, Map<String, String> params) {
        Wording wording = WORDING.get(params.get("purpose"));
        if (wording == null) {
            throw new InvalidMailRequest("otp_code needs a purpose of " + WORDING.keySet());
        }
        String code = params.get("code");
        if (code == null || !code.matches("\\d{6}")) {
            throw new InvalidMailRequest("otp_code needs a six-digit code");
        }
        Map<String, String> values = Map.of(
                "heading", wording.heading(),
                "intro", wording.intro(),
                "ignore", wording.ignore(),
                "code", code,
                "minutes", params.getOrDefault("minutes", "10"));
        return new RenderedMail(wording.subject(), TemplateText.fill(html, values, true), TemplateText.fill(text, values, false));
    }
}
