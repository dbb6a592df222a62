package dev.agenticchat.notification.summary;

import dev.agenticchat.contracts.events.ConversationSummarized;
import dev.agenticchat.support.events.EventCodec;
import dev.agenticchat.support.events.EventEnvelope;
import dev.agenticchat.support.events.MalformedEventException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails a conversation summary to the tenant's summary recipient (with the lead profile) and,
 * when the thread owner is a linked person, to them (the summary only). Who they are comes from
 * the gateway, asked outside the transaction so no database connection waits on it; an
 * unreachable gateway fails the record, which is retried until it answers. Other agent events
 * are skipped on their type.
 */
@Singleton
class SummaryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryHandler.class);

    private final EventCodec codec;
    private final GatewayDirectoryClient gateway;
    private final SummaryService mails;

    SummaryHandler(EventCodec codec, GatewayDirectoryClient gateway, SummaryService mails) {
        this.codec = codec;
        this.gateway = gateway;
        this.mails = mails;
    }

    void apply(EventEnvelope event) throws IOException, InterruptedException {
        if (!ConversationSummarized.TYPE.equals(event.type()) || mails.alreadyQueued(event.id())) {
            return;
        }
        if (event.tenantId() == null || event.userId() == null) {
            throw new MalformedEventException("a conversation summary needs ce_tenantid and ce_userid (the thread owner)");
        }
        ConversationSummarized summary = (ConversationSummarized) codec.decode(event);
        if (summary.summary() == null || summary.summary().isBlank()) {
            throw new MalformedEventException("a conversation summary without a summary");
        }
        int queued = mails.queue(event, summary, recipients(event.tenantId(), event.userId()));
        LOG.info("conversation summary: {} mail(s) queued", queued);
    }

    private SummaryService.Recipients recipients(String tenantId, String userId) throws IOException, InterruptedException {
        Optional<GatewayDirectoryClient.Tenant> tenant = gateway.tenant(tenantId, userId);
        String summaryRecipient = tenant.map(GatewayDirectoryClient.Tenant::summaryRecipient)
                .filter(a -> !a.isBlank()).orElse(null);
        if (tenant.isEmpty()) {
            LOG.warn("the gateway does not know tenant {}: no summary recipient", tenantId);
        } else if (summaryRecipient == null) {
            LOG.info("tenant {} has no summary recipient", tenantId);
        }
        Optional<GatewayDirectoryClient.User> owner = gateway.user(tenantId, userId);
        if (owner.isEmpty()) {
            LOG.warn("the gateway does not know user {}: the summary is not offered to them", userId);
        }
        String person = owner.filter(user -> GatewayDirectoryClient.User.PERSON.equals(user.kind()))
                .filter(user -> tenantId.equals(user.tenantId()))
                .map(GatewayDirectoryClient.User::email)
                .filter(address -> !address.isBlank())
                .orElse(null);
        if (owner.isPresent() && !tenantId.equals(owner.get().tenantId())) {
            LOG.warn("user {} belongs to another tenant than its thread: the summary is not offered to them", userId);
        }
        return new SummaryService.Recipients(summaryRecipient, person);
    }
}
