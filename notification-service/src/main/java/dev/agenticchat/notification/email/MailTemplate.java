package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/** One kind of mail. Every parameter value is escaped in the HTML body. */
interface MailTemplate {
    String name();

    RenderedMail render(@Nullable String locale, Map<String, String> params);
}
