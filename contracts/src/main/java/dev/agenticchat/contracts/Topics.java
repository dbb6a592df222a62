package dev.agenticchat.contracts;

import java.util.List;

/**
 * Kafka topic names, {@code <domain>.<kind>.v<major>}. Partition counts live in
 * deploy/kafka/topics.tsv, the one list every deployment creates topics from.
 * Record key is the thread id unless a topic says otherwise.
 */
public final class Topics {
    public static final String CHAT_MESSAGES = "chat.messages.v1";
    public static final String AGENT_EVENTS = "agent.events.v1";
    public static final String AGENT_COMMANDS = "agent.commands.v1";
    /**
     * Changes to the tenants' agents (AgentConfigChanged), apart from the high-volume turn stream of
     * {@link #AGENT_EVENTS}. Key = agent id (not a thread), so one agent's versions stay in order.
     */
    public static final String AGENT_CONFIGS = "agent.configs.v1";
    /** The tenants' spending against their budgets (BudgetThresholdReached). Key = tenant id (not a thread). */
    public static final String AGENT_BUDGETS = "agent.budgets.v1";
    public static final String ARTIFACT_EVENTS = "artifact.events.v1";
    public static final String IDENTITY_EVENTS = "identity.events.v1";
    public static final String RETRIEVAL_EVENTS = "retrieval.events.v1";
    /** Ingestion commands of retrieval-service to itself. Key = tenant id (not a thread). */
    public static final String RETRIEVAL_INGESTION = "retrieval.ingestion.v1";
    public static final String NOTIFICATION_REQUESTS = "notification.requests.v1";
    public static final String NOTIFICATION_EVENTS = "notification.events.v1";

    public static final List<String> ALL = List.of(CHAT_MESSAGES, AGENT_EVENTS, AGENT_COMMANDS, AGENT_CONFIGS,
            AGENT_BUDGETS, ARTIFACT_EVENTS, IDENTITY_EVENTS, RETRIEVAL_EVENTS, RETRIEVAL_INGESTION, NOTIFICATION_REQUESTS, NOTIFICATION_EVENTS);

    private Topics() {
    }

    /** Where a consumer parks records it cannot process, with the error in headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
