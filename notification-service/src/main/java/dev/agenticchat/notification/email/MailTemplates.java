package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The templates this service can render, by name. */
@Singleton
class MailTemplates {
    private final Map<String, MailTemplate> byName;

    MailTemplates(List<MailTemplate> templates) {
        this.byName = templates.stream().collect(Collectors.toUnmodifiableMap(MailTemplate::name, Function.identity()));
    }

    RenderedMail render(String name, @Nullable String locale, Map<String, String> params) {
        MailTemplate template = byName.get(name);
        if (template == null) {
            throw new InvalidMailRequest("unknown template " + name);
        }
        return template.render(locale, params);
    }
}
