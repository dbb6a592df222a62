package dev.agenticchat.support.identity;

import dev.agenticchat.support.kafka.ConsumerSpec;
import dev.agenticchat.support.kafka.EventConsumers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Consumes {@code identity.events.v1} in the service's own durable group
 * ({@code <application name>-identity}; {@code agentic.identity.group} and
 * {@code agentic.identity.topic} override them, e.g. for a test's private topic; {@link IdentitySettings}).
 */
@Singleton
@Requires(beans = PersonalData.class)
class IdentityEventsListener {
    private final EventConsumers consumers;
    private final IdentityEventHandler handler;
    private final String group;
    private final String topic;

    IdentityEventsListener(EventConsumers consumers, IdentityEventHandler handler,
                           ApplicationConfiguration application, IdentitySettings settings) {
        this.consumers = consumers;
        this.handler = handler;
        this.group = groupOf(serviceName(application), settings.group());
        this.topic = settings.topic();
    }

    static String serviceName(ApplicationConfiguration application) {
        return application.getName().orElseThrow(() -> new IllegalStateException("micronaut.application.name is not set"));
    }

    /** Each service reads every identity event: its own group, never one shared with another service. */
    static String groupOf(String service, String override) {
        return override == null || override.isBlank() ? service + "-identity" : override;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(ConsumerSpec.durable(group, topic), handler::apply);
    }
}
