package dev.agenticchat.notification.email;

import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import jakarta.inject.Singleton;

/** Sends the mail a {@link SendEmail} asks for; other request types are not for this handler. */
@Singleton
class MailRequestHandler {
    private final EventCodec codec;
    private final Mailer mailer;
    private final MailOutcomeService outcomes;

    MailRequestHandler(EventCodec codec, Mailer mailer, MailOutcomeService outcomes) {
        this.codec = codec;
        this.mailer = mailer;
        this.outcomes = outcomes;
    }

    void apply(EventEnvelope event) throws InterruptedException {
        if (!SendEmail.TYPE.equals(event.type()) || outcomes.alreadyHandled(event.id())) {
            return;
        }
        SendEmail request = (SendEmail) codec.decode(event);
        outcomes.close(event.id(), request, mailer.deliver(event.id(), request));
    }
}
